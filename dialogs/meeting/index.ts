/**
 * «møte» / «meeting»: members see their upcoming meetings with their answer, open one for the
 * agenda and papers, and answer attending / not attending / sending a deputy. The secretariat
 * creates, changes, moves and cancels meetings and sees who is coming, by party.
 */
import type { Dialog } from '../../src/dialog.js';
import { actions } from './actions.js';
import { mountCalendar } from './calendar.js';
import { command } from './commands.js';
import { meetingExports } from './exports.js';
import { DIALOG } from './ids.js';
import { meetingJobs, meetingTemplates } from './jobs.js';
import { status } from './status.js';
import { forms } from './submissions.js';
import { texts } from './texts.js';

export const meetingDialog: Dialog = {
  id: DIALOG,
  commands: { nb: ['møte', 'møter'], nn: ['møte'], en: ['meeting', 'meetings', 'rsvp'] },
  helpLine: (ctx) => (ctx.member.memberships.length ? `• ${texts(ctx.lang, 'meeting.help.line')}` : null),
  command,
  actions,
  forms,
  status,
  jobs: (services) => meetingJobs(services),
  templates: (services) => meetingTemplates(services),
  exports: () => meetingExports(),
  routes: (http, services) => mountCalendar(http, services),
};
