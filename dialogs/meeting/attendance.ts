/**
 * Who is called to a meeting, who is told of it, and who answers: the members' answers (attending,
 * absent, a deputy from their party), recorded once per member and meeting.
 */
import type { Types } from 'mongoose';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party, type PartyDoc } from '../../models/party.js';
import { Attendance, Meeting, type Answer, type AttendanceDoc, type MeetingDoc } from '../../models/meeting.js';
import { audit } from '../../src/audit.js';
import { answerBlock, deputyProblem, isCalled, type AnswerProblem } from './rules.js';
import type { Id } from './service.js';

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
  if (!fresh) return { ok: false, problem: 'cancelled' };
  const problem = answerBlock(fresh, o.member, now) ?? deputyProblem(o.member, o.answer, o.deputy);
  if (problem) return { ok: false, problem };
  const deputy: Types.ObjectId | null = o.answer === 'deputy' && o.deputy ? o.deputy._id : null;
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

/** A member's answers to the given meetings, by meeting id. */
export async function answersFor(member: Pick<MemberDoc, '_id'>, meetings: Pick<MeetingDoc, '_id'>[]): Promise<Map<string, AttendanceDoc>> {
  const answers = await Attendance.find({ member: member._id, meeting: { $in: meetings.map((m) => m._id) } });
  return new Map(answers.map((a) => [String(a.meeting), a]));
}

/** How many of the given meetings a member has answered. */
export async function answeredCount(member: Pick<MemberDoc, '_id'>, meetings: Pick<MeetingDoc, '_id'>[]): Promise<number> {
  return Attendance.countDocuments({ member: member._id, meeting: { $in: meetings.map((m) => m._id) } });
}

/**
 * Where a member stands with a meeting: as a called member, their answer and the deputy they
 * named; otherwise the member they are a deputy for.
 */
export async function standing(
  meeting: MeetingDoc,
  member: MemberDoc,
): Promise<{ called: boolean; answer: AttendanceDoc | null; deputy: MemberDoc | null; deputyFor: MemberDoc | null }> {
  const called = isCalled(member, meeting);
  const answer = await Attendance.findOne({ meeting: meeting._id, member: member._id });
  const asDeputy = called ? null : await deputyFor(meeting._id, member._id);
  return {
    called,
    answer,
    deputy: called && answer?.deputy ? await Member.findById(answer.deputy) : null,
    deputyFor: asDeputy ? await Member.findById(asDeputy.member) : null,
  };
}

/** Up to `limit` others from a member's party, by name: the deputies the form suggests. */
export async function partyColleagues(member: MemberDoc, limit: number): Promise<MemberDoc[]> {
  return Member.find({ community: member.community, party: member.party, _id: { $ne: member._id } })
    .sort({ name: 1 })
    .limit(limit);
}

export async function memberById(id: unknown): Promise<MemberDoc | null> {
  return id ? Member.findById(id) : null;
}

export async function partyOf(member: MemberDoc): Promise<PartyDoc | null> {
  return Party.findOne({ _id: member.party, community: member.community });
}
