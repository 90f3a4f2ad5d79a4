/**
 * The member's walk, step by step: each step checks the version takes feedback, saves what the
 * member did and where they are (FeedbackPosition, so «tilbakemelding» continues there from any
 * platform, also after a restart), and shows the next screen.
 */
import { GENERAL } from '../../models/feedback.js';
import type { VersionDoc } from '../../models/strategy.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { canAdminister } from '../../src/permissions.js';
import { StrategyError } from './errors.js';
import { feedbackClosed, hasSection, isStance, nextKey, previousKey } from './rules.js';
import { giveFeedback, myFeedback, newerOpenVersion, openVersionsFor, positionOf, previousVersion, setPosition } from './service.js';
import { texts } from './texts.js';
import { chooseVersionReply, endReply, finishedReply, introNotices, mineReply, nothingOpenReply, notOpenReply, pausedReply, sectionReply } from './walk.js';
import { errorText, priv, stanceLabel } from './words.js';

const reply = (...replies: StepResult['replies']): StepResult => ({ replies });

/** «tilbakemelding»: continue the open version (or choose one when several are open). */
export async function startWalk(ctx: DialogContext): Promise<StepResult> {
  const open = await openVersionsFor(ctx.member);
  if (!open.length) return reply(nothingOpenReply(ctx.lang, canAdminister(ctx.member)));
  if (open.length === 1) return showPosition(ctx, open[0]!);
  return reply(chooseVersionReply(ctx.lang, open));
}

/** Where the member left off: the saved position, or the first section with an introduction. */
export async function showPosition(ctx: DialogContext, v: VersionDoc): Promise<StepResult> {
  const pos = await positionOf(v, ctx.member._id);
  if (pos === GENERAL) return showEnd(ctx, v, [texts(ctx.lang, 'strategy.reply.welcomeBack')]);
  if (pos && hasSection(v, pos)) return showSection(ctx, v, pos, [texts(ctx.lang, 'strategy.reply.welcomeBack')]);
  return showSection(ctx, v, v.sections[0]!.key, introNotices(ctx.lang, v));
}

/** The version takes no feedback now: the reason as a reply, else null. */
async function refused(ctx: DialogContext, v: VersionDoc): Promise<StepResult | null> {
  const closed = feedbackClosed(v);
  if (!closed) return null;
  return reply(notOpenReply(ctx.lang, v, new StrategyError(closed), await newerOpenVersion(v)));
}

export async function showSection(ctx: DialogContext, v: VersionDoc, key: string, notices: string[] = []): Promise<StepResult> {
  const blocked = await refused(ctx, v);
  if (blocked) return blocked;
  const i = Math.max(
    0,
    v.sections.findIndex((s) => s.key === key),
  );
  await setPosition(v, ctx.member._id, v.sections[i]!.key);
  const mine = await myFeedback(v, ctx.member._id);
  const prev = v.number > 1 ? await previousVersion(v) : null;
  return reply(sectionReply(ctx.lang, v, i, mine, prev, notices));
}

export async function showEnd(ctx: DialogContext, v: VersionDoc, notices: string[] = []): Promise<StepResult> {
  const blocked = await refused(ctx, v);
  if (blocked) return blocked;
  await setPosition(v, ctx.member._id, GENERAL);
  return reply(endReply(ctx.lang, v, await myFeedback(v, ctx.member._id), notices));
}

export async function showMine(ctx: DialogContext, v: VersionDoc): Promise<StepResult> {
  return reply(mineReply(ctx.lang, v, await myFeedback(v, ctx.member._id)));
}

/** A section key, or GENERAL for the end. */
export async function jump(ctx: DialogContext, v: VersionDoc, key: string, notices: string[] = []): Promise<StepResult> {
  return key === GENERAL ? showEnd(ctx, v, notices) : showSection(ctx, v, key, notices);
}

/** The section after `key`, or the end. */
export async function advance(ctx: DialogContext, v: VersionDoc, key: string, notices: string[] = []): Promise<StepResult> {
  return jump(ctx, v, nextKey(v, key), notices);
}

export async function back(ctx: DialogContext, v: VersionDoc, key: string): Promise<StepResult> {
  return showSection(ctx, v, previousKey(v, key));
}

/** One tap: saves the stance and moves on. */
export async function tapStance(ctx: DialogContext, v: VersionDoc, key: string, stance: string): Promise<StepResult> {
  const blocked = await refused(ctx, v);
  if (blocked) return blocked;
  if (!isStance(stance)) return reply(priv(texts(ctx.lang, 'strategy.error.unknownVersion')));
  try {
    await giveFeedback(v, ctx.member, key, { stance });
  } catch (e) {
    if (!(e instanceof StrategyError)) throw e;
    return reply(priv(errorText(ctx.lang, v, e)));
  }
  const s = v.sections.find((x) => x.key === key);
  return advance(ctx, v, key, [texts(ctx.lang, 'strategy.reply.saved', { heading: s?.heading ?? '', answer: stanceLabel(stance, ctx.lang) })]);
}

export function pause(ctx: DialogContext, v: VersionDoc): StepResult {
  return reply(pausedReply(ctx.lang, v));
}

export function finish(ctx: DialogContext, v: VersionDoc): StepResult {
  return reply(finishedReply(ctx.lang, v));
}
