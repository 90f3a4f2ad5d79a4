/** Sending a deputy: the form (with colleagues from the member's party suggested) and its submission. */
import type { MeetingDoc } from '../../models/meeting.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import type { Form } from '../../src/ui.js';
import { answerMeeting } from './answers.js';
import { findMemberByText, memberById, partyColleagues, partyOf } from './attendance.js';
import { deputyForm } from './forms.js';
import { answerProblemText, open } from './steps.js';
import { texts } from './texts.js';

const partyName = async (ctx: DialogContext) => (await partyOf(ctx.member))?.name ?? '—';

export async function deputyFormFor(ctx: DialogContext, m: MeetingDoc): Promise<Form> {
  return deputyForm(ctx.lang, m, await partyName(ctx), await partyColleagues(ctx.member, 5));
}

export async function submitDeputy(ctx: DialogContext, m: MeetingDoc, text: string): Promise<StepResult> {
  const deputy = await findMemberByText(ctx.community._id, text);
  if (!deputy) return { replies: [], errors: { deputy: texts(ctx.lang, 'meeting.error.deputyUnknown', { text }) } };
  const r = await answerMeeting(ctx.services, { meeting: m, member: ctx.member, answer: 'deputy', deputy });
  if (!r.ok) {
    const party = await partyName(ctx);
    const msg = answerProblemText(ctx.lang, r.problem, { name: deputy.name, party, text });
    // Problems with the meeting itself are not the field's fault: the whole form gets them.
    return { replies: [], errors: r.problem.startsWith('deputy') ? { deputy: msg } : { _form: msg } };
  }
  const released = await memberById(r.releasedDeputy);
  const noted = texts(ctx.lang, 'meeting.reply.notedDeputy', { name: deputy.name });
  // The deputy form (a Teams card) becomes the meeting card with the answer, not a further copy.
  return open(ctx, m, released ? `${noted} ${texts(ctx.lang, 'meeting.reply.deputyReleased', { name: released.name })}` : noted, true);
}
