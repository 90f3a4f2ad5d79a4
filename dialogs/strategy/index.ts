/**
 * «strategi» / «tilbakemelding»: strategy drafts, version by version, with feedback section by
 * section and party by party. Members walk a draft; the secretariat loads versions, opens feedback
 * periods, reads the feedback and records decisions. See walk.ts (members) and admin.ts
 * (secretariat); the rules live in service.ts.
 */
import { StrategyVersion } from '../../models/strategy.js';
import { GENERAL } from '../../models/feedback.js';
import type { Dialog, DialogContext } from '../../src/dialog.js';
import { canAdminister, require } from '../../src/permissions.js';
import { action } from '../../src/payload.js';
import { formatDateTime } from '../../src/time.js';
import type { Element } from '../../src/ui.js';
import {
  closeNow,
  compare,
  decideForm,
  exportLink,
  loadFormFor,
  openForm,
  overview,
  progressLines,
  sectionDetail,
  sendForAnchoring,
  showList,
  submitDecide,
  submitLoad,
  submitOpen,
} from './admin.js';
import { STRATEGY_LOAD_USAGE, strategyLoad } from './cli.js';
import { seedDemoStrategy } from './demo.js';
import { strategyExports } from './exports.js';
import { strategyJobs, strategyTemplates } from './jobs.js';
import { findVersion, hasContent, myFeedback, openVersionsFor, summarize } from './service.js';
import { t } from './texts.js';
import {
  D,
  advance,
  back,
  doneReply,
  feedbackForm,
  generalForm,
  jump,
  pauseReply,
  showEnd,
  showMine,
  showPosition,
  showSection,
  startWalk,
  submitFeedback,
  submitGeneral,
  tapStance,
} from './walk.js';

const NEW_WORDS = new Set(['ny', 'nytt', 'new', 'last', 'load']);

const unknown = (ctx: DialogContext) => ({ replies: [{ text: t(ctx.lang, 'errUnknownVersion'), visibility: 'private' as const }] });
const str = (x: unknown) => (typeof x === 'string' ? x : '');

export const strategyDialog: Dialog = {
  id: D,
  commands: { nb: ['strategi', 'tilbakemelding'], nn: ['strategi', 'tilbakemelding'], en: ['strategy', 'feedback'] },
  async seedDemo(community) {
    await seedDemoStrategy(community._id);
  },
  cli: { 'strategy-load': { usage: STRATEGY_LOAD_USAGE, run: strategyLoad } },
  helpLine: (ctx) => {
    const word = ctx.lang === 'en' ? 'strategy' : 'strategi';
    return canAdminister(ctx.member) ? `• *${word}*: ${t(ctx.lang, 'helpAdmin')}` : `• *${ctx.lang === 'en' ? 'feedback' : 'tilbakemelding'}*: ${t(ctx.lang, 'help')}`;
  },

  async command(ctx, args, word) {
    if (word === 'tilbakemelding' || word === 'feedback') return startWalk(ctx);
    if (canAdminister(ctx.member)) {
      if (NEW_WORDS.has(args.trim().toLowerCase())) {
        const form = await loadFormFor(ctx, null);
        return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
      }
      return showList(ctx);
    }
    return startWalk(ctx);
  },

  async action(ctx, p) {
    const a = p.a ?? {};
    if (p.s === 'list') return showList(ctx);
    const v = await findVersion(ctx.community._id, a.v);
    if (!v) return unknown(ctx);
    const k = str(a.k);
    switch (p.s) {
      // the member's walk
      case 'go':
        return k ? showSection(ctx, v, k) : showPosition(ctx, v);
      case 'st':
        return tapStance(ctx, v, k, str(a.st));
      case 'nx':
        return k === GENERAL ? showEnd(ctx, v) : advance(ctx, v, k);
      case 'pv':
        return back(ctx, v, k);
      case 'jp':
        return jump(ctx, v, str(a.value));
      case 'end':
        return showEnd(ctx, v);
      case 'pause':
        return pauseReply(ctx, v);
      case 'done':
        return doneReply(ctx, v);
      case 'mine':
        return showMine(ctx, v);
      // the secretariat
      case 'ov':
        return overview(ctx, v);
      case 'sec':
        return sectionDetail(ctx, v, str(a.value) || k);
      case 'cmp':
        return compare(ctx, v);
      case 'exp':
        return exportLink(ctx, v, str(a.f));
      case 'close':
        return closeNow(ctx, v);
      case 'anchor':
        return sendForAnchoring(ctx, v);
      default:
        return unknown(ctx);
    }
  },

  async form(ctx, formId, args) {
    const a = args ?? {};
    if (formId === 'load') {
      require(canAdminister(ctx.member));
      return loadFormFor(ctx, a.st);
    }
    const v = await findVersion(ctx.community._id, a.v);
    if (!v) return null;
    switch (formId) {
      case 'fb': {
        const k = str(a.k);
        if (!v.sections.some((s) => s.key === k)) return null;
        return feedbackForm(ctx, v, k, (await myFeedback(v, ctx.member._id)).get(k));
      }
      case 'gen':
        return generalForm(ctx, v, (await myFeedback(v, ctx.member._id)).get(GENERAL));
      case 'open':
        require(canAdminister(ctx.member));
        return openForm(ctx, v);
      case 'decide':
        require(canAdminister(ctx.member));
        return decideForm(ctx.lang, v);
      default:
        return null;
    }
  },

  async submit(ctx, formId, values, args) {
    const a = args ?? {};
    if (formId === 'load') return submitLoad(ctx, values, a.st);
    const v = await findVersion(ctx.community._id, a.v);
    switch (formId) {
      case 'fb':
        return submitFeedback(ctx, v, str(a.k), { stance: str(values.stance), comment: str(values.comment), proposal: str(values.proposal) });
      case 'gen':
        return submitGeneral(ctx, v, str(values.comment));
      case 'open':
        return submitOpen(ctx, v, values);
      case 'decide':
        return submitDecide(ctx, v, values);
      default:
        return { replies: [], errors: { _form: t(ctx.lang, 'errUnknownVersion') } };
    }
  },

  async status(ctx) {
    const { lang } = ctx;
    const els: Element[] = [];
    for (const v of (await openVersionsFor(ctx.member)).slice(0, 3)) {
      const mine = await myFeedback(v, ctx.member._id);
      const answered = v.sections.filter((s) => hasContent(mine.get(s.key))).length;
      els.push({ type: 'section', text: t(lang, 'statusMember', { title: v.title, label: v.label, date: formatDateTime(v.deadline!, lang), answered, total: v.sections.length }) });
      els.push({ type: 'buttons', buttons: [{ label: t(lang, answered ? 'continueButton' : 'startButton'), action: action(D, 'go', { v: String(v._id) }), style: 'primary' }] });
    }
    if (canAdminister(ctx.member)) {
      const open = await StrategyVersion.find({ community: ctx.community._id, state: 'open' }).sort({ deadline: 1 }).limit(3);
      for (const v of open) {
        const sum = await summarize(v);
        const responded = sum.parties.filter((p) => sum.responded.has(String(p._id))).length;
        els.push({ type: 'section', text: [t(lang, 'statusAdmin', { title: v.title, label: v.label, date: v.deadline ? formatDateTime(v.deadline, lang) : '', responded, parties: sum.parties.length }), ...progressLines(sum, lang)].join('\n') });
        els.push({ type: 'buttons', buttons: [{ label: t(lang, 'overviewButton', { label: v.label }), action: action(D, 'ov', { v: String(v._id) }) }] });
      }
    }
    return els;
  },

  jobs: (services) => strategyJobs(services),
  templates: () => strategyTemplates(),
  exports: () => strategyExports(),
};
