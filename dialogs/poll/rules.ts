/**
 * Who may do what with a poll, and when its reminder goes out. Pure: the callers load what the
 * rules look at. The body-level rules themselves are the core's (src/permissions.ts).
 */
import type { Types } from 'mongoose';
import type { MemberDoc } from '../../models/member.js';
import { isSecretariat } from '../../models/member.js';
import type { PollDoc } from '../../models/poll.js';
import { canAdminister, canCreatePoll, canVote } from '../../src/permissions.js';

type Voter = Pick<MemberDoc, 'community' | 'memberships'>;
type Actor = Pick<MemberDoc, 'memberships'>;
type PollRef = Pick<PollDoc, 'community' | 'body' | 'observersMayVote'>;

/** A body's members vote in its polls (observers when the poll lets them); never across communities. */
export function mayVote(poll: PollRef, member: Voter): boolean {
  return String(member.community) === String(poll.community) && canVote(member, poll.body, poll.observersMayVote);
}

/** Why a member may not vote, so the refusal can say it kindly: as the secretariat, as an observer, or as an outsider. */
export function whyNotVoter(poll: Pick<PollDoc, 'body'>, member: Actor): 'secretariat' | 'observer' | 'outsider' {
  const ms = member.memberships.find((m) => String(m.body) === String(poll.body));
  if (ms?.role === 'secretariat' || (!ms && isSecretariat(member))) return 'secretariat';
  if (ms?.role === 'observer') return 'observer';
  return 'outsider';
}

/** Polls in a body are created by the secretariat and by the body's leader and deputy leader. */
export function mayCreate(member: Actor, body: Types.ObjectId | string): boolean {
  return canCreatePoll(member, body);
}

/** Whether the member may create a poll in some body (what «hjelp» offers them). */
export function createsSomewhere(member: Actor): boolean {
  return isSecretariat(member) || member.memberships.some((ms) => canCreatePoll(member, ms.body));
}

/** Whoever may create a poll in the body may close it by hand. */
export function mayClose(member: Actor, poll: Pick<PollDoc, 'body'>): boolean {
  return canCreatePoll(member, poll.body);
}

/** The ballots are exported by the secretariat only. */
export function mayExport(member: Actor): boolean {
  return canAdminister(member);
}

/** Whether this viewer may see the tally now. */
export function tallyVisible(poll: Pick<PollDoc, 'state' | 'results'>, viewerHasVoted: boolean): boolean {
  return poll.state === 'closed' || poll.results === 'live' || (poll.results === 'after_vote' && viewerHasVoted);
}

/** The reminder goes out remindBefore ahead of closing, or halfway there when that is already past. */
export function reminderTime(now: Date, closesAt: Date, remindBeforeMs: number): Date | null {
  const left = closesAt.getTime() - now.getTime();
  if (left <= 60_000 && remindBeforeMs >= 60_000) return null;
  const at = closesAt.getTime() - remindBeforeMs;
  if (at > now.getTime()) return new Date(at);
  return left > 0 ? new Date(now.getTime() + left / 2) : null;
}
