/**
 * The rules of meetings, written once for the dialog, the service and the jobs: who is called,
 * who runs meetings, when a meeting's times will do, and when and how a member may answer. Pure.
 */
import type { Answer, MeetingDoc } from '../../models/meeting.js';
import type { MemberDoc } from '../../models/member.js';
import { canAdminister } from '../../src/permissions.js';

export type MeetingProblem = 'noBody' | 'endBeforeStart' | 'inPast' | 'cancelled' | 'started' | 'notFound';
export type Problems = Partial<Record<'body' | 'start' | 'end' | '_form', MeetingProblem>>;
export type AnswerProblem = 'started' | 'cancelled' | 'notCalled' | 'deputyUnknown' | 'deputyOtherParty' | 'deputySelf' | 'deputyMissing';

/** The secretariat creates, changes, moves and cancels meetings and sees who is coming. */
export function mayManageMeetings(member: MemberDoc): boolean {
  return canAdminister(member);
}

/** The bodies a member keeps the secretariat for: those they may create meetings for. */
export function secretariatBodies(member: Pick<MemberDoc, 'memberships'>): MemberDoc['memberships'][number]['body'][] {
  return member.memberships.filter((m) => m.role === 'secretariat').map((m) => m.body);
}

/** The body's members are called to its meetings; the secretariat serves it and is not called. */
export function isCalled(member: Pick<MemberDoc, 'memberships'>, meeting: Pick<MeetingDoc, 'body'>): boolean {
  return member.memberships.some((m) => String(m.body) === String(meeting.body) && m.role !== 'secretariat');
}

export function hasStarted(meeting: Pick<MeetingDoc, 'start'>, now = new Date()): boolean {
  return meeting.start.getTime() <= now.getTime();
}

/** A meeting starts in the future and ends after it starts. */
export function timeProblems(start: Date, end: Date, now = new Date()): Problems {
  const problems: Problems = {};
  if (start.getTime() <= now.getTime()) problems.start = 'inPast';
  if (end.getTime() <= start.getTime()) problems.end = 'endBeforeStart';
  return problems;
}

/** Why a member may not answer a meeting (cancelled, started, not called); null when they may. */
export function answerBlock(meeting: Pick<MeetingDoc, 'status' | 'start' | 'body'>, member: Pick<MemberDoc, 'memberships'>, now = new Date()): AnswerProblem | null {
  if (meeting.status === 'cancelled') return 'cancelled';
  if (hasStarted(meeting, now)) return 'started';
  if (!isCalled(member, meeting)) return 'notCalled';
  return null;
}

/** A deputy is someone else from the member's own party. */
export function deputyProblem(member: Pick<MemberDoc, '_id' | 'party'>, answer: Answer, deputy: Pick<MemberDoc, '_id' | 'party'> | null | undefined): AnswerProblem | null {
  if (answer !== 'deputy') return null;
  if (!deputy) return 'deputyMissing';
  if (String(deputy._id) === String(member._id)) return 'deputySelf';
  if (String(deputy.party) !== String(member.party)) return 'deputyOtherParty';
  return null;
}

export function isUrl(s: string): boolean {
  return /^https?:\/\/\S+$/i.test(s.trim());
}
