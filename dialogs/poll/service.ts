/**
 * Poll data, shared by the dialog, the channel messages and the jobs: creating, voting (one
 * atomic upsert per voter), counting, participation and closing. Nothing here renders; what is
 * posted at close is handed in (see channel.ts).
 */
import { createHmac, randomBytes } from 'node:crypto';
import mongoose, { type Types } from 'mongoose';
import type { BodyDoc } from '../../models/body.js';
import type { MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { Poll, type PollDoc, type PollInput } from '../../models/poll.js';
import { Setting } from '../../models/setting.js';
import { Vote } from '../../models/vote.js';
import { audit } from '../../src/audit.js';
import { createNumbered } from '../../src/db/numbering.js';
import { retryWhileUnreachable } from '../../src/db/retry.js';
import { membersOfBody } from '../../src/directory.js';
import { forgetDrafts } from '../../src/drafts.js';
import { claimOnce, releaseOnce } from '../../src/once.js';
import { canVote } from '../../src/permissions.js';
import type { Services } from '../../src/services.js';
import { CLOSE_JOB, REMIND_JOB, ballotAction, pollKey, resultsKey } from './keys.js';
import { reminderTime } from './rules.js';
import { countBallots, type Ballot, type Tally } from './tally.js';

type Id = Types.ObjectId | string;

/** What one vote sets; fields left out keep what the voter gave before (e.g. a reason). */
export interface BallotInput {
  choices?: string[];
  scale?: number | null;
  pros?: string;
  cons?: string;
  reason?: string;
}

export type VoteOutcome = 'recorded' | 'changed' | 'unchanged' | 'superseded';

export interface Participation {
  unit: 'members' | 'parties';
  voted: number;
  eligible: number;
  /** Names of the parties that have not answered (one-voice-per-party polls that are not anonymous). */
  missing: string[];
}

export async function create(services: Services, o: { community: Id; creator: MemberDoc; body: BodyDoc; input: PollInput; remindBeforeMs?: number }): Promise<PollDoc> {
  const { input } = o;
  const options = (input.type === 'open' ? [] : input.type === 'scale' ? scaleLabels(input.options) : input.options).map((label, i) => ({
    id: String(i + 1),
    label,
  }));
  const poll = await createNumbered(
    async () => (await Poll.findOne({ community: o.community }).sort({ number: -1 }))?.number,
    (number) =>
      Poll.create({
        community: o.community,
        number,
        body: o.body._id,
        question: input.question,
        type: input.type,
        options,
        maxChoices: input.type === 'multiple' ? (input.maxChoices ?? options.length) : null,
        voters: input.voters,
        observersMayVote: input.observersMayVote,
        anonymous: input.anonymous,
        salt: randomBytes(16).toString('hex'),
        results: input.results,
        closesAt: input.closesAt,
        remindBeforeMs: o.remindBeforeMs ?? 24 * 3600_000,
        createdBy: o.creator._id,
      }),
  );
  await audit(
    o.community,
    o.creator._id,
    'poll.create',
    { kind: 'poll', id: poll._id },
    {
      number: poll.number,
      body: String(o.body._id),
      type: poll.type,
      voters: poll.voters,
      anonymous: poll.anonymous,
      results: poll.results,
      closesAt: poll.closesAt,
    },
  );
  await scheduleJobs(services, poll);
  return poll;
}

async function scheduleJobs(services: Services, poll: PollDoc): Promise<void> {
  if (!poll.closesAt) return;
  const { scheduler } = services;
  await scheduler.at(poll.closesAt, CLOSE_JOB, { key: `${pollKey(poll._id)}:close`, poll: String(poll._id) });
  const remindAt = reminderTime(new Date(), poll.closesAt, poll.remindBeforeMs);
  if (remindAt) await scheduler.at(remindAt, REMIND_JOB, { key: `${pollKey(poll._id)}:remind`, poll: String(poll._id) });
}

/** The body's members who may vote in the poll (the secretariat never votes). */
export async function eligibleMembers(poll: PollDoc): Promise<MemberDoc[]> {
  const members = await membersOfBody(poll.community, poll.body);
  return members.filter((m) => canVote(m, poll.body, poll.observersMayVote));
}

/** Whose vote a member casts: their own, or their party's. */
export function voterId(poll: PollDoc, member: Pick<MemberDoc, '_id' | 'party'>): string {
  return poll.voters === 'party' ? `p:${String(member.party)}` : `m:${String(member._id)}`;
}

/**
 * The key the ballot is stored under. Named polls: the member or party id, readable. Anonymous
 * polls: an HMAC with the app secret and the poll's salt, so the database alone cannot tell who
 * voted what, while the same voter still finds (and may change) their own ballot.
 */
async function voterKey(services: Services, poll: PollDoc, voter: string): Promise<string> {
  if (!poll.anonymous) return voter;
  const secret = await appSecret(services);
  return `h:${createHmac('sha256', secret).update(`${poll.salt}:${voter}`).digest('base64url')}`;
}

/**
 * Stores the member's ballot; 'unchanged' when it is what they had already given (the tally stays
 * as it was), 'superseded' when a click of theirs made later is already stored — clicks may reach
 * two instances out of order, and the member's last intent is the one that counts.
 */
export async function vote(services: Services, poll: PollDoc, member: MemberDoc, ballot: BallotInput, at = new Date()): Promise<VoteOutcome> {
  const key = await voterKey(services, poll, voterId(poll, member));
  const set: Record<string, unknown> = {};
  for (const f of ['choices', 'scale', 'pros', 'cons', 'reason'] as const) if (ballot[f] !== undefined) set[f] = ballot[f];
  const before = await upsert(poll, key, set, poll.anonymous ? {} : { castBy: member._id, party: member.party, castAt: at }, poll.anonymous ? null : at);
  if (before === 'superseded') return before;
  const outcome: VoteOutcome = !before ? 'recorded' : sameBallot(before, set) ? 'unchanged' : 'changed';
  if (outcome === 'unchanged') return outcome;
  // Anonymous polls leave no trace of who voted when: no audit row, no log line.
  if (!poll.anonymous) {
    await retryWhileUnreachable(() =>
      audit(
        poll.community,
        member._id,
        outcome === 'recorded' ? 'poll.vote' : 'poll.vote.change',
        { kind: 'poll', id: poll._id },
        {
          voter: voterId(poll, member),
        },
      ),
    );
  }
  return outcome;
}

/**
 * One atomic upsert on the unique (poll, voterKey): concurrent votes are all counted, a repeated
 * vote replaces itself. Two first votes by the same voter at the same instant can both try to
 * insert; the loser gets a duplicate-key error and simply runs again as an update. With a click
 * time (named polls), a ballot cast later is never replaced by one cast earlier: the filter
 * matches only an older ballot, and the insert it falls back to meets the newer one's key.
 */
async function upsert(poll: PollDoc, key: string, set: Record<string, unknown>, who: Record<string, unknown>, at: Date | null) {
  const mine = { poll: poll._id, voterKey: key };
  const older = at ? { $or: [{ castAt: null }, { castAt: { $lte: at } }] } : {};
  for (let attempt = 0; ; attempt++) {
    try {
      return await retryWhileUnreachable(() =>
        Vote.findOneAndUpdate(
          { ...mine, ...older },
          { $set: { ...set, ...who }, $setOnInsert: { community: poll.community, ...(poll.anonymous ? { _id: timelessId() } : {}) } },
          { upsert: true, new: false },
        ).lean(),
      );
    } catch (e) {
      if ((e as { code?: number }).code !== 11000 || attempt >= 3) throw e;
      if (at && (await Vote.exists({ ...mine, castAt: { $gt: at } }))) return 'superseded' as const;
    }
  }
}

export async function ballotOf(services: Services, poll: PollDoc, member: MemberDoc): Promise<Ballot | null> {
  const key = await voterKey(services, poll, voterId(poll, member));
  const v = await Vote.findOne({ poll: poll._id, voterKey: key }).lean();
  return v ? toBallot(v) : null;
}

export async function hasVoted(services: Services, poll: PollDoc, member: Pick<MemberDoc, '_id' | 'party'>): Promise<boolean> {
  const key = await voterKey(services, poll, voterId(poll, member));
  return Boolean(await Vote.exists({ poll: poll._id, voterKey: key }));
}

export async function tally(poll: PollDoc): Promise<Tally> {
  const votes = await Vote.find({ poll: poll._id }).lean();
  return countBallots({ type: poll.type, options: poll.options }, votes.map(toBallot));
}

export async function participation(services: Services, poll: PollDoc): Promise<Participation> {
  const members = await eligibleMembers(poll);
  const ids = [...new Set(members.map((m) => voterId(poll, m)))];
  const keys = new Map<string, string>();
  for (const id of ids) keys.set(await voterKey(services, poll, id), id);
  const found = await Vote.find({ poll: poll._id, voterKey: { $in: [...keys.keys()] } }).lean();
  const voted = new Set(found.map((v) => keys.get(v.voterKey)!));
  let missing: string[] = [];
  if (poll.voters === 'party' && !poll.anonymous) {
    const parties = await Party.find({ community: poll.community, _id: { $in: ids.filter((i) => !voted.has(i)).map((i) => i.slice(2)) } });
    missing = parties.map((p) => p.name).sort((a, b) => a.localeCompare(b, 'nb'));
  }
  return { unit: poll.voters === 'party' ? 'parties' : 'members', voted: voted.size, eligible: ids.length, missing };
}

/**
 * Closes the poll (by hand or by its job); `publish` posts the results, once, however often this
 * is called. When publishing fails, the next close tries again.
 */
export async function close(services: Services, pollId: Id, by: MemberDoc | null, publish: (poll: PollDoc) => Promise<void>): Promise<PollDoc | null> {
  // Setting the state is idempotent; the claim below makes the audit row and the results happen
  // once even when the job and a hand close (or two instances) race.
  await Poll.updateOne({ _id: pollId, state: 'open' }, { $set: { state: 'closed', closedAt: new Date(), closedBy: by?._id ?? null } });
  const poll = await Poll.findById(pollId);
  if (!poll || poll.state !== 'closed') return null;
  const { scheduler, fanout } = services;
  await scheduler.cancel(REMIND_JOB, `${pollKey(poll._id)}:remind`);
  if (by) await scheduler.cancel(CLOSE_JOB, `${pollKey(poll._id)}:close`);
  await fanout.cancel(`${pollKey(poll._id)}:remind`);
  // A ballot sent back with errors is kept as the member's draft by the core; for an anonymous
  // poll nothing may tie a member to a choice once it is over, so leftovers go at close.
  if (poll.anonymous) await forgetDrafts(poll.community, ballotAction(poll._id));
  if (await claimOnce(resultsKey(poll._id))) {
    try {
      await audit(poll.community, poll.closedBy ?? null, 'poll.close', { kind: 'poll', id: poll._id }, { by: poll.closedBy ? 'hand' : 'time' });
      await publish(poll);
    } catch (err) {
      await releaseOnce(resultsKey(poll._id));
      throw err;
    }
  }
  return poll;
}

/** The app's secret, per app: read once (development without SAMLA_SECRET keeps a random one in the database). */
const secrets = new WeakMap<Services, string>();

async function appSecret(services: Services): Promise<string> {
  const known = secrets.get(services) ?? services.config.SAMLA_SECRET;
  if (known) {
    secrets.set(services, known);
    return known;
  }
  await Setting.updateOne({ key: 'poll-secret' }, { $setOnInsert: { value: randomBytes(32).toString('hex') } }, { upsert: true });
  const secret = (await Setting.findOne({ key: 'poll-secret' }))!.value;
  secrets.set(services, secret);
  return secret;
}

/**
 * An ObjectId made of random bytes: a generated one starts with the time it was made, which for an
 * anonymous ballot is the time of the vote, and that, set beside anything else with a time, says
 * who voted.
 */
function timelessId(): Types.ObjectId {
  return new mongoose.Types.ObjectId(randomBytes(12));
}

/** A scale always has the five steps 1–5; labels given for both ends (or all five) name them. */
function scaleLabels(given: string[]): string[] {
  const steps = ['1', '2', '3', '4', '5'];
  if (given.length === 5) return given.map((l, i) => l || steps[i]!);
  if (given.length === 2) return [given[0] || '1', '2', '3', '4', given[1] || '5'];
  return steps;
}

function toBallot(v: { choices?: string[] | null; scale?: number | null; pros?: string | null; cons?: string | null; reason?: string | null }): Ballot {
  return { choices: v.choices ?? [], scale: v.scale ?? null, pros: v.pros ?? '', cons: v.cons ?? '', reason: v.reason ?? '' };
}

function sameBallot(before: Record<string, unknown>, set: Record<string, unknown>): boolean {
  return Object.entries(set).every(([k, v]) => JSON.stringify(before[k] ?? (Array.isArray(v) ? [] : null)) === JSON.stringify(v));
}
