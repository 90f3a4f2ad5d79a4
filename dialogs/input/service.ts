/**
 * The domain of input rounds, shared by the dialog and its jobs: opening, reminding, moving the
 * deadline, closing, contributions and the numbers behind status and summary. No chat code here;
 * the fan-out templates (templates.ts) build the messages.
 */
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { Contribution, type ContributionDoc } from '../../models/contribution.js';
import type { MemberDoc } from '../../models/member.js';
import { Party, type PartyDoc, type PartyType } from '../../models/party.js';
import { Round, type RoundDoc } from '../../models/round.js';
import { audienceMembers, audienceParties, isInAudience, progressByPartyType, type Audience, type PartyTypeProgress } from '../../src/audience.js';
import { audit } from '../../src/audit.js';
import { createNumbered } from '../../src/db/numbering.js';
import type { Services } from '../../src/services.js';
import type { Lang } from '../../src/ui.js';
import { upcomingReminders } from './reminders.js';

type Id = Types.ObjectId | string;

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

export const MAX_TEXT = 4000;
export const MAX_THEMES = 20;
export const MAX_THEME_LENGTH = 80;

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

/** Splits the themes typed as lines or comma-separated text. */
export function parseThemes(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean))];
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

export function isOpenNow(round: RoundDoc, now = new Date()): boolean {
  return round.status === 'open' && round.deadline.getTime() > now.getTime();
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
  await audit(r.community, r.createdBy._id, 'input.round.create', { kind: 'input-round', id: round._id }, {
    title: r.title,
    deadline: r.deadline,
    audience: { bodies: r.audience.bodies.map(String), partyTypes: r.audience.partyTypes },
  });
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
  await services.fanout.start({ key: fanoutKey(round._id, 'invite'), template: TEMPLATE_INVITE, params: { round: String(round._id) }, members: members.map((m) => m._id), until: round.deadline });
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
  // Closed by the secretariat before the deadline, after the audience was invited: the parties
  // still missing are told. A scheduled round closed before it opened (doClose passes it with
  // status «scheduled») invited no one, so no one is told.
  const early = actor !== null && round.status === 'open' && round.deadline.getTime() > now.getTime();
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
  await audit(round.community, actor._id, reopened ? 'input.round.reopen' : 'input.round.deadline', { kind: 'input-round', id: round._id }, {
    from: round.deadline,
    to: deadline,
  });
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

export interface ContributionInput {
  text: string;
  themes: string[];
  priorityGroups: string[];
}

/** A fingerprint of one submission: the same form with the same content is one contribution. */
export function submissionKey(prefix: string, serial: string | number, c: ContributionInput): string {
  const h = createHash('sha1').update(JSON.stringify([c.text, [...c.themes].sort(), [...c.priorityGroups].sort()])).digest('hex').slice(0, 16);
  return `${prefix}:${serial}:${h}`;
}

/** How many contributions a member has made to a round (or as free input), withdrawn ones too: the serial of the next form. */
export async function contributionSerial(member: MemberDoc, round: Id | null): Promise<number> {
  return Contribution.countDocuments({ community: member.community, member: member._id, round: round ?? null });
}

export type SubmitResult =
  | { kind: 'saved' | 'duplicate'; contribution: ContributionDoc }
  | { kind: 'closed' | 'not_audience' | 'not_open_yet' };

export async function contribute(round: RoundDoc, member: MemberDoc, input: ContributionInput, serial: string | number): Promise<SubmitResult> {
  if (round.status === 'scheduled') return { kind: 'not_open_yet' };
  if (!isOpenNow(round)) return { kind: 'closed' };
  if (!(await isInAudience(member, audienceOf(round)))) return { kind: 'not_audience' };
  return saveContribution(member, { round: round._id, body: null }, input, submissionKey(`r:${String(round._id)}`, serial, input));
}

export async function contributeFree(member: MemberDoc, body: Id, input: ContributionInput, serial: string | number): Promise<SubmitResult> {
  return saveContribution(member, { round: null, body }, input, submissionKey('free', serial, input));
}

async function saveContribution(member: MemberDoc, where: { round: Id | null; body: Id | null }, input: ContributionInput, submission: string): Promise<SubmitResult> {
  try {
    const c = await Contribution.create({
      community: member.community,
      round: where.round,
      body: where.body,
      member: member._id,
      party: member.party,
      text: input.text,
      themes: input.themes,
      priorityGroups: input.priorityGroups,
      submission,
    });
    await audit(member.community, member._id, where.round ? 'input.contribution.create' : 'input.free.create', { kind: 'contribution', id: c._id }, {
      round: where.round ? String(where.round) : null,
      body: where.body ? String(where.body) : null,
    });
    return { kind: 'saved', contribution: c };
  } catch (e) {
    if ((e as { code?: number }).code !== 11000) throw e;
    const existing = await Contribution.findOne({ community: member.community, member: member._id, submission });
    if (!existing) throw e;
    return { kind: 'duplicate', contribution: existing };
  }
}

/** Edits or withdraws a member's own contribution while its round is open. */
export async function changeOwn(
  member: MemberDoc,
  contributionId: string,
  change: { input?: ContributionInput; status?: 'active' | 'withdrawn' },
): Promise<{ kind: 'ok' | 'closed' | 'not_yours' | 'missing'; round?: RoundDoc; contribution?: ContributionDoc }> {
  const c = await Contribution.findOne({ _id: contributionId, community: member.community });
  if (!c) return { kind: 'missing' };
  if (String(c.member) !== String(member._id)) return { kind: 'not_yours' };
  const round = c.round ? await Round.findById(c.round) : null;
  if (!round || !isOpenNow(round)) return { kind: 'closed', round: round ?? undefined };
  const $set: Record<string, unknown> = {};
  if (change.input) Object.assign($set, { text: change.input.text, themes: change.input.themes, priorityGroups: change.input.priorityGroups });
  if (change.status) $set.status = change.status;
  const updated = await Contribution.findOneAndUpdate({ _id: c._id, member: member._id }, { $set }, { new: true });
  await audit(member.community, member._id, change.status ? `input.contribution.${change.status === 'withdrawn' ? 'withdraw' : 'restore'}` : 'input.contribution.edit', {
    kind: 'contribution',
    id: c._id,
  });
  return { kind: 'ok', round, contribution: updated ?? c };
}

export interface RoundProgress {
  parties: PartyDoc[];
  answered: Set<string>;
  contributions: number;
  byType: PartyTypeProgress[];
}

export async function roundProgress(round: RoundDoc, lang: Lang): Promise<RoundProgress> {
  const parties = await audienceParties(round.community, audienceOf(round));
  const answered = await answeredParties(round._id);
  const contributions = await Contribution.countDocuments({ round: round._id, status: 'active' });
  const inAudience = new Set(parties.map((p) => String(p._id)));
  return {
    parties,
    answered: new Set([...answered].filter((p) => inAudience.has(p))),
    contributions,
    byType: progressByPartyType(parties, answered, lang),
  };
}

export interface RoundSummary {
  contributions: number;
  byPartyType: Map<PartyType, number>;
  byTheme: Map<string, number>;
  byGroup: Map<string, number>;
}

/** Counts of the active contributions by party type, theme and priority group. */
export async function roundSummary(round: RoundDoc): Promise<RoundSummary> {
  const list = await Contribution.find({ round: round._id, status: 'active' });
  const parties = new Map((await Party.find({ community: round.community })).map((p) => [String(p._id), p]));
  const s: RoundSummary = { contributions: list.length, byPartyType: new Map(), byTheme: new Map(), byGroup: new Map() };
  const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const c of list) {
    const type = parties.get(String(c.party))?.type as PartyType | undefined;
    if (type) bump(s.byPartyType, type);
    for (const th of c.themes) bump(s.byTheme, th);
    for (const g of c.priorityGroups) bump(s.byGroup, g);
  }
  return s;
}

/** Finds a round by its number (as typed) or the one most in focus: the open one closing first, else the newest. */
export async function findRound(community: Id, no?: string): Promise<RoundDoc | null> {
  if (no && /^\d+$/.test(no)) return Round.findOne({ community, no: Number(no) });
  return (
    (await Round.findOne({ community, status: 'open' }).sort({ deadline: 1 })) ??
    (await Round.findOne({ community, status: 'scheduled' }).sort({ opensAt: 1 })) ??
    (await Round.findOne({ community }).sort({ no: -1 }))
  );
}

export async function roundById(community: Id, id: unknown): Promise<RoundDoc | null> {
  if (typeof id !== 'string' || !/^[a-f0-9]{24}$/.test(id)) return null;
  return Round.findOne({ _id: id, community });
}
