/**
 * «møte» / «meeting»: members see their upcoming meetings with their answer, open one for the
 * agenda and papers, and answer attending / not attending / sending a deputy. The secretariat
 * creates, changes, moves and cancels meetings and sees who is coming, by party.
 */
import { Body, type BodyDoc } from '../../models/body.js';
import { Attendance, type Answer, type MeetingDoc } from '../../models/meeting.js';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { bodyName, findBody, partiesById } from '../../src/directory.js';
import type { Args, Dialog, DialogContext, StepResult } from '../../src/dialog.js';
import type { CleanValues } from '../../src/forms.js';
import { action } from '../../src/payload.js';
import { canAdminister, require } from '../../src/permissions.js';
import { formatDateTime, formatShort } from '../../src/time.js';
import type { Button, Element, Reply } from '../../src/ui.js';
import { calendarUrl, mountCalendar } from './calendar.js';
import { createForm, deputyForm, editForm, FORMS, isUrl, parseAgenda } from './forms.js';
import { answerMeeting } from './answers.js';
import { announceCancel, announceMove, meetingJobs, meetingTemplates } from './jobs.js';
import { answerLabel, attendanceReply, DIALOG, meetingCard, whenText } from './render.js';
import { jobTimes } from './schedule.js';
import {
  attendanceByParty,
  cancelMeeting,
  createMeeting,
  findMeeting,
  findMemberByText,
  isCalled,
  meetingsForMember,
  updateMeeting,
  upcomingMeetings,
  type AnswerProblem,
  type Problems,
} from './service.js';
import { meetingTexts, type MeetingTextKey } from './texts.js';

const NEW_WORDS = new Set(['ny', 'nytt', 'new', 'opprett', 'create']);

const say = (text: string, ...elements: Element[]): StepResult => ({ replies: [{ text, elements: elements.length ? elements : [{ type: 'section', text }], visibility: 'private' }] });

function tr(ctx: DialogContext) {
  return (k: MeetingTextKey, v?: Record<string, string | number>) => meetingTexts(ctx.lang, k, v);
}

async function bodyOf(ctx: DialogContext, m: MeetingDoc): Promise<BodyDoc> {
  return (await Body.findOne({ _id: m.body, community: ctx.community._id }))!;
}

/** The bodies the member may create meetings for: those they keep the secretariat for. */
async function bodies(ctx: DialogContext): Promise<BodyDoc[]> {
  const mine = ctx.member.memberships.filter((m) => m.role === 'secretariat').map((m) => m.body);
  return Body.find({ community: ctx.community._id, _id: { $in: mine } }).sort({ createdAt: 1, _id: 1 });
}

// ── list and open ─────────────────────────────────────────────────────────────────────────────

async function list(ctx: DialogContext): Promise<StepResult> {
  const t = tr(ctx);
  const admin = canAdminister(ctx.member);
  const mine = await meetingsForMember(ctx.member);
  const elements: Element[] = [];
  const buttons: Button[] = [];
  const openButton = (m: MeetingDoc): Button => ({ label: `${m.title} · ${formatShort(m.start, ctx.lang)}`, action: action(DIALOG, 'open', { m: String(m._id) }) });
  if (mine.length || !admin) {
    const answers = await Attendance.find({ member: ctx.member._id, meeting: { $in: mine.map((m) => m._id) } }).lean();
    const byMeeting = new Map(answers.map((a) => [String(a.meeting), a]));
    const bodyById = new Map((await Body.find({ _id: { $in: mine.map((m) => m.body) } })).map((b) => [String(b._id), b]));
    const lines = mine.slice(0, 10).map((m) => {
      const a = byMeeting.get(String(m._id));
      const answer = isCalled(ctx.member, m) ? answerLabel((a?.answer as Answer | undefined) ?? 'none', ctx.lang) : t('deputy');
      const b = bodyById.get(String(m.body));
      return `• *${m.title}* (${b ? bodyName(b, ctx.lang) : '—'}), ${whenText(m, ctx.lang)} — ${t('answerLabel').toLowerCase()}: ${answer}`;
    });
    elements.push({ type: 'section', text: `*${t('listTitle')}*\n${lines.length ? lines.join('\n') : t('none')}` });
    buttons.push(...mine.slice(0, 10).map(openButton));
  }
  if (admin) {
    const all = await upcomingMeetings(ctx.community._id);
    const bodyById = new Map((await Body.find({ _id: { $in: all.map((m) => m.body) } })).map((b) => [String(b._id), b]));
    const lines = all.slice(0, 15).map((m) => `• *${m.title}* (${bodyById.get(String(m.body))?.short ?? '—'}), ${whenText(m, ctx.lang)}`);
    elements.push({ type: 'section', text: `*${t('adminListTitle')}*\n${lines.length ? lines.join('\n') : t('noneAdmin')}` });
    const shown = new Set(buttons.map((b) => String(b.action.a?.m)));
    buttons.push(...all.slice(0, 15).filter((m) => !shown.has(String(m._id))).map(openButton));
    buttons.push({ label: t('newMeeting'), action: action(DIALOG, 'new'), style: 'primary' });
  }
  if (buttons.length) elements.push({ type: 'buttons', buttons });
  const text = elements.map((e) => (e.type === 'section' ? e.text.replace(/\*/g, '') : '')).filter(Boolean).join('\n');
  return { replies: [{ text, elements, visibility: 'private' }] };
}

/** `inPlace`: the card replaces the message the click came from, instead of coming as a new copy. */
async function open(ctx: DialogContext, m: MeetingDoc, lead?: string, inPlace = false): Promise<StepResult> {
  const called = isCalled(ctx.member, m);
  const a = await Attendance.findOne({ meeting: m._id, member: ctx.member._id });
  const asDeputy = called ? null : await Attendance.findOne({ meeting: m._id, deputy: ctx.member._id, answer: 'deputy' });
  const principal = asDeputy ? await Member.findById(asDeputy.member) : null;
  let answer: string | undefined;
  if (called) {
    const deputy = a?.deputy ? await Member.findById(a.deputy) : null;
    answer = a?.answer === 'deputy' && deputy ? meetingTexts(ctx.lang, 'deputyNamed', { name: deputy.name }) : answerLabel((a?.answer as Answer | undefined) ?? 'none', ctx.lang);
  }
  const card = meetingCard(m, await bodyOf(ctx, m), ctx.lang, {
    answer,
    deputyFor: principal?.name,
    calendarUrl: await calendarUrl(ctx.services, m, ctx.lang),
    canAnswer: called && m.start.getTime() > Date.now(),
    admin: canAdminister(ctx.member),
  });
  const shown = inPlace ? { ...card, replacesSource: true } : card;
  const replies: Reply[] = lead ? [{ text: lead, visibility: 'private' }, shown] : [shown];
  return { replies };
}

async function withMeeting(ctx: DialogContext, args: Args, then: (m: MeetingDoc) => Promise<StepResult>): Promise<StepResult> {
  const m = args?.m ? await findMeeting(ctx.community._id, String(args.m)) : null;
  if (!m) return say(tr(ctx)('notFound'));
  return then(m);
}

// ── answers ───────────────────────────────────────────────────────────────────────────────────

const ANSWER_TEXT: Record<AnswerProblem, MeetingTextKey> = {
  started: 'started',
  cancelled: 'cancelledErr',
  notCalled: 'notCalled',
  deputyUnknown: 'deputyUnknown',
  deputyOtherParty: 'deputyOtherParty',
  deputySelf: 'deputySelf',
  deputyMissing: 'deputyUnknown',
};

async function rsvp(ctx: DialogContext, m: MeetingDoc, answer: Answer): Promise<StepResult> {
  const t = tr(ctx);
  const r = await answerMeeting(ctx.services, { meeting: m, member: ctx.member, answer });
  if (!r.ok) return say(t(ANSWER_TEXT[r.problem]));
  const noted = t('noted', { answer: answerLabel(answer, ctx.lang) });
  const released = r.releasedDeputy ? await Member.findById(r.releasedDeputy) : null;
  // The card clicked shows the new answer; the short confirmation is the only new message.
  return open(ctx, m, released ? `${noted} ${t('deputyReleasedNoted', { name: released.name })}` : noted, true);
}

async function partyName(ctx: DialogContext): Promise<string> {
  return (await Party.findOne({ _id: ctx.member.party, community: ctx.community._id }))?.name ?? '—';
}

async function showDeputyForm(ctx: DialogContext, m: MeetingDoc): Promise<StepResult> {
  if (m.status === 'cancelled') return say(tr(ctx)('cancelledErr'));
  if (m.start.getTime() <= Date.now()) return say(tr(ctx)('started'));
  if (!isCalled(ctx.member, m)) return say(tr(ctx)('notCalled'));
  const form = await deputyFormFor(ctx, m);
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}

async function deputyFormFor(ctx: DialogContext, m: MeetingDoc) {
  const colleagues = await Member.find({ community: ctx.community._id, party: ctx.member.party, _id: { $ne: ctx.member._id } }).sort({ name: 1 }).limit(5);
  return deputyForm(ctx.lang, m, await partyName(ctx), colleagues);
}

async function submitDeputy(ctx: DialogContext, m: MeetingDoc, values: CleanValues): Promise<StepResult> {
  const t = tr(ctx);
  const text = String(values.deputy ?? '');
  const deputy = await findMemberByText(ctx.community._id, text);
  if (!deputy) return { replies: [], errors: { deputy: t('deputyUnknown', { text }) } };
  const r = await answerMeeting(ctx.services, { meeting: m, member: ctx.member, answer: 'deputy', deputy });
  if (!r.ok) {
    const party = await partyName(ctx);
    const msg = t(ANSWER_TEXT[r.problem], { name: deputy.name, party, text });
    // Problems with the meeting itself are not the field's fault: the whole form gets them.
    return { replies: [], errors: r.problem.startsWith('deputy') ? { deputy: msg } : { _form: msg } };
  }
  const released = r.releasedDeputy ? await Member.findById(r.releasedDeputy) : null;
  const noted = t('notedDeputy', { name: deputy.name });
  // The deputy form (a Teams card) becomes the meeting card with the answer, not a further copy.
  return open(ctx, m, released ? `${noted} ${t('deputyReleasedNoted', { name: released.name })}` : noted, true);
}

// ── the secretariat ───────────────────────────────────────────────────────────────────────────

async function problemsToErrors(ctx: DialogContext, p: Problems): Promise<Record<string, string>> {
  const t = tr(ctx);
  const text: Record<string, MeetingTextKey> = { inPast: 'inPast', endBeforeStart: 'endBeforeStart', cancelled: 'cancelledErr', started: 'startedErr', notFound: 'notFound', noBody: 'noBody' };
  const keys = (await bodies(ctx)).map((b) => b.key).join(', ');
  return Object.fromEntries(Object.entries(p).map(([field, code]) => [field, t(text[code]!, { keys, text: '' })]));
}

function commonErrors(ctx: DialogContext, v: CleanValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (v.video && !isUrl(String(v.video))) errors.video = tr(ctx)('notUrl');
  return errors;
}

async function submitCreate(ctx: DialogContext, v: CleanValues): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const t = tr(ctx);
  const errors = commonErrors(ctx, v);
  const bodyText = String(v.body ?? '');
  const allowed = await bodies(ctx);
  const body = allowed.find((b) => b.key === bodyText) ?? null;
  if (!body) errors.body = t('noBody', { text: bodyText, keys: allowed.map((b) => bodyName(b, ctx.lang)).join(', ') });
  const start = v.start as Date;
  const end = v.end as Date;
  if (!body) {
    // Check the times too, so every problem is shown at once.
    if (start.getTime() <= Date.now()) errors.start = t('inPast');
    if (end.getTime() <= start.getTime()) errors.end = t('endBeforeStart');
  }
  if (Object.keys(errors).length) return { replies: [], errors };
  const r = await createMeeting(ctx.services, {
    community: ctx.community._id,
    actor: ctx.member._id,
    input: { body: body!._id, title: String(v.title), start, end, place: v.place ? String(v.place) : '', videoUrl: v.video ? String(v.video) : '', agenda: parseAgenda(v.agenda as string | undefined) },
  });
  if (r.problems) return { replies: [], errors: await problemsToErrors(ctx, r.problems) };
  const m = r.meeting;
  const noticeAt = jobTimes({ start: m.start, end: m.end, schedule: m.schedule }).notice;
  const notice = noticeAt.getTime() <= Date.now() ? t('noticeNow') : formatDateTime(noticeAt, ctx.lang);
  return open(ctx, m, t('created', { title: m.title, when: whenText(m, ctx.lang), notice }));
}

async function submitEdit(ctx: DialogContext, m: MeetingDoc, v: CleanValues): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const t = tr(ctx);
  const errors = commonErrors(ctx, v);
  if (Object.keys(errors).length) return { replies: [], errors };
  const oldStart = m.start;
  const r = await updateMeeting(ctx.services, {
    community: ctx.community._id,
    meetingId: m._id,
    actor: ctx.member._id,
    patch: {
      title: String(v.title),
      start: v.start as Date,
      end: v.end as Date,
      place: v.place ? String(v.place) : '',
      videoUrl: v.video ? String(v.video) : '',
      agenda: parseAgenda(v.agenda as string | undefined, m.agenda),
    },
  });
  if (r.problems) return { replies: [], errors: await problemsToErrors(ctx, r.problems) };
  if (r.moved) await announceMove(ctx.services, r.meeting, oldStart);
  return open(ctx, r.meeting, r.moved ? t('movedDone', { when: whenText(r.meeting, ctx.lang) }) : t('saved'));
}

async function attendance(ctx: DialogContext, m: MeetingDoc): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const groups = await attendanceByParty(m);
  const url = await ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: 'meeting-attendance', format: 'xlsx', params: { meeting: String(m._id) } });
  return { replies: [attendanceReply(m, groups, await partiesById(ctx.community._id), ctx.lang, url)] };
}

async function askCancel(ctx: DialogContext, m: MeetingDoc): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const t = tr(ctx);
  if (m.status === 'cancelled') return say(t('cancelledErr'));
  const q = t('cancelAsk', { title: m.title, when: whenText(m, ctx.lang) });
  return say(q, { type: 'section', text: q }, {
    type: 'buttons',
    buttons: [
      { label: t('cancelYes'), action: action(DIALOG, 'cancelYes', { m: String(m._id) }), style: 'danger' },
      { label: t('cancelNo'), action: action(DIALOG, 'cancelNo', { m: String(m._id) }) },
    ],
  });
}

async function doCancel(ctx: DialogContext, m: MeetingDoc): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const t = tr(ctx);
  const cancelled = await cancelMeeting(ctx.services, { community: ctx.community._id, meetingId: m._id, actor: ctx.member._id });
  // A second click finds it cancelled already: the same answer, and the members are told once.
  if (cancelled) await announceCancel(ctx.services, cancelled);
  return say(t('cancelDone', { title: m.title, when: whenText(m, ctx.lang) }));
}

async function newForm(ctx: DialogContext, bodyText?: string): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const all = await bodies(ctx);
  const named = bodyText ? await findBody(ctx.community._id, bodyText) : null;
  let form = createForm(ctx.lang, all, named?.key);
  if (bodyText && !all.some((b) => b.key === named?.key)) {
    form = { ...form, errors: { body: tr(ctx)('noBody', { text: bodyText.slice(0, 60), keys: all.map((b) => bodyName(b, ctx.lang)).join(', ') }) } };
  }
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}

// ── the dialog ────────────────────────────────────────────────────────────────────────────────

export const meetingDialog: Dialog = {
  id: DIALOG,
  commands: { nb: ['møte', 'møter'], nn: ['møte'], en: ['meeting', 'meetings', 'rsvp'] },
  helpLine: (ctx) => (ctx.member.memberships.length ? `• *${ctx.lang === 'en' ? 'meeting' : 'møte'}*: ${meetingTexts(ctx.lang, 'help')}` : null),

  async command(ctx, args) {
    const [first, ...rest] = args.split(/\s+/).filter(Boolean);
    if (first && NEW_WORDS.has(first.toLowerCase())) return newForm(ctx, rest.join(' ') || undefined);
    const n = Number(first);
    if (first && Number.isInteger(n) && n >= 1) {
      const mine = await meetingsForMember(ctx.member);
      const pick = (mine.length ? mine : canAdminister(ctx.member) ? await upcomingMeetings(ctx.community._id) : [])[n - 1];
      if (pick) return open(ctx, pick);
    }
    return list(ctx);
  },

  async action(ctx, p) {
    const a = p.a;
    switch (p.s) {
      case 'list':
        return list(ctx);
      case 'new':
        return newForm(ctx);
      case 'open':
        return withMeeting(ctx, a, (m) => open(ctx, m));
      case 'rsvp':
        return withMeeting(ctx, a, (m) => rsvp(ctx, m, String(a?.a) === 'absent' ? 'absent' : 'attending'));
      case 'deputyForm':
        return withMeeting(ctx, a, (m) => showDeputyForm(ctx, m));
      case 'attendance':
        return withMeeting(ctx, a, (m) => attendance(ctx, m));
      case 'edit':
        return withMeeting(ctx, a, async (m) => {
          require(canAdminister(ctx.member));
          if (m.status === 'cancelled') return say(tr(ctx)('cancelledErr'));
          const form = editForm(ctx.lang, m);
          return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
        });
      case 'cancel':
        return withMeeting(ctx, a, (m) => askCancel(ctx, m));
      case 'cancelYes':
        return withMeeting(ctx, a, (m) => doCancel(ctx, m));
      case 'cancelNo':
        return say(tr(ctx)('kept'));
      default:
        return list(ctx);
    }
  },

  async form(ctx, formId, args) {
    if (formId === FORMS.create) return canAdminister(ctx.member) ? createForm(ctx.lang, await bodies(ctx)) : null;
    const m = args?.m ? await findMeeting(ctx.community._id, String(args.m)) : null;
    if (!m) return null;
    if (formId === FORMS.edit) return canAdminister(ctx.member) ? editForm(ctx.lang, m) : null;
    if (formId === FORMS.deputy) return deputyFormFor(ctx, m);
    return null;
  },

  async submit(ctx, formId, values, args) {
    if (formId === FORMS.create) return submitCreate(ctx, values);
    return withMeeting(ctx, args, (m) => (formId === FORMS.edit ? submitEdit(ctx, m, values) : submitDeputy(ctx, m, values)));
  },

  async status(ctx) {
    const t = tr(ctx);
    const mine = await meetingsForMember(ctx.member);
    if (!mine.length) return [];
    const answered = await Attendance.countDocuments({ member: ctx.member._id, meeting: { $in: mine.map((m) => m._id) } });
    const called = mine.filter((m) => isCalled(ctx.member, m)).length;
    const next = mine[0]!;
    return [
      { type: 'section', text: `${t('statusLine', { count: mine.length, missing: Math.max(0, called - answered) })}\n${t('statusNext', { title: next.title, when: whenText(next, ctx.lang) })}` },
      { type: 'buttons', buttons: [{ label: `${next.title} · ${formatShort(next.start, ctx.lang)}`, action: action(DIALOG, 'open', { m: String(next._id) }) }] },
    ];
  },

  jobs: (services) => meetingJobs(services),
  templates: (services) => meetingTemplates(services),
  exports: () => ({
    'meeting-attendance': {
      async table(community, params) {
        const m = await findMeeting(community, params.meeting ?? '');
        if (!m) return null;
        const parties = await partiesById(community);
        const rows = (await attendanceByParty(m)).flatMap((g) =>
          g.members.map((x) => ({ party: parties.get(String(g.party))?.name ?? '', member: x.member.name, answer: x.state, deputy: x.deputy?.name ?? '' })),
        );
        return {
          filename: `attendance-${String(m._id)}`,
          columns: [
            { key: 'party', header: 'Party' },
            { key: 'member', header: 'Member' },
            { key: 'answer', header: 'Answer' },
            { key: 'deputy', header: 'Deputy' },
          ],
          rows,
        };
      },
    },
  }),
  routes: (http, services) => mountCalendar(http, services),
};
