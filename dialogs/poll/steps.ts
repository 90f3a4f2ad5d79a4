/**
 * What the poll does in a member's turn, shared by its command, buttons and forms: the checks a
 * vote goes through, and the replies to voting, creating, closing, exporting and looking.
 */
import mongoose from 'mongoose';
import { Body, type BodyDoc } from '../../models/body.js';
import { isSecretariat } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { Poll, type PollDoc } from '../../models/poll.js';
import { bodiesOf, bodyName, findBody } from '../../src/directory.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { require } from '../../src/permissions.js';
import { texts as coreTexts } from '../../src/texts.js';
import { formatDateTime } from '../../src/time.js';
import type { Reply } from '../../src/ui.js';
import { castVote, closePoll } from './channel.js';
import { EXPORT_KIND } from './export.js';
import { ballotForm, ballotValues, createForm } from './forms.js';
import { mayClose, mayCreate, mayExport, mayVote, tallyVisible, whyNotVoter } from './rules.js';
import { ballotOf, hasVoted, participation, tally, type BallotInput } from './service.js';
import { texts } from './texts.js';
import { closeButton, describeBallot, exportLink, memberView, pickBody, voteReceipt } from './views.js';

/** At most this many polls in one listing (the newest). */
const MAX_LISTED = 10;

export const say = (text: string): StepResult => ({ replies: [{ text, visibility: 'private' }] });

export function expired(ctx: DialogContext): StepResult {
  return say(coreTexts(ctx.lang, 'core.error.expiredAction'));
}

export async function loadPoll(ctx: DialogContext, id: unknown): Promise<PollDoc | null> {
  if (typeof id !== 'string' || !mongoose.isValidObjectId(id)) return null;
  return Poll.findOne({ _id: id, community: ctx.community._id });
}

export async function loadBody(ctx: DialogContext, id: unknown): Promise<BodyDoc | null> {
  if (typeof id !== 'string' || !mongoose.isValidObjectId(id)) return null;
  return Body.findOne({ _id: id, community: ctx.community._id });
}

export async function pollByNumber(ctx: DialogContext, text: string): Promise<PollDoc | null> {
  const n = Number(text.replace(/^#/, ''));
  return Number.isInteger(n) && n > 0 ? Poll.findOne({ community: ctx.community._id, number: n }) : null;
}

/** Why this member may not vote: said privately and kindly, not as an error. */
async function notVoter(ctx: DialogContext, poll: PollDoc): Promise<StepResult> {
  const why = whyNotVoter(poll, ctx.member);
  if (why === 'secretariat') return say(texts(ctx.lang, 'poll.notice.notVoter.secretariat'));
  if (why === 'observer') return say(texts(ctx.lang, 'poll.notice.notVoter.observer'));
  const body = await Body.findById(poll.body);
  return say(texts(ctx.lang, 'poll.notice.notVoter.member', { body: body ? bodyName(body, ctx.lang) : '' }));
}

/** The checks every vote goes through, in the order a member would want to hear them; null when they pass. */
export async function voteGate(ctx: DialogContext, poll: PollDoc | null): Promise<StepResult | null> {
  if (!poll) return expired(ctx);
  if (poll.state === 'closed') return say(texts(ctx.lang, 'poll.notice.closed', { when: formatDateTime(poll.closedAt ?? new Date(), ctx.lang) }));
  if (!mayVote(poll, ctx.member)) return notVoter(ctx, poll);
  return null;
}

export async function vote(ctx: DialogContext, poll: PollDoc, ballot: BallotInput): Promise<StepResult> {
  const outcome = await castVote(ctx.services, poll, ctx.member, ballot, ctx.actedAt);
  const mine = await ballotOf(ctx.services, poll, ctx.member);
  const choice = mine ? describeBallot(poll, mine, ctx.lang) : '';
  const lines = [texts(ctx.lang, `poll.vote.${outcome}`, { choice })];
  if (poll.voters === 'party') {
    const party = await Party.findById(ctx.member.party);
    lines.push(texts(ctx.lang, 'poll.vote.partyNote', { party: party?.name ?? '' }));
  } else lines.push(texts(ctx.lang, 'poll.vote.changeUntil'));
  const shown = poll.results === 'after_vote' ? await tally(poll) : null;
  return { replies: [voteReceipt(poll, lines.join(' '), shown, ctx.lang)] };
}

export async function openBallot(ctx: DialogContext, poll: PollDoc | null): Promise<StepResult> {
  const gate = await voteGate(ctx, poll);
  if (gate || !poll) return gate ?? expired(ctx);
  const form = ballotForm(poll, ctx.lang);
  const mine = await ballotOf(ctx.services, poll, ctx.member);
  // Changing a vote starts from the current one; otherwise the core fills in any draft.
  if (mine) form.values = ballotValues(poll, mine);
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}

export async function startCreate(ctx: DialogContext, bodyText: string): Promise<StepResult> {
  let body: BodyDoc | null = ctx.channelBody;
  if (bodyText) {
    body = await findBody(ctx.community._id, bodyText);
    if (!body) return say(texts(ctx.lang, 'poll.error.noBody', { name: bodyText.slice(0, 60) }));
  }
  if (!body) {
    const mine = (await bodiesOf(ctx.member)).filter((b) => mayCreate(ctx.member, b._id) && b.kind !== 'secretariat');
    if (!mine.length) return say(texts(ctx.lang, 'poll.error.mayNotCreate'));
    return { replies: [pickBody(mine, ctx.lang)] };
  }
  if (!mayCreate(ctx.member, body._id)) return say(texts(ctx.lang, 'poll.error.mayNotCreate'));
  const form = createForm(body, ctx.lang);
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}

export async function closeByHand(ctx: DialogContext, poll: PollDoc | null): Promise<StepResult> {
  if (!poll) return expired(ctx);
  require(mayClose(ctx.member, poll));
  if (poll.state === 'closed') return say(texts(ctx.lang, 'poll.reply.alreadyClosed', { number: poll.number }));
  await closePoll(ctx.services, poll._id, ctx.member);
  return say(texts(ctx.lang, 'poll.reply.closed', { number: poll.number }));
}

export async function exportPoll(ctx: DialogContext, poll: PollDoc | null, format: 'csv' | 'xlsx'): Promise<StepResult> {
  if (!poll) return expired(ctx);
  require(mayExport(ctx.member));
  const url = await ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: EXPORT_KIND, format, params: { poll: String(poll._id) } });
  return { replies: [exportLink(url, format, Math.round(ctx.services.config.EXPORT_LINK_TTL_SECONDS / 60), ctx.lang)] };
}

/** One poll as this member may see it: vote buttons while open, the tally when it is theirs to see. */
export async function viewFor(ctx: DialogContext, poll: PollDoc): Promise<Reply | null> {
  const body = await Body.findById(poll.body);
  if (!body) return null;
  const voted = await hasVoted(ctx.services, poll, ctx.member);
  const shown = tallyVisible(poll, voted) ? await tally(poll) : null;
  const view = memberView(poll, body, shown, await participation(ctx.services, poll), ctx.lang);
  if (poll.state === 'open' && mayClose(ctx.member, poll)) view.elements!.push(closeButton(poll, ctx.lang));
  return view;
}

export async function listOpen(ctx: DialogContext): Promise<StepResult> {
  const bodies = ctx.channelBody ? [ctx.channelBody._id] : isSecretariat(ctx.member) ? null : ctx.member.memberships.map((m) => m.body);
  const filter: Record<string, unknown> = { community: ctx.community._id, state: 'open' };
  if (bodies) filter.body = { $in: bodies };
  const polls = await Poll.find(filter).sort({ number: -1 }).limit(MAX_LISTED);
  if (!polls.length) return say(texts(ctx.lang, 'poll.reply.noOpen'));
  const replies: Reply[] = [];
  for (const p of polls.reverse()) {
    const v = await viewFor(ctx, p);
    if (v) replies.push(v);
  }
  return { replies };
}
