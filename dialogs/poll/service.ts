/**
 * Poll domain logic shared by the dialog and the jobs: creating, voting (one atomic upsert per
 * voter), counting, participation, closing and posting results.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import mongoose, { type Types } from 'mongoose';
import { Body, type BodyDoc } from '../../models/body.js';
import { Draft } from '../../models/draft.js';
import type { MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { Poll, type PollDoc, type PollInput } from '../../models/poll.js';
import { Setting } from '../../models/setting.js';
import { Vote } from '../../models/vote.js';
import { audit } from '../../src/audit.js';
import { membersOfBody } from '../../src/directory.js';
import { claimOnce, releaseOnce } from '../../src/once.js';
import { canVote } from '../../src/permissions.js';
import type { Services } from '../../src/services.js';
import { Coalescer } from './coalescer.js';
import { createNumbered } from '../../src/db/numbering.js';
import { retryWhileUnreachable } from '../../src/db/retry.js';
import { CLOSE_JOB, REMIND_JOB, REMINDER_TEMPLATE, pollKey, resultsKey } from './keys.js';
import { channelMessage, exportOffer, resultsMessage } from './render.js';
import { countBallots, type Ballot, type Tally } from './tally.js';

type Id = Types.ObjectId | string;

export { CLOSE_JOB, REMIND_JOB, REMINDER_TEMPLATE, pollKey, resultsKey };

/** What one vote sets; fields left out keep what the voter gave before (e.g. a reason). */
export interface BallotInput {
  choices?: string[];
  scale?: number | null;
  pros?: string;
  cons?: string;
  reason?: string;
}

export type VoteOutcome = 'recorded' | 'changed' | 'unchanged';

export interface Participation {
  unit: 'members' | 'parties';
  voted: number;
  eligible: number;
  /** Names of the parties that have not answered (one-voice-per-party polls that are not anonymous). */
  missing: string[];
}

const services = new WeakMap<Services, PollService>();

export class PollService {
  private secret: string | null = null;
  readonly coalescer: Coalescer;

  static for(s: Services): PollService {
    let p = services.get(s);
    if (!p) {
      p = new PollService(s);
      services.set(s, p);
    }
    return p;
  }

  private constructor(readonly services: Services) {
    this.coalescer = new Coalescer(services.log, (pollId) => this.prepareRefresh(pollId));
  }

  async create(o: { community: Id; creator: MemberDoc; body: BodyDoc; input: PollInput; remindBeforeMs?: number }): Promise<PollDoc> {
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
    await audit(o.community, o.creator._id, 'poll.create', { kind: 'poll', id: poll._id }, {
      number: poll.number,
      body: String(o.body._id),
      type: poll.type,
      voters: poll.voters,
      anonymous: poll.anonymous,
      results: poll.results,
      closesAt: poll.closesAt,
    });
    await this.scheduleJobs(poll);
    return poll;
  }

  /** Posts the poll in the body's channel(s); returns how many channels got it. */
  async announce(poll: PollDoc, body: BodyDoc): Promise<number> {
    const [tally, part] = [await this.tally(poll), await this.participation(poll)];
    const sent = await this.services.delivery.toBody(poll.community, body._id, (lang) => channelMessage(poll, body, tally, part, lang), {
      key: pollKey(poll._id),
    });
    return sent.filter((r) => r.delivered).length;
  }

  async scheduleJobs(poll: PollDoc): Promise<void> {
    if (!poll.closesAt) return;
    const { scheduler } = this.services;
    await scheduler.at(poll.closesAt, CLOSE_JOB, { key: `${pollKey(poll._id)}:close`, poll: String(poll._id) });
    const remindAt = reminderTime(new Date(), poll.closesAt, poll.remindBeforeMs);
    if (remindAt) await scheduler.at(remindAt, REMIND_JOB, { key: `${pollKey(poll._id)}:remind`, poll: String(poll._id) });
  }

  /** The body's members who may vote in the poll (the secretariat never votes). */
  async eligibleMembers(poll: PollDoc): Promise<MemberDoc[]> {
    const members = await membersOfBody(poll.community, poll.body);
    return members.filter((m) => canVote(m, poll.body, poll.observersMayVote));
  }

  mayVote(poll: PollDoc, member: MemberDoc): boolean {
    return String(member.community) === String(poll.community) && canVote(member, poll.body, poll.observersMayVote);
  }

  /** Whose vote a member casts: their own, or their party's. */
  voterId(poll: PollDoc, member: Pick<MemberDoc, '_id' | 'party'>): string {
    return poll.voters === 'party' ? `p:${String(member.party)}` : `m:${String(member._id)}`;
  }

  /**
   * The key the ballot is stored under. Named polls: the member or party id, readable. Anonymous
   * polls: an HMAC with the app secret and the poll's salt, so the database alone cannot tell who
   * voted what, while the same voter still finds (and may change) their own ballot.
   */
  async voterKey(poll: PollDoc, voterId: string): Promise<string> {
    if (!poll.anonymous) return voterId;
    const secret = await this.appSecret();
    return `h:${createHmac('sha256', secret).update(`${poll.salt}:${voterId}`).digest('base64url')}`;
  }

  async vote(poll: PollDoc, member: MemberDoc, ballot: BallotInput): Promise<VoteOutcome> {
    const key = await this.voterKey(poll, this.voterId(poll, member));
    const set: Record<string, unknown> = {};
    for (const f of ['choices', 'scale', 'pros', 'cons', 'reason'] as const) if (ballot[f] !== undefined) set[f] = ballot[f];
    const before = await this.upsert(poll, key, set, poll.anonymous ? {} : { castBy: member._id, party: member.party, castAt: new Date() });
    const outcome: VoteOutcome = !before ? 'recorded' : sameBallot(before, set) ? 'unchanged' : 'changed';
    if (outcome === 'unchanged') return outcome;
    // Anonymous polls leave no trace of who voted when: no audit row, no log line.
    if (!poll.anonymous) {
      await retryWhileUnreachable(() =>
        audit(poll.community, member._id, outcome === 'recorded' ? 'poll.vote' : 'poll.vote.change', { kind: 'poll', id: poll._id }, {
          voter: this.voterId(poll, member),
        }),
      );
    }
    this.coalescer.dirty(String(poll._id));
    return outcome;
  }

  /**
   * One atomic upsert on the unique (poll, voterKey): concurrent votes are all counted, a repeated
   * vote replaces itself. Two first votes by the same voter at the same instant can both try to
   * insert; the loser gets a duplicate-key error and simply runs again as an update.
   */
  private async upsert(poll: PollDoc, voterKey: string, set: Record<string, unknown>, who: Record<string, unknown>) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await retryWhileUnreachable(() =>
          Vote.findOneAndUpdate(
            { poll: poll._id, voterKey },
            { $set: { ...set, ...who }, $setOnInsert: { community: poll.community, ...(poll.anonymous ? { _id: timelessId() } : {}) } },
            { upsert: true, new: false },
          ).lean(),
        );
      } catch (e) {
        if ((e as { code?: number }).code !== 11000 || attempt >= 3) throw e;
      }
    }
  }

  async ballotOf(poll: PollDoc, member: MemberDoc): Promise<Ballot | null> {
    const key = await this.voterKey(poll, this.voterId(poll, member));
    const v = await Vote.findOne({ poll: poll._id, voterKey: key }).lean();
    return v ? toBallot(v) : null;
  }

  async hasVoted(poll: PollDoc, member: Pick<MemberDoc, '_id' | 'party'>): Promise<boolean> {
    const key = await this.voterKey(poll, this.voterId(poll, member));
    return Boolean(await Vote.exists({ poll: poll._id, voterKey: key }));
  }

  async tally(poll: PollDoc): Promise<Tally> {
    const votes = await Vote.find({ poll: poll._id }).lean();
    return countBallots({ type: poll.type, options: poll.options }, votes.map(toBallot));
  }

  async participation(poll: PollDoc): Promise<Participation> {
    const members = await this.eligibleMembers(poll);
    const ids = [...new Set(members.map((m) => this.voterId(poll, m)))];
    const keys = new Map<string, string>();
    for (const id of ids) keys.set(await this.voterKey(poll, id), id);
    const found = await Vote.find({ poll: poll._id, voterKey: { $in: [...keys.keys()] } }).lean();
    const voted = new Set(found.map((v) => keys.get(v.voterKey)!));
    let missing: string[] = [];
    if (poll.voters === 'party' && !poll.anonymous) {
      const parties = await Party.find({ community: poll.community, _id: { $in: ids.filter((i) => !voted.has(i)).map((i) => i.slice(2)) } });
      missing = parties.map((p) => p.name).sort((a, b) => a.localeCompare(b, 'nb'));
    }
    return { unit: poll.voters === 'party' ? 'parties' : 'members', voted: voted.size, eligible: ids.length, missing };
  }

  /** Closes the poll (by hand or by its job) and posts the results once, however often it is called. */
  async close(pollId: Id, by: MemberDoc | null): Promise<PollDoc | null> {
    // Setting the state is idempotent; the claim below makes the audit row and the results happen
    // once even when the job and a hand close (or two instances) race.
    await Poll.updateOne({ _id: pollId, state: 'open' }, { $set: { state: 'closed', closedAt: new Date(), closedBy: by?._id ?? null } });
    const poll = await Poll.findById(pollId);
    if (!poll || poll.state !== 'closed') return null;
    const { scheduler, fanout } = this.services;
    await scheduler.cancel(REMIND_JOB, `${pollKey(poll._id)}:remind`);
    if (by) await scheduler.cancel(CLOSE_JOB, `${pollKey(poll._id)}:close`);
    await fanout.cancel(`${pollKey(poll._id)}:remind`);
    if (poll.anonymous) await this.forgetDrafts(poll);
    if (await claimOnce(resultsKey(poll._id))) {
      try {
        await audit(poll.community, poll.closedBy ?? null, 'poll.close', { kind: 'poll', id: poll._id }, { by: poll.closedBy ? 'hand' : 'time' });
        await this.postResults(poll);
      } catch (err) {
        await releaseOnce(resultsKey(poll._id));
        throw err;
      }
    }
    return poll;
  }

  /**
   * A ballot form sent back with errors is kept as the member's draft by the core; for an
   * anonymous poll nothing may tie a member to a choice once it is over, so leftovers go at close.
   * (The key is the core's draft key for the ballot form's action.)
   */
  private async forgetDrafts(poll: PollDoc): Promise<void> {
    const args = createHash('sha1').update(JSON.stringify({ p: String(poll._id) })).digest('hex').slice(0, 12);
    await Draft.deleteMany({ community: poll.community, key: `poll:ballot:${args}` });
  }

  private async postResults(poll: PollDoc): Promise<void> {
    const body = await Body.findById(poll.body);
    if (!body) return;
    const [tally, part] = [await this.tally(poll), await this.participation(poll)];
    const { delivery } = this.services;
    await delivery.update(poll.community, pollKey(poll._id), (lang) => channelMessage(poll, body, tally, part, lang));
    await delivery.toBody(poll.community, body._id, (lang) => resultsMessage(poll, body, tally, part, lang), { key: resultsKey(poll._id) });
    // The secretariat of the body gets the export offer (fresh links on each click).
    const secretariat = (await membersOfBody(poll.community, body._id)).filter((m) =>
      m.memberships.some((x) => String(x.body) === String(body._id) && x.role === 'secretariat'),
    );
    for (const m of secretariat) await delivery.toMember(m, (lang) => exportOffer(poll, body, lang));
  }

  /** Re-renders the channel message from the database (the coalescer sends it at most every 2 s). */
  async prepareRefresh(pollId: string): Promise<(() => Promise<void>) | null> {
    const poll = await Poll.findById(pollId);
    const body = poll && (await Body.findById(poll.body));
    if (!poll || !body) return null;
    const [tally, part] = [await this.tally(poll), await this.participation(poll)];
    return async () => {
      await this.services.delivery.update(poll.community, pollKey(poll._id), (lang) => channelMessage(poll, body, tally, part, lang));
    };
  }

  private async appSecret(): Promise<string> {
    if (this.secret) return this.secret;
    if (this.services.config.SAMLA_SECRET) return (this.secret = this.services.config.SAMLA_SECRET);
    // Development without SAMLA_SECRET: one random secret kept in the database.
    await Setting.updateOne({ key: 'poll-secret' }, { $setOnInsert: { value: randomBytes(32).toString('hex') } }, { upsert: true });
    return (this.secret = (await Setting.findOne({ key: 'poll-secret' }))!.value);
  }
}

/**
 * An ObjectId made of random bytes: a generated one starts with the time it was made, which for an
 * anonymous ballot is the time of the vote, and that, set beside anything else with a time, says
 * who voted.
 */
function timelessId(): Types.ObjectId {
  return new mongoose.Types.ObjectId(randomBytes(12));
}

/** The reminder goes out remindBefore ahead of closing, or halfway there when that is already past. */
export function reminderTime(now: Date, closesAt: Date, remindBeforeMs: number): Date | null {
  const left = closesAt.getTime() - now.getTime();
  if (left <= 60_000 && remindBeforeMs >= 60_000) return null;
  const at = closesAt.getTime() - remindBeforeMs;
  if (at > now.getTime()) return new Date(at);
  return left > 0 ? new Date(now.getTime() + left / 2) : null;
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
