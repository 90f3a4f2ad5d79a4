/** The meeting forms — create, change/move, send a deputy — each declared once and shown in the member's language. */
import type { BodyDoc } from '../../models/body.js';
import type { MeetingDoc } from '../../models/meeting.js';
import type { MemberDoc } from '../../models/member.js';
import { bodyName } from '../../src/directory.js';
import { defineForm, field } from '../../src/form-spec.js';
import { toInputDateTime } from '../../src/time.js';
import type { Form, Lang } from '../../src/ui.js';
import { agendaText } from './agenda.js';
import { DIALOG } from './ids.js';
import { texts } from './texts.js';

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

export const createSpec = defineForm(texts, DIALOG, FORMS.create, { body: field.choice().required(), ...meetingFields });
export const editSpec = defineForm(texts, DIALOG, FORMS.edit, meetingFields, { wordsOf: FORMS.create });
export const deputySpec = defineForm(texts, DIALOG, FORMS.deputy, { deputy: field.text({ maxLength: 120 }).required() });

function meetingLook(agendaLength = 0) {
  return { limits: { agenda: { maxLength: Math.max(AGENDA_MAX, agendaLength) } } };
}

/** `bodies`: those the member may create meetings for; `body`: the key of one to preselect. */
export function createForm(lang: Lang, bodies: BodyDoc[], body?: string): Form {
  const preset = body && bodies.some((b) => b.key === body) ? body : undefined;
  return createSpec.render(lang, {
    title: texts(lang, 'meeting.form.create.heading'),
    submitLabel: texts(lang, 'meeting.form.create.submit'),
    ...meetingLook(),
    options: { body: bodies.map((b) => ({ value: b.key, label: bodyName(b, lang) })) },
    ...(preset ? { values: { body: preset } } : {}),
  });
}

export function editForm(lang: Lang, m: MeetingDoc): Form {
  return editSpec.render(
    lang,
    {
      title: texts(lang, 'meeting.form.edit.heading'),
      submitLabel: texts(lang, 'meeting.form.edit.submit'),
      ...meetingLook(agendaText(m.agenda).length),
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
    lang,
    {
      title: texts(lang, 'meeting.form.deputy.heading'),
      submitLabel: texts(lang, 'meeting.form.deputy.submit'),
      intro: m.title,
      hints: { deputy: texts(lang, 'meeting.form.deputy.colleagues', { party: partyName, names }) },
    },
    { m: String(m._id) },
  );
}
