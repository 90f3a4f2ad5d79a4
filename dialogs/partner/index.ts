/**
 * Partner decisions: sending a subject out to the parties for their own decision, recording each
 * party's decision, reminding the missing — the same whatever was sent out (a case, a strategy
 * version). The dialog has no command word: members reach the form from the notice and reminders
 * they get, or from the subject's own view. Other capabilities use service.ts and views.ts.
 */
import type { Dialog } from '../../src/dialog.js';
import { partnerActions } from './actions.js';
import { recordDecision } from './forms.js';
import { partnerJobs, partnerTemplates } from './jobs.js';
import { PARTNER_DIALOG } from './names.js';

export const partnerDialog: Dialog = {
  id: PARTNER_DIALOG,
  commands: { nb: [], nn: [], en: [] },
  actions: partnerActions,
  forms: { record: recordDecision },
  jobs: (services) => partnerJobs(services),
  templates: () => partnerTemplates(),
};
