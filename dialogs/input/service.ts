/**
 * The rounds of input, shared by the dialog and its jobs: opening, reminding, moving the
 * deadline, closing, and who a round speaks to. No chat code here; the fan-out templates
 * (templates.ts) build the messages. Contributions are in contributions.ts, the numbers behind
 * status and summary in progress.ts.
 */
import type { Types } from 'mongoose';
import { Contribution } from '../../models/contribution.js';
import type { MemberDoc } from '../../models/member.js';
import { Party, type PartyType } from '../../models/party.js';
import { Round, type RoundDoc } from '../../models/round.js';
import { audienceMembers, isInAudience, type Audience } from '../../src/audience.js';
import { audit } from '../../src/audit.js';
import { createNumbered } from '../../src/db/numbering.js';
import type { Services } from '../../src/services.js';
import { upcomingReminders } from './reminders.js';
import { closesEarly, isOpenNow } from './rules.js';

export type Id = Types.ObjectId | string;

export const JOB_OPEN = 'samla:input:open';
export const JOB_REMIND = 'samla:input:remind';
export const JOB_CLOSE = 'samla:input:close';
export const TEMPLATE_INVITE = 'input:invite';
export const TEMPLATE_REMIND = 'input:remind';
export const TEMPLATE_NOTICE = 'input:notice';
export const TEMPLATE_CLOSED_EARLY = 'input:closed-early';
export const TEMPLATE_REOPENED = 'input:reopened';

/** Job keys (scheduler) and fan-out keys differ in prefix, so cancelling a round's jobs never cancels a fan-out in flight. */
const jobKey = (round: Id, what: string) => `input:${String(round)}:${what}`;
const fanoutKey = (round: Id, what: string) => `round:${String(round)}:${what}`;

export interface NewRound {
  community: Id;
  createdBy: MemberDoc;
  title: string;
  question: string;
  themes: string[];
  audience: Audience;
  /** Null or in the past: opens now. */
  opensAt: Date | null;
  deadline: Date;
  reminders: string[];
}

export function audienceOf(round: RoundDoc): Audience {
  return { bodies: round.audience?.bodies ?? [], partyTypes: (round.audience?.partyTypes ?? []) as PartyType[] };
}

/** The members a round speaks to: the audience, without the secretariat. */
export async function roundMembers(round: RoundDoc): Promise<MemberDoc[]> {
  const members = await audienceMembers(round.community, audienceOf(round));
  const secretariat = new Set((await Party.find({ community: round.community, type: 'secretariat' })).map((p) => String(p._id)));
  return members.filter((m) => !secretariat.has(String(m.party)));
}

export async function createRound(services: Services, r: NewRound): Promise<{ round: RoundDoc; members: number; parties: number }> {
  const now = new Date();
  const opensNow = !r.opensAt || r.opensAt <= now;
  const round = await createNumbered(
    async () => (await Round.findOne({ community: r.community }).sort({ no: -1 }))?.no,
    (no) =>
      Round.create({
        community: r.community,
        no,
        title: r.title,
        question: r.question,
        themes: r.themes,
        audience: r.audience,
        opensAt: opensNow ? now : r.opensAt,
        deadline: r.deadline,
        reminders: r.reminders,
        status: opensNow ? 'open' : 'scheduled',
        createdBy: r.createdBy._id,
      }),
  );
  await audit(
    r.community,
    r.createdBy._id,
    'input.round.create',
    { kind: 'input-round', id: round._id },
    {
      title: r.title,
      deadline: r.deadline,
      audience: { bodies: r.audience.bodies.map(String), partyTypes: r.audience.partyTypes },
    },
  );
  await scheduleRoundJobs(services, round);
  if (opensNow) await startInvitations(services, round);
  else await services.scheduler.at(round.opensAt, JOB_OPEN, { key: jobKey(round._id, 'open'), round: String(round._id) });
  const members = await roundMembers(round);
  return { round, members: members.length, parties: new Set(members.map((m) => String(m.party))).size };
}

/** Schedules the close at the deadline and the reminders still ahead; moving the deadline calls it again. */
export async function scheduleRoundJobs(services: Services, round: RoundDoc): Promise<void> {
  await services.scheduler.cancelPrefix(jobKey(round._id, 'remind:'));
  const after = new Date(Math.max(Date.now(), round.opensAt.getTime()));
  for (const { spec, at } of upcomingReminders(round.deadline, round.reminders, after)) {
    await services.scheduler.at(at, JOB_REMIND, { key: jobKey(round._id, `remind:${spec}`), round: String(round._id), v: round.deadlineVersion, spec });
  }
  await services.scheduler.at(round.deadline, JOB_CLOSE, { key: jobKey(round._id, 'close'), round: String(round._id), v: round.deadlineVersion });
}

async function startInvitations(services: Services, round: RoundDoc): Promise<void> {
  const members = await roundMembers(round);
  await services.fanout.start({
    key: fanoutKey(round._id, 'invite'),
    template: TEMPLATE_INVITE,
    params: { round: String(round._id) },
    members: members.map((m) => m._id),
    until: round.deadline,
  });
}

/** Job: a scheduled round opens. Safe to run twice: only the first moves it to open, the fan-out key is fixed. */
export async function openScheduledRound(services: Services, roundId: string): Promise<void> {
  const round = await Round.findOneAndUpdate({ _id: roundId, status: 'scheduled' }, { $set: { status: 'open', opensAt: new Date() } }, { new: true });
  const current = round ?? (await Round.findById(roundId));
  if (!current || current.status !== 'open') return;
  if (round) await audit(round.community, null, 'input.round.open', { kind: 'input-round', id: round._id });
  await startInvitations(services, current);
}

/** The parties that have answered (at least one active contribution), as id strings. */
export async function answeredParties(roundId: Id): Promise<Set<string>> {
  const parties = (await Contribution.distinct('party', { round: roundId, status: 'active' })) as Types.ObjectId[];
  return new Set(parties.map(String));
}

export async function partyHasAnswered(roundId: Id, party: Id): Promise<boolean> {
  return Boolean(await Contribution.exists({ round: roundId, party, status: 'active' }));
}

/** Audience members whose party has not answered yet. */
export async function missingMembers(round: RoundDoc): Promise<MemberDoc[]> {
  const answered = await answeredParties(round._id);
  return (await roundMembers(round)).filter((m) => !answered.has(String(m.party)));
}

/**
 * Reminds the members of parties that have not answered. The key makes a repeated request (a
 * retried job, a double tap within the same minute) one fan-out; the template checks again when
 * each message is built, so a party that answers meanwhile is not reminded.
 */
export async function remindMissing(services: Services, round: RoundDoc, what: string): Promise<{ members: number; parties: number }> {
  const missing = await missingMembers(round);
  if (missing.length) {
    await services.fanout.start({
      key: fanoutKey(round._id, what),
      template: TEMPLATE_REMIND,
      params: { round: String(round._id) },
      members: missing.map((m) => m._id),
      reminder: true,
      until: round.deadline,
    });
  }
  return { members: missing.length, parties: new Set(missing.map((m) => String(m.party))).size };
}

/** Job: one of the round's reminders. A reminder from before the deadline moved does nothing. */
export async function reminderJob(services: Services, data: Record<string, unknown>): Promise<void> {
  const round = await Round.findById(String(data.round));
  if (!round || !isOpenNow(round) || Number(data.v) !== round.deadlineVersion) return;
  await remindMissing(services, round, `remind:${round.deadlineVersion}:${String(data.spec)}`);
}

/** The secretariat's «remind now»: one fan-out per round and minute. */
export async function remindNow(services: Services, round: RoundDoc, actor: MemberDoc) {
  const r = await remindMissing(services, round, `nudge:${Math.floor(Date.now() / 60_000)}`);
  await audit(round.community, actor._id, 'input.round.remind', { kind: 'input-round', id: round._id }, r);
  return r;
}

/**
 * Closes an open round; true when this call closed it (so the caller tells people once).
 * At the deadline the job checks the deadline was not moved meanwhile.
 */
export async function closeRound(services: Services, round: RoundDoc, actor: MemberDoc | null): Promise<boolean> {
  const now = new Date();
  // A scheduled round closed before it opened comes here with status «scheduled»: not early.
  const early = closesEarly(round, actor !== null, now);
  const filter: Record<string, unknown> = { _id: round._id, status: 'open' };
  if (!actor) filter.deadline = { $lte: new Date(Date.now() + 1000) };
  const r = await Round.updateOne(filter, { $set: { status: 'closed', closedAt: now } });
  if (r.modifiedCount !== 1) return false;
  await services.scheduler.cancelPrefix(jobKey(round._id, 'remind:'));
  if (actor) await services.scheduler.cancel(JOB_CLOSE, jobKey(round._id, 'close'));
  await audit(round.community, actor?._id ?? null, 'input.round.close', { kind: 'input-round', id: round._id }, { early });
  if (early) await tellMissing(services, round, `closed:${round.deadlineVersion}`, TEMPLATE_CLOSED_EARLY);
  return true;
}

/**
 * The secretariat's «close»: a round that never opened is simply closed, since no one was
 * invited. True when this call closed it.
 */
export async function closeByHand(services: Services, round: RoundDoc, actor: MemberDoc): Promise<boolean> {
  if (round.status === 'scheduled') await Round.updateOne({ _id: round._id, status: 'scheduled' }, { $set: { status: 'open' } });
  return closeRound(services, round, actor);
}

/**
 * A notice to the members whose party has not answered. The key is per deadline version, so a
 * round closed, reopened and closed again tells them each time, and a retry tells them once;
 * the template checks again when each message is built.
 */
async function tellMissing(services: Services, round: RoundDoc, what: string, template: string): Promise<void> {
  const missing = await missingMembers(round);
  if (!missing.length) return;
  await services.fanout.start({ key: fanoutKey(round._id, what), template, params: { round: String(round._id) }, members: missing.map((m) => m._id) });
}

/**
 * Moves the deadline (and reopens a closed round). The audience is told in a fan-out of its own
 * per move — on a reopening only the members whose party has not answered, since the others
 * have nothing left to do; the reminders are rescheduled from the new deadline.
 */
export async function changeDeadline(services: Services, round: RoundDoc, actor: MemberDoc, deadline: Date): Promise<{ round: RoundDoc; reopened: boolean }> {
  const reopened = round.status === 'closed';
  const updated = await Round.findOneAndUpdate(
    { _id: round._id, community: round.community },
    {
      $set: { deadline, closedAt: null, ...(reopened ? { status: 'open' } : {}) },
      $inc: { deadlineVersion: 1 },
    },
    { new: true },
  );
  if (!updated) throw new Error('round vanished');
  await audit(
    round.community,
    actor._id,
    reopened ? 'input.round.reopen' : 'input.round.deadline',
    { kind: 'input-round', id: round._id },
    {
      from: round.deadline,
      to: deadline,
    },
  );
  await scheduleRoundJobs(services, updated);
  await services.fanout.worthUntil(fanoutKey(round._id, 'invite'), deadline);
  if (reopened) {
    await tellMissing(services, updated, `deadline:${updated.deadlineVersion}`, TEMPLATE_REOPENED);
  } else if (updated.status === 'open') {
    const members = await roundMembers(updated);
    await services.fanout.start({
      key: fanoutKey(round._id, `deadline:${updated.deadlineVersion}`),
      template: TEMPLATE_NOTICE,
      params: { round: String(round._id) },
      members: members.map((m) => m._id),
    });
  }
  return { round: updated, reopened };
}

/** The open rounds a member may answer, newest deadline last. */
export async function openRoundsFor(member: MemberDoc): Promise<RoundDoc[]> {
  const rounds = await Round.find({ community: member.community, status: 'open', deadline: { $gt: new Date() } }).sort({ deadline: 1 });
  const out: RoundDoc[] = [];
  for (const r of rounds) if (await isInAudience(member, audienceOf(r))) out.push(r);
  return out;
}

/** Whether anyone is in an audience (one nobody is in would open a round no one hears of). */
export async function audienceHasMembers(community: Id, audience: Audience): Promise<boolean> {
  return (await audienceMembers(community, audience)).length > 0;
}
