/**
 * «innspel» / «innspill» / «input»: input rounds. The secretariat opens a round, follows it and
 * closes it; members answer in a DM, edit or withdraw their own, or send free input to a body
 * when no round is open for them.
 */
import type { Dialog } from '../../src/dialog.js';
import { actions } from './actions.js';
import { command } from './commands.js';
import { roundExports } from './exports.js';
import { DIALOG } from './ids.js';
import { roundJobs } from './jobs.js';
import { mayRunRounds } from './rules.js';
import { status } from './status.js';
import { forms } from './submissions.js';
import { roundTemplates } from './templates.js';
import { texts } from './texts.js';

export const inputDialog: Dialog = {
  id: DIALOG,
  commands: { nb: ['innspill', 'runde'], nn: ['innspel', 'innspelsrunde'], en: ['input', 'round'] },
  helpLine: (ctx) => `• ${texts(ctx.lang, mayRunRounds(ctx.member) ? 'input.help.secretariat' : 'input.help.line')}`,
  command,
  actions,
  forms,
  status,
  jobs: (services) => roundJobs(services),
  templates: () => roundTemplates(),
  exports: () => roundExports(),
};
