/**
 * The meetings domain: create, change, move and cancel meetings, keep their jobs in step, and put
 * items (cases) on the agenda. Used by the meeting dialog, its jobs and the cases capability
 * (addAgendaItem, upcomingMeetings). Who is called and who answers is in attendance.ts. No chat
 * code here.
 */
import { Types } from 'mongoose';
import { Body, type BodyDoc } from '../../models/body.js';
import { DEFAULT_SCHEDULE, Meeting, MeetingSettings, type AgendaItemInput, type MeetingDoc, type MeetingSchedule } from '../../models/meeting.js';
import { audit } from '../../src/audit.js';
import type { Services } from '../../src/services.js';
import { hasStarted, timeProblems, type Problems } from './rules.js';
import { jobTimes } from './schedule.js';

export type Id = Types.ObjectId | string;
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

async function check(community: Id, input: Pick<MeetingInput, 'body' | 'start' | 'end'>, now: Date): Promise<Problems> {
  const problems: Problems = {};
  if (!(await Body.exists({ _id: input.body, community }))) problems.body = 'noBody';
  return { ...problems, ...timeProblems(input.start, input.end, now) };
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
  if (hasStarted(current, now) && moved) return { problems: { _form: 'started' } };
  const problems = moved ? await check(o.community, { body: current.body, start, end }, now) : {};
  if (has(problems)) return { problems };
  const set: Record<string, unknown> = { start, end };
  for (const k of ['title', 'place', 'videoUrl'] as const) if (o.patch[k] !== undefined) set[k] = o.patch[k];
  if (o.patch.agenda) set.agenda = o.patch.agenda.map(cleanItem);
  const meeting = await Meeting.findOneAndUpdate({ _id: o.meetingId, community: o.community, status: 'scheduled' }, { $set: set, $inc: { sequence: 1 } }, { new: true });
  if (!meeting) return { problems: { _form: 'cancelled' } };
  await audit(
    o.community,
    o.actor,
    moved ? 'meeting.move' : 'meeting.edit',
    { kind: 'meeting', id: meeting._id },
    {
      from: moved ? { start: current.start, end: current.end } : undefined,
      to: moved ? { start, end } : undefined,
      fields: Object.keys(o.patch),
    },
  );
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

/** The bodies of the given meetings, by id. */
export async function bodiesOf(meetings: Pick<MeetingDoc, 'body'>[]): Promise<Map<string, BodyDoc>> {
  return new Map((await Body.find({ _id: { $in: meetings.map((m) => m.body) } })).map((b) => [String(b._id), b]));
}

export async function bodyOf(community: Id, m: Pick<MeetingDoc, 'body'>): Promise<BodyDoc | null> {
  return Body.findOne({ _id: m.body, community });
}

/** The bodies a member keeps the secretariat for, in the order they were made. */
export async function bodiesKeptBy(community: Id, ids: unknown[]): Promise<BodyDoc[]> {
  return Body.find({ community, _id: { $in: ids } }).sort({ createdAt: 1, _id: 1 });
}
