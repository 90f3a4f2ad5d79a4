/** The meeting forms — create, change/move, send a deputy — each declared once and shown in the member's language. */
import type { BodyDoc } from '../../models/body.js';
import type { MeetingDoc } from '../../models/meeting.js';
import type { MemberDoc } from '../../models/member.js';
import { bodyName } from '../../src/directory.js';
import { defineLegacyForm, field } from '../../src/form-spec.js';
import { toInputDateTime } from '../../src/time.js';
import type { Form, Lang } from '../../src/ui.js';
import { agendaText } from './agenda.js';
import { DIALOG } from './ids.js';
import { meetingTexts } from './texts.js';

export const FORMS = { create: 'create', edit: 'edit', deputy: 'deputy' } as const;

/**
 * An agenda fits one Slack text box (3,000 characters), so no empty «continued» box is shown
 * beside it; one that has grown longer (cases added to it) keeps the room it needs.
 */
const AGENDA_MAX = 3000;

const meetingFields = {
  title: field.text({ maxLength: 150 }).required(),
  start: field.datetime().required(),
  end: field.datetime().required(),
  place: field.text({ maxLength: 200 }),
  video: field.text({ maxLength: 500 }),
  agenda: field.longtext({ maxLength: AGENDA_MAX }),
};

export const createSpec = defineLegacyForm(DIALOG, FORMS.create, { body: field.choice().required(), ...meetingFields });
export const editSpec = defineLegacyForm(DIALOG, FORMS.edit, meetingFields);
export const deputySpec = defineLegacyForm(DIALOG, FORMS.deputy, { deputy: field.text({ maxLength: 120 }).required() });

function meetingLook(lang: Lang, agendaLength = 0) {
  const t = (k: Parameters<typeof meetingTexts>[1]) => meetingTexts(lang, k);
  return {
    labels: { title: t('fTitle'), start: t('fStart'), end: t('fEnd'), place: t('fPlace'), video: t('fVideo'), agenda: t('fAgenda') },
    hints: { agenda: t('fAgendaHint') },
    placeholders: { video: 'https://' },
    limits: { agenda: { maxLength: Math.max(AGENDA_MAX, agendaLength) } },
  };
}

/** `bodies`: those the member may create meetings for; `body`: the key of one to preselect. */
export function createForm(lang: Lang, bodies: BodyDoc[], body?: string): Form {
  const preset = body && bodies.some((b) => b.key === body) ? body : undefined;
  const look = meetingLook(lang);
  return createSpec.render({
    title: meetingTexts(lang, 'formCreate'),
    submitLabel: meetingTexts(lang, 'submitCreate'),
    ...look,
    labels: { body: meetingTexts(lang, 'fBody'), ...look.labels },
    options: { body: bodies.map((b) => ({ value: b.key, label: bodyName(b, lang) })) },
    ...(preset ? { values: { body: preset } } : {}),
  });
}

export function editForm(lang: Lang, m: MeetingDoc): Form {
  return editSpec.render(
    {
      title: meetingTexts(lang, 'formEdit'),
      submitLabel: meetingTexts(lang, 'submitSave'),
      ...meetingLook(lang, agendaText(m.agenda).length),
      values: {
        title: m.title,
        start: toInputDateTime(m.start),
        end: toInputDateTime(m.end),
        place: m.place,
        video: m.videoUrl,
        agenda: agendaText(m.agenda),
      },
    },
    { m: String(m._id) },
  );
}

export function deputyForm(lang: Lang, m: MeetingDoc, partyName: string, colleagues: MemberDoc[]): Form {
  const names =
    colleagues
      .slice(0, 3)
      .map((c) => c.name)
      .join(', ') || '—';
  return deputySpec.render(
    {
      title: meetingTexts(lang, 'deputyForm'),
      submitLabel: meetingTexts(lang, 'deputySubmit'),
      intro: m.title,
      labels: { deputy: meetingTexts(lang, 'fDeputy') },
      hints: { deputy: meetingTexts(lang, 'fDeputyHint', { party: partyName, names }) },
    },
    { m: String(m._id) },
  );
}
