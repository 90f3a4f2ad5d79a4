/**
 * What a poll posts: the message in the body's channel, kept up to date as votes come in (through
 * the coalescer), and the results with the secretariat's export offer at close. Joins the data
 * (service.ts) to the messages (views.ts).
 */
import type { Types } from 'mongoose';
import { Body, type BodyDoc } from '../../models/body.js';
import type { MemberDoc } from '../../models/member.js';
import { Poll, type PollDoc } from '../../models/poll.js';
import { membersOfBody } from '../../src/directory.js';
import type { Services } from '../../src/services.js';
import { Coalescer } from './coalescer.js';
import { pollKey, resultsKey } from './keys.js';
import { close, participation, tally, vote, type BallotInput, type VoteOutcome } from './service.js';
import { channelMessage, exportOffer, resultsMessage } from './views.js';

type Id = Types.ObjectId | string;

/** Posts the poll in the body's channel(s); returns how many channels got it. */
export async function announce(services: Services, poll: PollDoc, body: BodyDoc): Promise<number> {
  const [t, part] = [await tally(poll), await participation(services, poll)];
  const sent = await services.delivery.toBody(poll.community, body._id, (lang) => channelMessage(poll, body, t, part, lang), {
    key: pollKey(poll._id),
  });
  return sent.filter((r) => r.delivered).length;
}

/** Votes, and has the channel message follow when the tally changed. */
export async function castVote(services: Services, poll: PollDoc, member: MemberDoc, ballot: BallotInput, at?: Date): Promise<VoteOutcome> {
  const outcome = await vote(services, poll, member, ballot, at);
  if (outcome !== 'unchanged' && outcome !== 'superseded') liveUpdates(services).dirty(String(poll._id));
  return outcome;
}

/** Closes the poll and posts its results (once, however often it is closed). */
export function closePoll(services: Services, pollId: Id, by: MemberDoc | null): Promise<PollDoc | null> {
  return close(services, pollId, by, (poll) => postResults(services, poll));
}

async function postResults(services: Services, poll: PollDoc): Promise<void> {
  const body = await Body.findById(poll.body);
  if (!body) return;
  const [t, part] = [await tally(poll), await participation(services, poll)];
  const { delivery } = services;
  await delivery.update(poll.community, pollKey(poll._id), (lang) => channelMessage(poll, body, t, part, lang));
  await delivery.toBody(poll.community, body._id, (lang) => resultsMessage(poll, body, t, part, lang), { key: resultsKey(poll._id) });
  // The secretariat of the body gets the export offer (fresh links on each click).
  const secretariat = (await membersOfBody(poll.community, body._id)).filter((m) => m.memberships.some((x) => String(x.body) === String(body._id) && x.role === 'secretariat'));
  for (const m of secretariat) await delivery.toMember(m, (lang) => exportOffer(poll, body, lang));
}

/** Re-renders the channel message from the database (the coalescer sends it at most every 2 s). */
async function prepareRefresh(services: Services, pollId: string): Promise<(() => Promise<void>) | null> {
  const poll = await Poll.findById(pollId);
  const body = poll && (await Body.findById(poll.body));
  if (!poll || !body) return null;
  const [t, part] = [await tally(poll), await participation(services, poll)];
  return async () => {
    await services.delivery.update(poll.community, pollKey(poll._id), (lang) => channelMessage(poll, body, t, part, lang));
  };
}

/** One coalescer per running app: it remembers the windows this process has claimed and orders each poll's updates. */
const coalescers = new WeakMap<Services, Coalescer>();

function liveUpdates(services: Services): Coalescer {
  let c = coalescers.get(services);
  if (!c) {
    c = new Coalescer(services.log, (pollId) => prepareRefresh(services, pollId));
    coalescers.set(services, c);
  }
  return c;
}
