/** The buttons, by step name: a member's (answer, edit, withdraw …) and the secretariat's on one round. */
import type { ActionHandler } from '../../src/dialog.js';
import { require } from '../../src/permissions.js';
import { texts as coreTexts } from '../../src/texts.js';
import { changeOwn, ownContribution } from './contributions.js';
import { answerValues, editForm, openRoundForm } from './forms.js';
import { changeResult, fromMessage, mine, showAnswerForm, showFreeForm } from './member-steps.js';
import { done, formReply, priv } from './replies.js';
import { doClose, onRound, roundSteps } from './round-steps.js';
import { isOpenNow, mayRunRounds } from './rules.js';
import { roundById } from './find.js';
import { texts } from './texts.js';
import type { Lang } from '../../src/ui.js';

const expired = (lang: Lang) => done(priv(coreTexts(lang, 'core.error.expiredAction')));

export const actions: Record<string, ActionHandler> = {
  /** `m`: chosen from the rounds offered for a shared message, which goes with it. */
  async answer(ctx, a) {
    const round = await roundById(ctx.community._id, a?.r);
    if (!round) return expired(ctx.lang);
    const shared = a?.m && typeof ctx.state?.shared === 'string' ? ctx.state.shared : undefined;
    return showAnswerForm(ctx, round, shared);
  },
  'from-message': (ctx) => fromMessage(ctx),
  mine: (ctx) => mine(ctx),
  free: (ctx) => showFreeForm(ctx),
  async edit(ctx, a) {
    const own = await ownContribution(ctx.member, a?.c);
    if (!own) return expired(ctx.lang);
    if (!isOpenNow(own.round)) return done(priv(texts(ctx.lang, 'input.error.tooLate', { title: own.round.title })));
    const f = editForm(own.round, ctx.lang, String(own.contribution._id));
    f.values = answerValues(own.round, own.contribution);
    return done(formReply(f));
  },
  withdraw: async (ctx, a) => changeResult(ctx, await changeOwn(ctx.member, String(a?.c), { status: 'withdrawn' }), 'withdrawn'),
  restore: async (ctx, a) => changeResult(ctx, await changeOwn(ctx.member, String(a?.c), { status: 'active' }), 'restored'),
  async new(ctx) {
    require(mayRunRounds(ctx.member));
    return done(formReply(await openRoundForm(ctx.community, ctx.lang)));
  },
  status: onRound(roundSteps.status),
  remind: onRound(roundSteps.remind),
  summary: onRound(roundSteps.summary),
  close: onRound(roundSteps.close),
  deadline: onRound(roundSteps.deadline),
  'close-yes': onRound(doClose),
};
