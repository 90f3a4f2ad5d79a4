/** The meeting forms (create, change/move, send a deputy) and the agenda's one-line-per-item text. */
import type { BodyDoc } from '../../models/body.js';
import { bodyName } from '../../src/directory.js';
import type { AgendaItemInput, MeetingDoc } from '../../models/meeting.js';
import type { MemberDoc } from '../../models/member.js';
import { action } from '../../src/payload.js';
import { toInputDateTime } from '../../src/time.js';
import type { Form, FormField, Lang } from '../../src/ui.js';
import { DIALOG } from './render.js';
import { meetingTexts } from './texts.js';

export const FORMS = { create: 'create', edit: 'edit', deputy: 'deputy' } as const;

type AgendaLike = { title: string; caseId?: unknown; caseNumber?: string | null; paperUrl?: string | null };

const URL_RE = /https?:\/\/\S+/i;

/** Turns «1. Budsjett 2027 — https://…/sak.pdf» lines into agenda items; case links survive an edit. */
export function parseAgenda(text: string | undefined, existing: readonly AgendaLike[] = []): AgendaItemInput[] {
  const out: AgendaItemInput[] = [];
  for (const raw of (text ?? '').split('\n')) {
    const url = URL_RE.exec(raw)?.[0] ?? '';
    let title = raw
      .replace(url, '')
      .replace(/^\s*(\d+[.)]|[-•*])\s*/, '')
      .replace(/[\s—–\-|:,(]+$/, '')
      .trim();
    if (!title && !url) continue;
    const known = existing.find((a) => a.caseNumber && title.startsWith(`${a.caseNumber}:`)) ?? existing.find((a) => a.title === title);
    if (known?.caseNumber && title.startsWith(`${known.caseNumber}:`)) title = title.slice(known.caseNumber.length + 1).trim();
    out.push({
      title: title || url,
      paperUrl: url,
      caseId: known?.caseId ? String(known.caseId) : null,
      caseNumber: known?.caseNumber ?? '',
    });
  }
  return out;
}

export function agendaText(agenda: readonly AgendaLike[]): string {
  return agenda.map((a) => `${a.caseNumber ? `${a.caseNumber}: ` : ''}${a.title}${a.paperUrl ? ` — ${a.paperUrl}` : ''}`).join('\n');
}

export function isUrl(s: string): boolean {
  return /^https?:\/\/\S+$/i.test(s.trim());
}

/**
 * An agenda fits one Slack text box (3,000 characters), so no empty «continued» box is shown
 * beside it; one that has grown longer (cases added to it) keeps the room it needs.
 */
const AGENDA_MAX = 3000;

function meetingFields(lang: Lang, bodies: BodyDoc[] | null, agendaLength = 0): FormField[] {
  const t = (k: Parameters<typeof meetingTexts>[1], v?: Record<string, string | number>) => meetingTexts(lang, k, v);
  const fields: FormField[] = [];
  if (bodies) fields.push({ id: 'body', label: t('fBody'), kind: 'choice', required: true, options: bodies.map((b) => ({ value: b.key, label: bodyName(b, lang) })) });
  fields.push(
    { id: 'title', label: t('fTitle'), kind: 'text', required: true, maxLength: 150 },
    { id: 'start', label: t('fStart'), kind: 'datetime', required: true },
    { id: 'end', label: t('fEnd'), kind: 'datetime', required: true },
    { id: 'place', label: t('fPlace'), kind: 'text', maxLength: 200 },
    { id: 'video', label: t('fVideo'), kind: 'text', maxLength: 500, placeholder: 'https://' },
    { id: 'agenda', label: t('fAgenda'), kind: 'longtext', maxLength: Math.max(AGENDA_MAX, agendaLength), hint: t('fAgendaHint') },
  );
  return fields;
}

/** `bodies`: those the member may create meetings for; `body`: the key of one to preselect. */
export function createForm(lang: Lang, bodies: BodyDoc[], body?: string): Form {
  const preset = body && bodies.some((b) => b.key === body) ? body : undefined;
  return {
    id: FORMS.create,
    title: meetingTexts(lang, 'formCreate'),
    submitLabel: meetingTexts(lang, 'submitCreate'),
    fields: meetingFields(lang, bodies),
    action: action(DIALOG, FORMS.create),
    ...(preset ? { values: { body: preset } } : {}),
  };
}

export function editForm(lang: Lang, m: MeetingDoc): Form {
  return {
    id: FORMS.edit,
    title: meetingTexts(lang, 'formEdit'),
    submitLabel: meetingTexts(lang, 'submitSave'),
    fields: meetingFields(lang, null, agendaText(m.agenda).length),
    action: action(DIALOG, FORMS.edit, { m: String(m._id) }),
    values: {
      title: m.title,
      start: toInputDateTime(m.start),
      end: toInputDateTime(m.end),
      place: m.place,
      video: m.videoUrl,
      agenda: agendaText(m.agenda),
    },
  };
}

export function deputyForm(lang: Lang, m: MeetingDoc, partyName: string, colleagues: MemberDoc[]): Form {
  const names = colleagues.slice(0, 3).map((c) => c.name).join(', ') || '—';
  return {
    id: FORMS.deputy,
    title: meetingTexts(lang, 'deputyForm'),
    submitLabel: meetingTexts(lang, 'deputySubmit'),
    intro: m.title,
    fields: [{ id: 'deputy', label: meetingTexts(lang, 'fDeputy'), kind: 'text', required: true, maxLength: 120, hint: meetingTexts(lang, 'fDeputyHint', { party: partyName, names }) }],
    action: action(DIALOG, FORMS.deputy, { m: String(m._id) }),
  };
}
