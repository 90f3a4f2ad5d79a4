/** The secretariat's steps on rounds, the same whether typed («innspel påminn 3») or tapped. */
import type { RoundDoc } from '../../models/round.js';
import type { Args, DialogContext, StepResult } from '../../src/dialog.js';
import { require } from '../../src/permissions.js';
import { texts as coreTexts } from '../../src/texts.js';
import { newestFree } from './contributions.js';
import { currentDeadlineValue, deadlineForm } from './forms.js';
import { done, formReply, priv } from './replies.js';
import { isOpenNow, mayRunRounds, type RoundStep } from './rules.js';
import { findRound, newestRounds, roundById } from './find.js';
import { closeByHand, remindNow } from './service.js';
import { texts } from './texts.js';
import { confirmCloseReply, freeListReply, overviewReply, roundCard, summaryCard } from './views.js';

/** The secretariat's steps on one round: those its phase offers, and its status card. */
export type RoundStepName = RoundStep | 'status';

/** The round a typed step names by number, or the one most in focus; a reply when there is none. */
export async function roundFor(ctx: DialogContext, no: string): Promise<RoundDoc | StepResult> {
  const round = await findRound(ctx.community._id, no || undefined);
  if (round) return round;
  return done(priv(no ? texts(ctx.lang, 'input.error.unknownRound', { no }) : texts(ctx.lang, 'input.reply.noRounds')));
}

export async function overview(ctx: DialogContext): Promise<StepResult> {
  return done(overviewReply(ctx, await newestRounds(ctx.community._id, 8)));
}

async function remind(ctx: DialogContext, round: RoundDoc): Promise<StepResult> {
  require(mayRunRounds(ctx.member));
  if (!isOpenNow(round)) return done(priv(texts(ctx.lang, 'input.error.notOpen', { title: round.title })));
  const r = await remindNow(ctx.services, round, ctx.member);
  return done(priv(r.members ? texts(ctx.lang, 'input.reply.reminded', r) : texts(ctx.lang, 'input.reply.nobodyMissing')));
}

async function confirmClose(ctx: DialogContext, round: RoundDoc): Promise<StepResult> {
  require(mayRunRounds(ctx.member));
  if (round.status === 'closed') return done(priv(texts(ctx.lang, 'input.error.alreadyClosed', { title: round.title })));
  return done(confirmCloseReply(ctx.lang, round));
}

export async function doClose(ctx: DialogContext, round: RoundDoc): Promise<StepResult> {
  require(mayRunRounds(ctx.member));
  if (!(await closeByHand(ctx.services, round, ctx.member))) return done(priv(texts(ctx.lang, 'input.error.alreadyClosed', { title: round.title })));
  const fresh = (await roundById(ctx.community._id, String(round._id)))!;
  return done(await roundCard(ctx, fresh, 'closed'));
}

async function deadlineFormReply(ctx: DialogContext, round: RoundDoc): Promise<StepResult> {
  require(mayRunRounds(ctx.member));
  const f = deadlineForm(round, ctx.lang);
  f.values = currentDeadlineValue(round);
  return done(formReply(f));
}

export async function freeList(ctx: DialogContext): Promise<StepResult> {
  require(mayRunRounds(ctx.member));
  const items = await newestFree(ctx.community._id, ctx.lang, 15);
  if (!items.length) return done(priv(texts(ctx.lang, 'input.reply.freeNone')));
  return done(await freeListReply(ctx, items));
}

/** Each step on one round, by the name the command word and the button share. */
export const roundSteps: Record<RoundStepName, (ctx: DialogContext, round: RoundDoc) => Promise<StepResult>> = {
  status: async (ctx, round) => done(await roundCard(ctx, round)),
  remind,
  summary: async (ctx, round) => done(await summaryCard(ctx, round)),
  close: confirmClose,
  deadline: deadlineFormReply,
};

/** A button on one round: the secretariat's, and only for a round of this community. */
export function onRound(then: (ctx: DialogContext, round: RoundDoc) => Promise<StepResult>) {
  return async (ctx: DialogContext, args: Args): Promise<StepResult> => {
    require(mayRunRounds(ctx.member));
    const round = await roundById(ctx.community._id, args?.r);
    if (!round) return done(priv(coreTexts(ctx.lang, 'core.error.expiredAction')));
    return then(ctx, round);
  };
}
