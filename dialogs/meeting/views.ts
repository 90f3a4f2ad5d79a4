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
import { texts } from './texts.js';

type M = Pick<MeetingDoc, '_id' | 'title' | 'start' | 'end' | 'place' | 'videoUrl' | 'agenda' | 'status'>;

/** «mandag 30. mars 2026 kl. 09:00–11:00», the end's date added when it is on another day. */
export function whenText(m: Pick<MeetingDoc, 'start' | 'end'>, lang: Lang): string {
  const sameDay = format(new TZDate(m.start, TZ), 'yyyy-MM-dd') === format(new TZDate(m.end, TZ), 'yyyy-MM-dd');
  const end = sameDay ? format(new TZDate(m.end, TZ), 'HH:mm') : formatDateTime(m.end, lang);
  return `${formatDateTime(m.start, lang)}–${end}`;
}

const STATE_KEY = { attending: 'meeting.status.attending', absent: 'meeting.status.absent', deputy: 'meeting.status.deputy', none: 'meeting.status.none' } as const;

export function answerLabel(state: AttendanceState, lang: Lang): string {
  return texts(lang, STATE_KEY[state]);
}

function agendaLines(m: M, lang: Lang): string {
  if (!m.agenda.length) return `_${texts(lang, 'meeting.card.noAgenda')}_`;
  return m.agenda
    .map((a, i) => {
      const head = `${i + 1}. ${a.caseNumber ? `${a.caseNumber}: ` : ''}${a.title}`;
      return a.paperUrl ? `${head} — ${texts(lang, 'meeting.card.paper')}: ${a.paperUrl}` : head;
    })
    .join('\n');
}

export function detailFields(m: M, body: BodyDoc, lang: Lang): Element {
  const fields = [
    { label: texts(lang, 'meeting.card.body'), value: bodyName(body, lang) },
    { label: texts(lang, 'meeting.card.when'), value: whenText(m, lang) },
  ];
  if (m.place) fields.push({ label: texts(lang, 'meeting.card.where'), value: m.place });
  if (m.videoUrl) fields.push({ label: texts(lang, 'meeting.card.video'), value: m.videoUrl });
  return { type: 'fields', fields };
}

export function rsvpButtons(m: Pick<MeetingDoc, '_id'>, lang: Lang): Button[] {
  const id = String(m._id);
  return [
    { label: texts(lang, 'meeting.button.attending'), action: action(DIALOG, 'rsvp', { m: id, a: 'attending' }), style: 'primary' },
    { label: texts(lang, 'meeting.button.absent'), action: action(DIALOG, 'rsvp', { m: id, a: 'absent' }) },
    { label: texts(lang, 'meeting.button.deputy'), action: action(DIALOG, 'deputyForm', { m: id }) },
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
  /** For the secretariat: the notice with the agenda as a Word document. */
  noticeUrl?: string;
}

/** One meeting opened: details, agenda with papers, the member's answer and what they can do. */
export function meetingCard(m: M, body: BodyDoc, lang: Lang, o: CardOptions): Reply {
  const cancelled = m.status === 'cancelled';
  const elements: Element[] = [
    { type: 'section', text: `*${m.title}*${cancelled ? ` — *${texts(lang, 'meeting.card.cancelledTag')}*` : ''}` },
    detailFields(m, body, lang),
    { type: 'section', text: `*${texts(lang, 'meeting.card.agenda')}*\n${agendaLines(m, lang)}` },
  ];
  if (o.deputyFor) elements.push({ type: 'context', text: texts(lang, 'meeting.card.youAreDeputy', { name: o.deputyFor }) });
  if (o.answer) elements.push({ type: 'fields', fields: [{ label: texts(lang, 'meeting.card.answer'), value: o.answer }] });
  const links = [
    ...(o.calendarUrl && !cancelled ? [{ label: texts(lang, 'meeting.button.calendar'), url: o.calendarUrl }] : []),
    ...(o.noticeUrl ? [{ label: texts(lang, 'meeting.document.link'), url: o.noticeUrl }] : []),
  ];
  if (links.length) elements.push({ type: 'links', links });
  const buttons: Button[] = [];
  if (o.canAnswer && !cancelled) buttons.push(...rsvpButtons(m, lang));
  if (o.admin && !cancelled) {
    const id = String(m._id);
    buttons.push(
      { label: texts(lang, 'meeting.button.attendance'), action: action(DIALOG, 'attendance', { m: id }) },
      { label: texts(lang, 'meeting.button.edit'), action: action(DIALOG, 'edit', { m: id }) },
      { label: texts(lang, 'meeting.button.cancel'), action: action(DIALOG, 'cancel', { m: id }), style: 'danger' },
    );
  }
  if (buttons.length) elements.push({ type: 'buttons', buttons });
  return { text: `${m.title} — ${whenText(m, lang)}`, elements, visibility: 'private' };
}

/** The notice with agenda and papers, to a member (with answer buttons) or to the body's channel. */
export function noticeReply(m: M, body: BodyDoc, lang: Lang, o: { head: string; calendarUrl?: string | null; answerButtons: boolean }): Reply {
  const elements: Element[] = [
    { type: 'section', text: o.head },
    { type: 'section', text: texts(lang, 'meeting.notice.intro', { body: bodyName(body, lang), when: whenText(m, lang) }) },
    detailFields(m, body, lang),
    { type: 'section', text: `*${texts(lang, 'meeting.card.agenda')}*\n${agendaLines(m, lang)}` },
  ];
  if (o.calendarUrl) elements.push({ type: 'links', links: [{ label: texts(lang, 'meeting.button.calendar'), url: o.calendarUrl }] });
  if (o.answerButtons) {
    elements.push({ type: 'section', text: texts(lang, 'meeting.notice.askAnswer') });
    elements.push({ type: 'buttons', buttons: rsvpButtons(m, lang) });
  }
  return { text: `${stripMarks(o.head)} — ${whenText(m, lang)}`, elements };
}

/** A short message (reminder, moved, cancelled) with a button to open the meeting. */
export function shortNotice(m: M, lang: Lang, head: string, o: { open: boolean; answerButtons?: boolean; calendarUrl?: string | null }): Reply {
  const elements: Element[] = [{ type: 'section', text: head }];
  if (o.calendarUrl) elements.push({ type: 'links', links: [{ label: texts(lang, 'meeting.button.calendar'), url: o.calendarUrl }] });
  const buttons: Button[] = [];
  if (o.answerButtons) buttons.push(...rsvpButtons(m, lang));
  if (o.open) buttons.push({ label: texts(lang, 'meeting.button.open'), action: action(DIALOG, 'open', { m: String(m._id) }) });
  if (buttons.length) elements.push({ type: 'buttons', buttons });
  return { text: stripMarks(head), elements };
}

function stripMarks(s: string): string {
  return s.replace(/\*([^*\n]+)\*/g, '$1');
}

/** The secretariat's view: per party, who comes, who does not, who sends a deputy, who has not answered. */
export function attendanceReply(m: M, groups: PartyAttendance[], parties: Map<string, PartyDoc>, lang: Lang, exportUrl?: string, noticeUrl?: string): Reply {
  const count = { attending: 0, absent: 0, deputy: 0, none: 0 };
  const sorted = [...groups].sort((a, b) => (parties.get(String(a.party))?.name ?? '').localeCompare(parties.get(String(b.party))?.name ?? '', 'nb'));
  const lines = sorted.map((g) => {
    const people = g.members.map((x) => {
      count[x.state]++;
      const what = x.state === 'deputy' && x.deputy ? texts(lang, 'meeting.status.deputyNamed', { name: x.deputy.name }) : answerLabel(x.state, lang);
      return `${x.member.name} — ${what}`;
    });
    return `*${parties.get(String(g.party))?.name ?? '—'}*: ${people.join('; ')}`;
  });
  const total = count.attending + count.absent + count.deputy + count.none;
  const elements: Element[] = [
    { type: 'section', text: texts(lang, 'meeting.card.attendance', { title: m.title, when: whenText(m, lang) }) },
    {
      type: 'fields',
      fields: [
        { label: texts(lang, 'meeting.card.sumAttending'), value: String(count.attending) },
        { label: texts(lang, 'meeting.card.sumDeputy'), value: String(count.deputy) },
        { label: texts(lang, 'meeting.card.sumAbsent'), value: String(count.absent) },
        { label: texts(lang, 'meeting.card.sumNone'), value: String(count.none) },
      ],
    },
    {
      type: 'bars',
      bars: [
        { label: texts(lang, 'meeting.card.sumAttending'), count: count.attending, total },
        { label: texts(lang, 'meeting.card.sumDeputy'), count: count.deputy, total },
        { label: texts(lang, 'meeting.card.sumAbsent'), count: count.absent, total },
        { label: texts(lang, 'meeting.card.sumNone'), count: count.none, total },
      ],
    },
    { type: 'section', text: lines.join('\n') },
  ];
  const links = [
    ...(exportUrl ? [{ label: texts(lang, 'meeting.export.link'), url: exportUrl }] : []),
    ...(noticeUrl ? [{ label: texts(lang, 'meeting.document.link'), url: noticeUrl }] : []),
  ];
  if (links.length) elements.push({ type: 'links', links });
  return {
    text: `${m.title}: ${texts(lang, 'meeting.card.sumAttending')} ${count.attending}, ${texts(lang, 'meeting.card.sumDeputy')} ${count.deputy}, ${texts(lang, 'meeting.card.sumAbsent')} ${count.absent}, ${texts(lang, 'meeting.card.sumNone')} ${count.none}`,
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
  const elements: Element[] = [];
  const buttons: Button[] = [];
  if (l.mine) {
    const lines = l.mine.slice(0, 10).map(({ meeting: m, body: b, called, answer: a }) => {
      const answer = called ? answerLabel((a?.answer as Answer | undefined) ?? 'none', lang) : texts(lang, 'meeting.status.asDeputy');
      return texts(lang, 'meeting.card.listLine', { title: m.title, body: b ? bodyName(b, lang) : '—', when: whenText(m, lang), answer });
    });
    elements.push({ type: 'section', text: `*${texts(lang, 'meeting.card.listTitle')}*\n${lines.length ? lines.join('\n') : texts(lang, 'meeting.card.none')}` });
    buttons.push(...l.mine.slice(0, 10).map((x) => openButton(x.meeting, lang)));
  }
  if (l.all) {
    const lines = l.all.slice(0, 15).map(({ meeting: m, body: b }) => `• *${m.title}* (${b?.short ?? '—'}), ${whenText(m, lang)}`);
    elements.push({ type: 'section', text: `*${texts(lang, 'meeting.card.adminListTitle')}*\n${lines.length ? lines.join('\n') : texts(lang, 'meeting.card.noneAdmin')}` });
    const shown = new Set(buttons.map((b) => String(b.action.a?.m)));
    buttons.push(
      ...l.all
        .slice(0, 15)
        .filter((x) => !shown.has(String(x.meeting._id)))
        .map((x) => openButton(x.meeting, lang)),
    );
    buttons.push({ label: texts(lang, 'meeting.button.new'), action: action(DIALOG, 'new'), style: 'primary' });
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
  const q = texts(lang, 'meeting.reply.cancelAsk', { title: m.title, when: whenText(m, lang) });
  return {
    text: q,
    elements: [
      { type: 'section', text: q },
      {
        type: 'buttons',
        buttons: [
          { label: texts(lang, 'meeting.button.cancelYes'), action: action(DIALOG, 'cancelYes', { m: String(m._id) }), style: 'danger' },
          { label: texts(lang, 'meeting.button.cancelNo'), action: action(DIALOG, 'cancelNo', { m: String(m._id) }) },
        ],
      },
    ],
    visibility: 'private',
  };
}

/** The dashboard's line: how many meetings, how many still to answer, and the next one. */
export function statusElements(lang: Lang, o: { count: number; missing: number; next: MeetingDoc }): Element[] {
  return [
    {
      type: 'section',
      text: `${texts(lang, 'meeting.status.line', { count: o.count, missing: o.missing })}\n${texts(lang, 'meeting.status.next', { title: o.next.title, when: whenText(o.next, lang) })}`,
    },
    { type: 'buttons', buttons: [openButton(o.next, lang)] },
  ];
}
