/** The buttons, by step name: a member's answers, and the secretariat's changes and views of one meeting. */
import type { Answer, MeetingDoc } from '../../models/meeting.js';
import { partiesById } from '../../src/directory.js';
import type { ActionHandler, DialogContext, StepResult } from '../../src/dialog.js';
import { require } from '../../src/permissions.js';
import { answerMeeting } from './answers.js';
import { attendanceByParty, memberById } from './attendance.js';
import { deputyFormFor } from './deputy.js';
import { ATTENDANCE_EXPORT } from './exports.js';
import { editForm } from './forms.js';
import { announceCancel } from './jobs.js';
import { answerBlock, mayManageMeetings } from './rules.js';
import { cancelMeeting } from './service.js';
import { answerProblemText, list, newForm, noticeLink, open, say, withMeeting } from './steps.js';
import { texts } from './texts.js';
import { answerLabel, attendanceReply, cancelAskReply, whenText } from './views.js';

async function rsvp(ctx: DialogContext, m: MeetingDoc, answer: Answer): Promise<StepResult> {
  const r = await answerMeeting(ctx.services, { meeting: m, member: ctx.member, answer });
  if (!r.ok) return say(answerProblemText(ctx.lang, r.problem));
  const noted = texts(ctx.lang, 'meeting.reply.noted', { answer: answerLabel(answer, ctx.lang) });
  const released = await memberById(r.releasedDeputy);
  // The card clicked shows the new answer; the short confirmation is the only new message.
  return open(ctx, m, released ? `${noted} ${texts(ctx.lang, 'meeting.reply.deputyReleased', { name: released.name })}` : noted, true);
}

async function showDeputyForm(ctx: DialogContext, m: MeetingDoc): Promise<StepResult> {
  const block = answerBlock(m, ctx.member);
  if (block) return say(answerProblemText(ctx.lang, block));
  const form = await deputyFormFor(ctx, m);
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}

async function attendance(ctx: DialogContext, m: MeetingDoc): Promise<StepResult> {
  require(mayManageMeetings(ctx.member));
  const groups = await attendanceByParty(m);
  const url = await ctx.services.exports.link({
    community: ctx.community._id,
    member: ctx.member._id,
    kind: ATTENDANCE_EXPORT,
    format: 'xlsx',
    params: { meeting: String(m._id) },
  });
  return { replies: [attendanceReply(m, groups, await partiesById(ctx.community._id), ctx.lang, url, await noticeLink(ctx, m))] };
}

async function edit(ctx: DialogContext, m: MeetingDoc): Promise<StepResult> {
  require(mayManageMeetings(ctx.member));
  if (m.status === 'cancelled') return say(texts(ctx.lang, 'meeting.error.cancelled'));
  const form = editForm(ctx.lang, m);
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}

async function askCancel(ctx: DialogContext, m: MeetingDoc): Promise<StepResult> {
  require(mayManageMeetings(ctx.member));
  if (m.status === 'cancelled') return say(texts(ctx.lang, 'meeting.error.cancelled'));
  return { replies: [cancelAskReply(ctx.lang, m)] };
}

async function doCancel(ctx: DialogContext, m: MeetingDoc): Promise<StepResult> {
  require(mayManageMeetings(ctx.member));
  const cancelled = await cancelMeeting(ctx.services, { community: ctx.community._id, meetingId: m._id, actor: ctx.member._id });
  // A second click finds it cancelled already: the same answer, and the members are told once.
  if (cancelled) await announceCancel(ctx.services, cancelled);
  return say(texts(ctx.lang, 'meeting.reply.cancelled', { title: m.title, when: whenText(m, ctx.lang) }));
}

/** A button on one meeting (`m`). */
const onMeeting =
  (then: (ctx: DialogContext, m: MeetingDoc, args: Parameters<ActionHandler>[1]) => Promise<StepResult>): ActionHandler =>
  (ctx, args) =>
    withMeeting(ctx, args, (m) => then(ctx, m, args));

export const actions: Record<string, ActionHandler> = {
  list: (ctx) => list(ctx),
  new: (ctx) => newForm(ctx),
  open: onMeeting((ctx, m) => open(ctx, m)),
  rsvp: onMeeting((ctx, m, a) => rsvp(ctx, m, String(a?.a) === 'absent' ? 'absent' : 'attending')),
  deputyForm: onMeeting(showDeputyForm),
  attendance: onMeeting(attendance),
  edit: onMeeting(edit),
  cancel: onMeeting(askCancel),
  cancelYes: onMeeting(doCancel),
  cancelNo: async (ctx) => say(texts(ctx.lang, 'meeting.reply.kept')),
};
