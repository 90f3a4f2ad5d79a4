/**
 * A member's steps, the same whether typed or tapped: answering the open round (or choosing one),
 * sharing a message as input, free input to a body, and their own contributions.
 */
import type { RoundDoc } from '../../models/round.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { texts as coreTexts } from '../../src/texts.js';
import { formatDateTime, formatShort } from '../../src/time.js';
import { changeOwn, contributionSerial, contributionsToOpenRounds, partyContributions, partyName } from './contributions.js';
import { answerForm, answerValues, freeForm } from './forms.js';
import { changedReply, mineReply, partyNote, roundChoiceReply } from './member-views.js';
import { done, formReply, priv } from './replies.js';
import { answerBlock } from './rules.js';
import { openRoundsFor, roundMembers } from './service.js';
import { texts } from './texts.js';

/** «innspel» for a member: the one open round's form directly, a choice of rounds, or free input. */
export async function memberEntry(ctx: DialogContext): Promise<StepResult> {
  const rounds = await openRoundsFor(ctx.member);
  if (rounds.length === 1) return showAnswerForm(ctx, rounds[0]!);
  if (rounds.length > 1) return done(roundChoiceReply(ctx.lang, rounds, false));
  return showFreeForm(ctx);
}

export async function showFreeForm(ctx: DialogContext, text?: string): Promise<StepResult> {
  const roundOpen = (await openRoundsFor(ctx.member)).length > 0;
  const form = await freeForm(ctx.community, ctx.lang, await contributionSerial(ctx.member, null), roundOpen);
  return done(formReply(text === undefined ? form : { ...form, values: { text } }));
}

/** Why a member cannot answer a round now, in their language, or null when they can. */
export async function cannotAnswer(ctx: DialogContext, round: RoundDoc): Promise<string | null> {
  const block = answerBlock(round);
  if (block === 'not_open_yet') return texts(ctx.lang, 'input.error.notOpenYet', { title: round.title, opens: formatDateTime(round.opensAt, ctx.lang) });
  if (block === 'closed') return texts(ctx.lang, 'input.error.closed', { title: round.title, closed: formatShort(round.closedAt ?? round.deadline, ctx.lang) });
  const members = await roundMembers(round);
  if (!members.some((m) => String(m._id) === String(ctx.member._id))) return texts(ctx.lang, 'input.error.notAudience', { title: round.title });
  return null;
}

/** The answer form, with what the member's party has sent so far; `text`: a shared message to start from. */
export async function showAnswerForm(ctx: DialogContext, round: RoundDoc, text?: string): Promise<StepResult> {
  const why = await cannotAnswer(ctx, round);
  if (why) return done(priv(why));
  const form = answerForm(round, ctx.lang, await contributionSerial(ctx.member, round._id));
  if (text) form.values = answerValues(round, { text });
  const note = partyNote(ctx.lang, await partyName(ctx.member), await partyContributions(round._id, ctx.member.party));
  form.intro = `${form.intro}\n${note}`;
  return { replies: [formReply(form)], state: text ? null : undefined };
}

/** A message shortcut (Slack) or message action (Teams): the message becomes the text of a contribution. */
export async function fromMessage(ctx: DialogContext): Promise<StepResult> {
  // The core has already refused a message with an identity number (src/bot.ts).
  const text = (ctx.text ?? '').trim();
  const rounds = await openRoundsFor(ctx.member);
  if (rounds.length === 1) return showAnswerForm(ctx, rounds[0]!, text);
  if (rounds.length > 1) return { replies: [roundChoiceReply(ctx.lang, rounds, true)], state: { shared: text } };
  return showFreeForm(ctx, text);
}

export async function mine(ctx: DialogContext): Promise<StepResult> {
  return done(mineReply(ctx.lang, await contributionsToOpenRounds(ctx.member)));
}

/** The outcome of changing one's own contribution, as the member is told it. */
export function changeResult(ctx: DialogContext, r: Awaited<ReturnType<typeof changeOwn>>, ok: 'updated' | 'withdrawn' | 'restored'): StepResult {
  if (r.kind === 'missing') return done(priv(coreTexts(ctx.lang, 'core.error.expiredAction')));
  if (r.kind === 'not_yours') return done(priv(texts(ctx.lang, 'input.error.notYours')));
  if (r.kind === 'closed') return done(priv(texts(ctx.lang, 'input.error.tooLate', { title: r.round?.title ?? '' })));
  return done(changedReply(ctx.lang, ok, r.round!, r.contribution!));
}
