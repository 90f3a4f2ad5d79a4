/**
 * The meetings domain: create, change, move and cancel meetings, keep their jobs in step, put
 * items (cases) on the agenda, and record who is coming. Used by the meeting dialog, its jobs
 * and the cases capability (addAgendaItem, upcomingMeetings). No chat code here.
 */
import { Types } from 'mongoose';
import { Body } from '../../models/body.js';
import { Member, type MemberDoc } from '../../models/member.js';
import {
  Attendance,
  DEFAULT_SCHEDULE,
  Meeting,
  MeetingSettings,
  type AgendaItemInput,
  type Answer,
  type AttendanceDoc,
  type MeetingDoc,
  type MeetingSchedule,
} from '../../models/meeting.js';
import { audit } from '../../src/audit.js';
import type { Services } from '../../src/services.js';
import { jobTimes } from './schedule.js';

type Id = Types.ObjectId | string;
export type MeetingServices = Pick<Services, 'scheduler'>;

export const MEETING_JOBS = {
  notice: 'samla:meeting:notice',
  reminder: 'samla:meeting:reminder',
  minutes: 'samla:meeting:minutes',
} as const;

/** Every scheduled job of a meeting has a key under this prefix (cancelPrefix removes them all). */
export function jobPrefix(meetingId: Id): string {
  return `meeting:${String(meetingId)}:`;
}

// ── settings ──────────────────────────────────────────────────────────────────────────────────

export async function meetingSchedule(community: Id): Promise<MeetingSchedule> {
  const s = await MeetingSettings.findOne({ community }).lean();
  return s ? { ...s.schedule, remindersBefore: [...s.schedule.remindersBefore] } : { ...DEFAULT_SCHEDULE, remindersBefore: [...DEFAULT_SCHEDULE.remindersBefore] };
}

/** Sets a community's offsets (seconds); meetings created afterwards use them. */
export async function setMeetingSchedule(community: Id, s: Partial<MeetingSchedule>): Promise<MeetingSchedule> {
  const next = { ...(await meetingSchedule(community)), ...s };
  await MeetingSettings.updateOne({ community }, { $set: { schedule: next } }, { upsert: true });
  return next;
}

// ── meetings ──────────────────────────────────────────────────────────────────────────────────

export interface MeetingInput {
  body: Id;
  title: string;
  start: Date;
  end: Date;
  place?: string;
  videoUrl?: string;
  agenda?: AgendaItemInput[];
  /** Overrides the community's offsets for this meeting. */
  schedule?: Partial<MeetingSchedule>;
}

export type MeetingProblem = 'noBody' | 'endBeforeStart' | 'inPast' | 'cancelled' | 'started' | 'notFound';
export type Problems = Partial<Record<'body' | 'start' | 'end' | '_form', MeetingProblem>>;

async function check(community: Id, input: Pick<MeetingInput, 'body' | 'start' | 'end'>, now: Date): Promise<Problems> {
  const problems: Problems = {};
  if (!(await Body.exists({ _id: input.body, community }))) problems.body = 'noBody';
  if (input.start.getTime() <= now.getTime()) problems.start = 'inPast';
  if (input.end.getTime() <= input.start.getTime()) problems.end = 'endBeforeStart';
  return problems;
}

const has = (p: Problems) => Object.keys(p).length > 0;

export async function createMeeting(
  services: MeetingServices,
  o: { community: Id; actor: Id | null; input: MeetingInput; now?: Date },
): Promise<{ meeting: MeetingDoc; problems?: undefined } | { problems: Problems; meeting?: undefined }> {
  const now = o.now ?? new Date();
  const problems = await check(o.community, o.input, now);
  if (has(problems)) return { problems };
  const schedule = { ...(await meetingSchedule(o.community)), ...(o.input.schedule ?? {}) };
  const meeting = await Meeting.create({
    community: o.community,
    body: o.input.body,
    title: o.input.title,
    start: o.input.start,
    end: o.input.end,
    place: o.input.place ?? '',
    videoUrl: o.input.videoUrl ?? '',
    agenda: (o.input.agenda ?? []).map(cleanItem),
    schedule,
    createdBy: o.actor,
  });
  await audit(o.community, o.actor, 'meeting.create', { kind: 'meeting', id: meeting._id }, { body: String(o.input.body), start: o.input.start, end: o.input.end });
  await scheduleJobs(services, meeting, now);
  return { meeting };
}

export type MeetingPatch = Partial<Omit<MeetingInput, 'body' | 'schedule'>>;

/**
 * Changes a meeting; a new start or end moves every job (same keys, so nothing for the old time
 * is left). `moved` tells the caller to let the members know.
 */
export async function updateMeeting(
  services: MeetingServices,
  o: { community: Id; meetingId: Id; actor: Id | null; patch: MeetingPatch; now?: Date },
): Promise<{ meeting: MeetingDoc; moved: boolean; problems?: undefined } | { problems: Problems; meeting?: undefined }> {
  const now = o.now ?? new Date();
  const current = await Meeting.findOne({ _id: o.meetingId, community: o.community });
  if (!current) return { problems: { _form: 'notFound' } };
  if (current.status === 'cancelled') return { problems: { _form: 'cancelled' } };
  const start = o.patch.start ?? current.start;
  const end = o.patch.end ?? current.end;
  const moved = start.getTime() !== current.start.getTime() || end.getTime() !== current.end.getTime();
  if (current.start.getTime() <= now.getTime() && moved) return { problems: { _form: 'started' } };
  const problems = moved ? await check(o.community, { body: current.body, start, end }, now) : {};
  if (has(problems)) return { problems };
  const set: Record<string, unknown> = { start, end };
  for (const k of ['title', 'place', 'videoUrl'] as const) if (o.patch[k] !== undefined) set[k] = o.patch[k];
  if (o.patch.agenda) set.agenda = o.patch.agenda.map(cleanItem);
  const meeting = await Meeting.findOneAndUpdate(
    { _id: o.meetingId, community: o.community, status: 'scheduled' },
    { $set: set, $inc: { sequence: 1 } },
    { new: true },
  );
  if (!meeting) return { problems: { _form: 'cancelled' } };
  await audit(o.community, o.actor, moved ? 'meeting.move' : 'meeting.edit', { kind: 'meeting', id: meeting._id }, {
    from: moved ? { start: current.start, end: current.end } : undefined,
    to: moved ? { start, end } : undefined,
    fields: Object.keys(o.patch),
  });
  if (moved) await scheduleJobs(services, meeting, now);
  return { meeting, moved };
}

/** Cancels a meeting and removes every job it had. Returns null when there was nothing to cancel. */
export async function cancelMeeting(services: MeetingServices, o: { community: Id; meetingId: Id; actor: Id | null }): Promise<MeetingDoc | null> {
  const meeting = await Meeting.findOneAndUpdate(
    { _id: o.meetingId, community: o.community, status: 'scheduled' },
    { $set: { status: 'cancelled' }, $inc: { sequence: 1 } },
    { new: true },
  );
  if (!meeting) return null;
  await services.scheduler.cancelPrefix(jobPrefix(meeting._id));
  await audit(o.community, o.actor, 'meeting.cancel', { kind: 'meeting', id: meeting._id });
  return meeting;
}

/**
 * (Re)schedules the notice, the reminders and the minutes reminder. Old jobs are removed first,
 * so a meeting with fewer reminders than before keeps none of the extra ones. A notice whose time
 * has passed goes out now; a reminder whose time has passed is left out (the notice covers it).
 */
export async function scheduleJobs(services: MeetingServices, meeting: MeetingDoc, now = new Date()): Promise<void> {
  const id = String(meeting._id);
  const prefix = jobPrefix(id);
  await services.scheduler.cancelPrefix(prefix);
  if (meeting.status !== 'scheduled') return;
  const times = jobTimes({ start: meeting.start, end: meeting.end, schedule: meeting.schedule });
  const data = { meeting: id, start: meeting.start.toISOString() };
  if (!meeting.noticeSentAt) {
    const at = times.notice.getTime() < now.getTime() ? now : times.notice;
    await services.scheduler.at(at, MEETING_JOBS.notice, { key: `${prefix}notice`, ...data });
  }
  for (const [i, at] of times.reminders.entries()) {
    if (at.getTime() <= now.getTime()) continue;
    await services.scheduler.at(at, MEETING_JOBS.reminder, { key: `${prefix}reminder:${i}`, index: i, ...data });
  }
  await services.scheduler.at(times.minutes, MEETING_JOBS.minutes, { key: `${prefix}minutes`, ...data });
}

function cleanItem(i: AgendaItemInput) {
  return { title: i.title.trim(), caseId: i.caseId ?? null, caseNumber: i.caseNumber ?? '', paperUrl: i.paperUrl ?? '' };
}

/**
 * Puts an item on a meeting's agenda (used by the cases capability for accepted cases). An item
 * for a case already on the agenda is not added twice. Returns the meeting, or null when it is
 * not found or cancelled.
 */
export async function addAgendaItem(meetingId: Id, item: AgendaItemInput, opts: { actor?: Id | null } = {}): Promise<MeetingDoc | null> {
  const filter: Record<string, unknown> = { _id: meetingId, status: 'scheduled' };
  if (item.caseId) filter['agenda.caseId'] = { $ne: item.caseId };
  const updated = await Meeting.findOneAndUpdate(filter, { $push: { agenda: cleanItem(item) }, $inc: { sequence: 1 } }, { new: true });
  if (updated) {
    await audit(updated.community, opts.actor ?? null, 'meeting.agenda.add', { kind: 'meeting', id: updated._id }, { title: item.title, caseId: item.caseId ?? null });
    return updated;
  }
  return Meeting.findOne({ _id: meetingId, status: 'scheduled' });
}

/**
 * Takes a case off a meeting's agenda (e.g. the case was withdrawn or referred). FerretDB 1.24's
 * `$pull` removes only items equal to the one given, not items matching a condition, so the
 * stored items for the case are read first and pulled whole.
 */
export async function removeAgendaItem(meetingId: Id, caseId: Id, opts: { actor?: Id | null } = {}): Promise<MeetingDoc | null> {
  const raw = await Meeting.collection.findOne({ _id: new Types.ObjectId(String(meetingId)) });
  const items = ((raw?.agenda ?? []) as Record<string, unknown>[]).filter((i) => String(i.caseId) === String(caseId));
  if (!raw || !items.length) return null;
  for (const item of items) await Meeting.collection.updateOne({ _id: raw._id }, { $pull: { agenda: item }, $inc: { sequence: 1 } } as never);
  const updated = await Meeting.findById(raw._id);
  if (updated) await audit(updated.community, opts.actor ?? null, 'meeting.agenda.remove', { kind: 'meeting', id: updated._id }, { caseId: String(caseId) });
  return updated;
}

/** A body's meetings that have not started, soonest first (all bodies when bodyId is omitted). */
export async function upcomingMeetings(community: Id, bodyId?: Id | null, now = new Date()): Promise<MeetingDoc[]> {
  const q: Record<string, unknown> = { community, status: 'scheduled', start: { $gt: now } };
  if (bodyId) q.body = bodyId;
  return Meeting.find(q).sort({ start: 1 });
}

export async function findMeeting(community: Id, id: Id): Promise<MeetingDoc | null> {
  try {
    return await Meeting.findOne({ _id: id, community });
  } catch {
    return null; // not an ObjectId
  }
}

// ── who is invited and who answers ────────────────────────────────────────────────────────────

/** The body's members who are called to the meeting (the secretariat serves it, it is not called). */
export async function calledMembers(meeting: Pick<MeetingDoc, 'community' | 'body'>): Promise<MemberDoc[]> {
  // Filtered here rather than with $elemMatch on sub-document fields (see src/db/README.md).
  const members = await Member.find({ community: meeting.community, 'memberships.body': meeting.body }).sort({ _id: 1 });
  return members.filter((m) => isCalled(m, meeting));
}

/** The secretariat serving the body: they get the reminder to share the minutes. */
export async function bodySecretariat(meeting: Pick<MeetingDoc, 'community' | 'body'>): Promise<MemberDoc[]> {
  const members = await Member.find({ community: meeting.community, 'memberships.body': meeting.body }).sort({ _id: 1 });
  return members.filter((m) => m.memberships.some((x) => String(x.body) === String(meeting.body) && x.role === 'secretariat'));
}

export function isCalled(member: MemberDoc, meeting: Pick<MeetingDoc, 'body'>): boolean {
  return member.memberships.some((m) => String(m.body) === String(meeting.body) && m.role !== 'secretariat');
}

/**
 * Who already knows the meeting's time before its notice has gone out: the members who answered
 * (from «møte») and the deputies they named. They are the ones to tell when it moves.
 */
export async function informedBeforeNotice(meeting: Pick<MeetingDoc, '_id' | 'community' | 'body'>): Promise<Types.ObjectId[]> {
  const rows = await Attendance.find({ meeting: meeting._id }).lean();
  const called = new Set((await calledMembers(meeting)).map((m) => String(m._id)));
  const ids = [...rows.filter((r) => called.has(String(r.member))).map((r) => r.member), ...(await deputiesOf(meeting))] as Types.ObjectId[];
  const seen = new Set<string>();
  return ids.filter((id) => !seen.has(String(id)) && Boolean(seen.add(String(id))));
}

export async function deputiesOf(meeting: Pick<MeetingDoc, '_id'>): Promise<Types.ObjectId[]> {
  const rows = await Attendance.find({ meeting: meeting._id, answer: 'deputy', deputy: { $ne: null } }).lean();
  return rows.map((r) => r.deputy!) as Types.ObjectId[];
}

/** The answer that names this member as a deputy for the meeting (null when nobody does now). */
export async function deputyFor(meeting: Id, member: Id): Promise<AttendanceDoc | null> {
  return Attendance.findOne({ meeting, deputy: member, answer: 'deputy' });
}

/**
 * Everyone told when a meeting moves or is cancelled: the called members (whatever they answered
 * — someone who cannot come or sent a deputy may come at the new time) and the named deputies,
 * each once.
 */
export async function meetingRecipients(meeting: Pick<MeetingDoc, '_id' | 'community' | 'body'>): Promise<Types.ObjectId[]> {
  const ids = [...(await calledMembers(meeting)).map((m) => m._id as Types.ObjectId), ...(await deputiesOf(meeting))];
  const seen = new Set<string>();
  return ids.filter((id) => !seen.has(String(id)) && Boolean(seen.add(String(id))));
}

/** Upcoming meetings a member is called to or is a deputy for. */
export async function meetingsForMember(member: MemberDoc, now = new Date()): Promise<MeetingDoc[]> {
  const bodies = member.memberships.filter((m) => m.role !== 'secretariat').map((m) => m.body);
  const asDeputy = await Attendance.find({ community: member.community, deputy: member._id, answer: 'deputy' }).lean();
  return Meeting.find({
    community: member.community,
    status: 'scheduled',
    start: { $gt: now },
    $or: [{ body: { $in: bodies } }, { _id: { $in: asDeputy.map((a) => a.meeting) } }],
  }).sort({ start: 1 });
}

export async function answerOf(meeting: Id, member: Id): Promise<AttendanceDoc | null> {
  return Attendance.findOne({ meeting, member });
}

export type AnswerProblem = 'started' | 'cancelled' | 'notCalled' | 'deputyUnknown' | 'deputyOtherParty' | 'deputySelf' | 'deputyMissing';

/**
 * Records (or changes) a member's answer. One row per member and meeting, replaced in place, so a
 * double click or a retry never counts twice. Refused once the meeting has started.
 */
export async function recordAnswer(o: {
  meeting: MeetingDoc;
  member: MemberDoc;
  answer: Answer;
  deputy?: MemberDoc | null;
  now?: Date;
}): Promise<{ ok: true; attendance: AttendanceDoc; newDeputy: boolean; releasedDeputy: Types.ObjectId | null } | { ok: false; problem: AnswerProblem }> {
  const now = o.now ?? new Date();
  const fresh = await Meeting.findById(o.meeting._id);
  if (!fresh || fresh.status === 'cancelled') return { ok: false, problem: 'cancelled' };
  if (fresh.start.getTime() <= now.getTime()) return { ok: false, problem: 'started' };
  if (!isCalled(o.member, fresh)) return { ok: false, problem: 'notCalled' };
  let deputy: Types.ObjectId | null = null;
  if (o.answer === 'deputy') {
    if (!o.deputy) return { ok: false, problem: 'deputyMissing' };
    if (String(o.deputy._id) === String(o.member._id)) return { ok: false, problem: 'deputySelf' };
    if (String(o.deputy.party) !== String(o.member.party)) return { ok: false, problem: 'deputyOtherParty' };
    deputy = o.deputy._id;
  }
  const before = await Attendance.findOne({ meeting: fresh._id, member: o.member._id }).lean();
  const attendance = await Attendance.findOneAndUpdate(
    { meeting: fresh._id, member: o.member._id },
    {
      $set: { community: fresh.community, party: o.member.party, answer: o.answer, deputy, answeredAt: now },
    },
    { upsert: true, new: true },
  );
  await audit(fresh.community, o.member._id, 'meeting.rsvp', { kind: 'meeting', id: fresh._id }, { answer: o.answer, deputy: deputy ? String(deputy) : null });
  const newDeputy = Boolean(deputy) && String(before?.deputy ?? '') !== String(deputy);
  // The deputy named before is no longer needed when the answer changed to anything else
  // (attending, absent, or another deputy); they are told so by the caller.
  const releasedDeputy = before?.deputy && String(before.deputy) !== String(deputy) ? (before.deputy as Types.ObjectId) : null;
  return { ok: true, attendance: attendance!, newDeputy, releasedDeputy };
}

export type AttendanceState = Answer | 'none';

export interface PartyAttendance {
  party: Types.ObjectId;
  members: { member: MemberDoc; state: AttendanceState; deputy: MemberDoc | null }[];
}

/** Every called member's answer, grouped by party (the secretariat's attendance view). */
export async function attendanceByParty(meeting: MeetingDoc): Promise<PartyAttendance[]> {
  const members = await calledMembers(meeting);
  const rows = await Attendance.find({ meeting: meeting._id }).lean();
  const byMember = new Map(rows.map((r) => [String(r.member), r]));
  const deputyIds = rows.filter((r) => r.deputy).map((r) => r.deputy!);
  const deputies = new Map((await Member.find({ _id: { $in: deputyIds } })).map((m) => [String(m._id), m]));
  const groups = new Map<string, PartyAttendance>();
  for (const m of members) {
    const r = byMember.get(String(m._id));
    const g = groups.get(String(m.party)) ?? { party: m.party as Types.ObjectId, members: [] };
    g.members.push({ member: m, state: (r?.answer as Answer | undefined) ?? 'none', deputy: r?.deputy ? (deputies.get(String(r.deputy)) ?? null) : null });
    groups.set(String(m.party), g);
  }
  return [...groups.values()];
}

/** Finds a deputy by e-mail or full name within the community. */
export async function findMemberByText(community: Id, text: string): Promise<MemberDoc | null> {
  const t = text.trim();
  if (!t) return null;
  if (t.includes('@')) return Member.findOne({ community, email: t.toLowerCase() });
  const all = await Member.find({ community });
  const fold = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return all.find((m) => fold(m.name) === fold(t)) ?? null;
}
