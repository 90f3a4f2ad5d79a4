/** The steps both typed commands and buttons lead to: the list, one meeting opened, and the new-meeting form. */
import type { BodyDoc } from '../../models/body.js';
import type { Answer, MeetingDoc } from '../../models/meeting.js';
import { bodyName, findBody } from '../../src/directory.js';
import type { Args, DialogContext, StepResult } from '../../src/dialog.js';
import { require } from '../../src/permissions.js';
import type { Element, Lang, Reply } from '../../src/ui.js';
import { answersFor, meetingsForMember, standing } from './attendance.js';
import { calendarUrl } from './calendar.js';
import { createForm } from './forms.js';
import { hasStarted, mayManageMeetings, secretariatBodies, isCalled, type AnswerProblem } from './rules.js';
import { bodiesKeptBy, bodiesOf, bodyOf, findMeeting, upcomingMeetings } from './service.js';
import { texts } from './texts.js';
import { NOTICE_EXPORT } from './document.js';
import { answerLabel, listReply, meetingCard } from './views.js';

export const say = (text: string, ...elements: Element[]): StepResult => ({
  replies: [{ text, elements: elements.length ? elements : [{ type: 'section', text }], visibility: 'private' }],
});

/** What the member is told for each reason an answer is refused; `v`: the deputy named, when there is one. */
export function answerProblemText(lang: Lang, p: AnswerProblem, v: { name: string; party: string; text: string } = { name: '—', party: '—', text: '' }): string {
  switch (p) {
    case 'started':
      return texts(lang, 'meeting.error.started');
    case 'cancelled':
      return texts(lang, 'meeting.error.cancelled');
    case 'notCalled':
      return texts(lang, 'meeting.error.notCalled');
    case 'deputyUnknown':
    case 'deputyMissing':
      return texts(lang, 'meeting.error.deputyUnknown', { text: v.text });
    case 'deputyOtherParty':
      return texts(lang, 'meeting.error.deputyOtherParty', { name: v.name, party: v.party });
    case 'deputySelf':
      return texts(lang, 'meeting.error.deputySelf', { party: v.party });
  }
}

/** The bodies the member may create meetings for: those they keep the secretariat for. */
export async function bodies(ctx: DialogContext): Promise<BodyDoc[]> {
  return bodiesKeptBy(ctx.community._id, secretariatBodies(ctx.member));
}

export async function list(ctx: DialogContext): Promise<StepResult> {
  const admin = mayManageMeetings(ctx.member);
  const mine = await meetingsForMember(ctx.member);
  let own = null;
  if (mine.length || !admin) {
    const answers = await answersFor(ctx.member, mine);
    const bodyById = await bodiesOf(mine);
    own = mine.map((m) => ({ meeting: m, body: bodyById.get(String(m.body)), called: isCalled(ctx.member, m), answer: answers.get(String(m._id)) }));
  }
  let all = null;
  if (admin) {
    const upcoming = await upcomingMeetings(ctx.community._id);
    const bodyById = await bodiesOf(upcoming);
    all = upcoming.map((m) => ({ meeting: m, body: bodyById.get(String(m.body)) }));
  }
  return { replies: [listReply(ctx.lang, { mine: own, all })] };
}

/** `inPlace`: the card replaces the message the click came from, instead of coming as a new copy. */
export async function open(ctx: DialogContext, m: MeetingDoc, lead?: string, inPlace = false): Promise<StepResult> {
  const s = await standing(m, ctx.member);
  let answer: string | undefined;
  if (s.called) {
    answer =
      s.answer?.answer === 'deputy' && s.deputy
        ? texts(ctx.lang, 'meeting.status.deputyNamed', { name: s.deputy.name })
        : answerLabel((s.answer?.answer as Answer | undefined) ?? 'none', ctx.lang);
  }
  const card = meetingCard(m, (await bodyOf(ctx.community._id, m))!, ctx.lang, {
    answer,
    deputyFor: s.deputyFor?.name,
    calendarUrl: await calendarUrl(ctx.services, m, ctx.lang),
    canAnswer: s.called && !hasStarted(m),
    admin: mayManageMeetings(ctx.member),
    noticeUrl: mayManageMeetings(ctx.member) ? await noticeLink(ctx, m) : undefined,
  });
  const shown = inPlace ? { ...card, replacesSource: true } : card;
  const replies: Reply[] = lead ? [{ text: lead, visibility: 'private' }, shown] : [shown];
  return { replies };
}

/** The secretariat's link to the notice with the agenda as a Word document. */
export function noticeLink(ctx: DialogContext, m: MeetingDoc): Promise<string> {
  return ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: NOTICE_EXPORT, format: 'docx', params: { meeting: String(m._id) } });
}

/** The meeting a button or form names (`m`), in this community; «not found» otherwise. */
export async function withMeeting(ctx: DialogContext, args: Args, then: (m: MeetingDoc) => Promise<StepResult>): Promise<StepResult> {
  const m = args?.m ? await findMeeting(ctx.community._id, String(args.m)) : null;
  if (!m) return say(texts(ctx.lang, 'meeting.error.notFound'));
  return then(m);
}

/** The new-meeting form; `bodyText`: the body typed after «møte ny», preselected when it is one of theirs. */
export async function newForm(ctx: DialogContext, bodyText?: string): Promise<StepResult> {
  require(mayManageMeetings(ctx.member));
  const all = await bodies(ctx);
  const named = bodyText ? await findBody(ctx.community._id, bodyText) : null;
  let form = createForm(ctx.lang, all, named?.key);
  if (bodyText && !all.some((b) => b.key === named?.key)) {
    form = { ...form, errors: { body: texts(ctx.lang, 'meeting.error.noBody', { text: bodyText.slice(0, 60), keys: all.map((b) => bodyName(b, ctx.lang)).join(', ') }) } };
  }
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}
