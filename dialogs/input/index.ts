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
import { t } from './texts.js';

const HELP_WORD = { nb: 'innspill', nn: 'innspel', en: 'input' } as const;

export const inputDialog: Dialog = {
  id: DIALOG,
  commands: { nb: ['innspill', 'runde'], nn: ['innspel', 'innspelsrunde'], en: ['input', 'round'] },
  helpLine: (ctx) => `• *${HELP_WORD[ctx.lang]}*: ${t(ctx.lang, mayRunRounds(ctx.member) ? 'helpSecretariat' : 'help')}`,
  command,
  actions,
  forms,
  status,
  jobs: (services) => roundJobs(services),
  templates: () => roundTemplates(),
  exports: () => roundExports(),
};
