/** The meeting as members see it: the list, cards, notices, the attendance view and the dashboard. Pure functions. */
import { format } from 'date-fns/format';
import { TZDate } from '@date-fns/tz';
import type { BodyDoc } from '../../models/body.js';
import type { Answer, AttendanceDoc, MeetingDoc } from '../../models/meeting.js';
import type { PartyDoc } from '../../models/party.js';
import { bodyName } from '../../src/directory.js';
import { action } from '../../src/payload.js';
import { formatDateTime, formatShort, TZ } from '../../src/time.js';
import type { Button, Element, Lang, Reply } from '../../src/ui.js';
import type { AttendanceState, PartyAttendance } from './attendance.js';
import { DIALOG } from './ids.js';
import { meetingTexts, type MeetingTextKey } from './texts.js';

type M = Pick<MeetingDoc, '_id' | 'title' | 'start' | 'end' | 'place' | 'videoUrl' | 'agenda' | 'status'>;

/** «mandag 30. mars 2026 kl. 09:00–11:00», the end's date added when it is on another day. */
export function whenText(m: Pick<MeetingDoc, 'start' | 'end'>, lang: Lang): string {
  const sameDay = format(new TZDate(m.start, TZ), 'yyyy-MM-dd') === format(new TZDate(m.end, TZ), 'yyyy-MM-dd');
  const end = sameDay ? format(new TZDate(m.end, TZ), 'HH:mm') : formatDateTime(m.end, lang);
  return `${formatDateTime(m.start, lang)}–${end}`;
}

export function answerLabel(state: AttendanceState, lang: Lang): string {
  return meetingTexts(lang, state === 'none' ? 'none_answer' : state);
}

function agendaLines(m: M, lang: Lang): string {
  if (!m.agenda.length) return `_${meetingTexts(lang, 'noAgenda')}_`;
  return m.agenda
    .map((a, i) => {
      const head = `${i + 1}. ${a.caseNumber ? `${a.caseNumber}: ` : ''}${a.title}`;
      return a.paperUrl ? `${head} — ${meetingTexts(lang, 'paper')}: ${a.paperUrl}` : head;
    })
    .join('\n');
}

export function detailFields(m: M, body: BodyDoc, lang: Lang): Element {
  const t = (k: Parameters<typeof meetingTexts>[1]) => meetingTexts(lang, k);
  const fields = [
    { label: t('body'), value: bodyName(body, lang) },
    { label: t('when'), value: whenText(m, lang) },
  ];
  if (m.place) fields.push({ label: t('where'), value: m.place });
  if (m.videoUrl) fields.push({ label: t('video'), value: m.videoUrl });
  return { type: 'fields', fields };
}

export function rsvpButtons(m: Pick<MeetingDoc, '_id'>, lang: Lang): Button[] {
  const id = String(m._id);
  return [
    { label: meetingTexts(lang, 'attending'), action: action(DIALOG, 'rsvp', { m: id, a: 'attending' }), style: 'primary' },
    { label: meetingTexts(lang, 'absent'), action: action(DIALOG, 'rsvp', { m: id, a: 'absent' }) },
    { label: meetingTexts(lang, 'deputy'), action: action(DIALOG, 'deputyForm', { m: id }) },
  ];
}

export interface CardOptions {
  /** The member's answer line, when they are called. */
  answer?: string;
  /** The member is a deputy for this person. */
  deputyFor?: string;
  calendarUrl?: string | null;
  canAnswer?: boolean;
  admin?: boolean;
}

/** One meeting opened: details, agenda with papers, the member's answer and what they can do. */
export function meetingCard(m: M, body: BodyDoc, lang: Lang, o: CardOptions): Reply {
  const t = (k: Parameters<typeof meetingTexts>[1], v?: Record<string, string | number>) => meetingTexts(lang, k, v);
  const cancelled = m.status === 'cancelled';
  const elements: Element[] = [
    { type: 'section', text: `*${m.title}*${cancelled ? ` — *${t('cancelledTag')}*` : ''}` },
    detailFields(m, body, lang),
    { type: 'section', text: `*${t('agenda')}*\n${agendaLines(m, lang)}` },
  ];
  if (o.deputyFor) elements.push({ type: 'context', text: t('youAreDeputy', { name: o.deputyFor }) });
  if (o.answer) elements.push({ type: 'fields', fields: [{ label: t('answerLabel'), value: o.answer }] });
  if (o.calendarUrl && !cancelled) elements.push({ type: 'links', links: [{ label: t('calendar'), url: o.calendarUrl }] });
  const buttons: Button[] = [];
  if (o.canAnswer && !cancelled) buttons.push(...rsvpButtons(m, lang));
  if (o.admin && !cancelled) {
    const id = String(m._id);
    buttons.push(
      { label: t('attendanceBtn'), action: action(DIALOG, 'attendance', { m: id }) },
      { label: t('editBtn'), action: action(DIALOG, 'edit', { m: id }) },
      { label: t('cancelBtn'), action: action(DIALOG, 'cancel', { m: id }), style: 'danger' },
    );
  }
  if (buttons.length) elements.push({ type: 'buttons', buttons });
  return { text: `${m.title} — ${whenText(m, lang)}`, elements, visibility: 'private' };
}

/** The notice with agenda and papers, to a member (with answer buttons) or to the body's channel. */
export function noticeReply(m: M, body: BodyDoc, lang: Lang, o: { head: string; calendarUrl?: string | null; answerButtons: boolean }): Reply {
  const t = (k: Parameters<typeof meetingTexts>[1], v?: Record<string, string | number>) => meetingTexts(lang, k, v);
  const elements: Element[] = [
    { type: 'section', text: o.head },
    { type: 'section', text: t('noticeIntro', { body: bodyName(body, lang), when: whenText(m, lang) }) },
    detailFields(m, body, lang),
    { type: 'section', text: `*${t('agenda')}*\n${agendaLines(m, lang)}` },
  ];
  if (o.calendarUrl) elements.push({ type: 'links', links: [{ label: t('calendar'), url: o.calendarUrl }] });
  if (o.answerButtons) {
    elements.push({ type: 'section', text: t('askAnswer') });
    elements.push({ type: 'buttons', buttons: rsvpButtons(m, lang) });
  }
  return { text: `${stripMarks(o.head)} — ${whenText(m, lang)}`, elements };
}

/** A short message (reminder, moved, cancelled) with a button to open the meeting. */
export function shortNotice(m: M, lang: Lang, head: string, o: { open: boolean; answerButtons?: boolean; calendarUrl?: string | null }): Reply {
  const elements: Element[] = [{ type: 'section', text: head }];
  if (o.calendarUrl) elements.push({ type: 'links', links: [{ label: meetingTexts(lang, 'calendar'), url: o.calendarUrl }] });
  const buttons: Button[] = [];
  if (o.answerButtons) buttons.push(...rsvpButtons(m, lang));
  if (o.open) buttons.push({ label: meetingTexts(lang, 'open'), action: action(DIALOG, 'open', { m: String(m._id) }) });
  if (buttons.length) elements.push({ type: 'buttons', buttons });
  return { text: stripMarks(head), elements };
}

function stripMarks(s: string): string {
  return s.replace(/\*([^*\n]+)\*/g, '$1');
}

/** The secretariat's view: per party, who comes, who does not, who sends a deputy, who has not answered. */
export function attendanceReply(m: M, groups: PartyAttendance[], parties: Map<string, PartyDoc>, lang: Lang, exportUrl?: string): Reply {
  const t = (k: Parameters<typeof meetingTexts>[1], v?: Record<string, string | number>) => meetingTexts(lang, k, v);
  const count = { attending: 0, absent: 0, deputy: 0, none: 0 };
  const sorted = [...groups].sort((a, b) => (parties.get(String(a.party))?.name ?? '').localeCompare(parties.get(String(b.party))?.name ?? '', 'nb'));
  const lines = sorted.map((g) => {
    const people = g.members.map((x) => {
      count[x.state]++;
      const what = x.state === 'deputy' && x.deputy ? t('deputyNamed', { name: x.deputy.name }) : answerLabel(x.state, lang);
      return `${x.member.name} — ${what}`;
    });
    return `*${parties.get(String(g.party))?.name ?? '—'}*: ${people.join('; ')}`;
  });
  const total = count.attending + count.absent + count.deputy + count.none;
  const elements: Element[] = [
    { type: 'section', text: t('attendanceHead', { title: m.title, when: whenText(m, lang) }) },
    {
      type: 'fields',
      fields: [
        { label: t('sumAttending'), value: String(count.attending) },
        { label: t('sumDeputy'), value: String(count.deputy) },
        { label: t('sumAbsent'), value: String(count.absent) },
        { label: t('sumNone'), value: String(count.none) },
      ],
    },
    {
      type: 'bars',
      bars: [
        { label: t('sumAttending'), count: count.attending, total },
        { label: t('sumDeputy'), count: count.deputy, total },
        { label: t('sumAbsent'), count: count.absent, total },
        { label: t('sumNone'), count: count.none, total },
      ],
    },
    { type: 'section', text: lines.join('\n') },
  ];
  if (exportUrl) elements.push({ type: 'links', links: [{ label: t('exportLink'), url: exportUrl }] });
  return {
    text: `${m.title}: ${t('sumAttending')} ${count.attending}, ${t('sumDeputy')} ${count.deputy}, ${t('sumAbsent')} ${count.absent}, ${t('sumNone')} ${count.none}`,
    elements,
    visibility: 'private',
  };
}

const openButton = (m: MeetingDoc, lang: Lang): Button => ({ label: `${m.title} · ${formatShort(m.start, lang)}`, action: action(DIALOG, 'open', { m: String(m._id) }) });

export interface MeetingList {
  /** The member's own meetings (called to, or a deputy for), with whether they are called and their answer. */
  mine: { meeting: MeetingDoc; body: BodyDoc | undefined; called: boolean; answer: AttendanceDoc | undefined }[] | null;
  /** Every upcoming meeting, for the secretariat. */
  all: { meeting: MeetingDoc; body: BodyDoc | undefined }[] | null;
}

/** «møte»: the member's upcoming meetings with their answer, and for the secretariat every meeting and «new». */
export function listReply(lang: Lang, l: MeetingList): Reply {
  const t = (k: MeetingTextKey) => meetingTexts(lang, k);
  const elements: Element[] = [];
  const buttons: Button[] = [];
  if (l.mine) {
    const lines = l.mine.slice(0, 10).map(({ meeting: m, body: b, called, answer: a }) => {
      const answer = called ? answerLabel((a?.answer as Answer | undefined) ?? 'none', lang) : t('deputy');
      return `• *${m.title}* (${b ? bodyName(b, lang) : '—'}), ${whenText(m, lang)} — ${t('answerLabel').toLowerCase()}: ${answer}`;
    });
    elements.push({ type: 'section', text: `*${t('listTitle')}*\n${lines.length ? lines.join('\n') : t('none')}` });
    buttons.push(...l.mine.slice(0, 10).map((x) => openButton(x.meeting, lang)));
  }
  if (l.all) {
    const lines = l.all.slice(0, 15).map(({ meeting: m, body: b }) => `• *${m.title}* (${b?.short ?? '—'}), ${whenText(m, lang)}`);
    elements.push({ type: 'section', text: `*${t('adminListTitle')}*\n${lines.length ? lines.join('\n') : t('noneAdmin')}` });
    const shown = new Set(buttons.map((b) => String(b.action.a?.m)));
    buttons.push(
      ...l.all
        .slice(0, 15)
        .filter((x) => !shown.has(String(x.meeting._id)))
        .map((x) => openButton(x.meeting, lang)),
    );
    buttons.push({ label: t('newMeeting'), action: action(DIALOG, 'new'), style: 'primary' });
  }
  if (buttons.length) elements.push({ type: 'buttons', buttons });
  const text = elements
    .map((e) => (e.type === 'section' ? e.text.replace(/\*/g, '') : ''))
    .filter(Boolean)
    .join('\n');
  return { text, elements, visibility: 'private' };
}

/** «Cancel this meeting?», with yes and no. */
export function cancelAskReply(lang: Lang, m: MeetingDoc): Reply {
  const t = (k: MeetingTextKey, v?: Record<string, string | number>) => meetingTexts(lang, k, v);
  const q = t('cancelAsk', { title: m.title, when: whenText(m, lang) });
  return {
    text: q,
    elements: [
      { type: 'section', text: q },
      {
        type: 'buttons',
        buttons: [
          { label: t('cancelYes'), action: action(DIALOG, 'cancelYes', { m: String(m._id) }), style: 'danger' },
          { label: t('cancelNo'), action: action(DIALOG, 'cancelNo', { m: String(m._id) }) },
        ],
      },
    ],
    visibility: 'private',
  };
}

/** The dashboard's line: how many meetings, how many still to answer, and the next one. */
export function statusElements(lang: Lang, o: { count: number; missing: number; next: MeetingDoc }): Element[] {
  const t = (k: MeetingTextKey, v?: Record<string, string | number>) => meetingTexts(lang, k, v);
  return [
    { type: 'section', text: `${t('statusLine', { count: o.count, missing: o.missing })}\n${t('statusNext', { title: o.next.title, when: whenText(o.next, lang) })}` },
    { type: 'buttons', buttons: [openButton(o.next, lang)] },
  ];
}
