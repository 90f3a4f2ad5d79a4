/**
 * «strategi» / «tilbakemelding»: strategy drafts, version by version, with feedback section by
 * section and party by party. Members walk a draft (walk-steps.ts); the secretariat loads
 * versions, opens feedback periods, reads the feedback and records decisions (admin.ts). The
 * rules are in rules.ts, the data in service.ts, periods.ts and summary.ts.
 */
import type { Dialog } from '../../src/dialog.js';
import { canAdminister } from '../../src/permissions.js';
import { strategyActions } from './actions.js';
import { showList } from './admin.js';
import { STRATEGY_LOAD_USAGE, strategyLoad } from './cli.js';
import { strategyStatus } from './dashboard.js';
import { seedDemoStrategy } from './demo.js';
import { strategyExports } from './exports.js';
import { loadForm } from './form-specs.js';
import { strategyForms } from './forms.js';
import { D } from './ids.js';
import { strategyJobs, strategyTemplates } from './jobs.js';
import { wantsNewDraft } from './rules.js';
import { texts } from './texts.js';
import { startWalk } from './walk-steps.js';

export const strategyDialog: Dialog = {
  id: D,
  commands: { nb: ['strategi', 'tilbakemelding'], nn: ['strategi', 'tilbakemelding'], en: ['strategy', 'feedback'] },
  async seedDemo(community) {
    await seedDemoStrategy(community._id);
  },
  cli: { 'strategy-load': { usage: STRATEGY_LOAD_USAGE, run: strategyLoad } },
  helpLine: (ctx) => `• ${texts(ctx.lang, canAdminister(ctx.member) ? 'strategy.help.admin' : 'strategy.help.member')}`,

  async command(ctx, args, word) {
    if (word === 'tilbakemelding' || word === 'feedback') return startWalk(ctx);
    if (!canAdminister(ctx.member)) return startWalk(ctx);
    if (!wantsNewDraft(args)) return showList(ctx);
    const form = loadForm(ctx.lang, null);
    return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
  },

  actions: strategyActions,
  forms: strategyForms,
  status: strategyStatus,
  jobs: (services) => strategyJobs(services),
  templates: () => strategyTemplates(),
  exports: () => strategyExports(),
};
