/**
 * A member's answer and what it means for deputies: a newly named deputy is sent the notice, and
 * a deputy who is no longer needed (the member now comes, cannot come, or names someone else) is
 * told so. One place for the dialog and the tests, so the rule cannot drift between them.
 */
import type { Answer, MeetingDoc } from '../../models/meeting.js';
import type { MemberDoc } from '../../models/member.js';
import type { Services } from '../../src/services.js';
import { noticeToDeputy, releaseDeputy } from './jobs.js';
import { recordAnswer } from './attendance.js';

export async function answerMeeting(
  services: Services,
  o: { meeting: MeetingDoc; member: MemberDoc; answer: Answer; deputy?: MemberDoc | null; now?: Date },
): Promise<Awaited<ReturnType<typeof recordAnswer>>> {
  const r = await recordAnswer(o);
  if (!r.ok) return r;
  const principal = String(o.member._id);
  const at = r.attendance.answeredAt;
  if (r.releasedDeputy) await releaseDeputy(services, o.meeting, principal, String(r.releasedDeputy), at);
  if (r.newDeputy && r.attendance.deputy) await noticeToDeputy(services, o.meeting, principal, String(r.attendance.deputy), at);
  return r;
}
