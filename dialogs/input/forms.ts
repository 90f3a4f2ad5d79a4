/**
 * The forms of input rounds — opening a round, answering, editing an answer, free input, and
 * moving the deadline — each declared once, and shown in the member's language.
 */
import { Body } from '../../models/body.js';
import { PRIORITY_GROUPS } from '../../models/contribution.js';
import type { CommunityDoc } from '../../models/community.js';
import { PARTY_TYPES } from '../../models/party.js';
import type { RoundDoc } from '../../models/round.js';
import { partyTypeLabel } from '../../src/directory.js';
import { defineForm, field } from '../../src/form-spec.js';
import { formatDateTime, toInputDateTime } from '../../src/time.js';
import type { Form, Lang, Option } from '../../src/ui.js';
import { DIALOG } from './ids.js';
import { REMINDER_CHOICES } from './reminders.js';
import { MAX_TEXT } from './rules.js';
import { texts } from './texts.js';
import { groupLabel } from './labels.js';

const AUDIENCE_TYPES = PARTY_TYPES.filter((p) => p !== 'secretariat');
const REMINDER_VALUES = [...REMINDER_CHOICES, 'none'] as const;

/** A reminder choice as the form offers it: «7 dagar før», «2 timar før», the morning of the deadline, or none. */
function reminderLabel(spec: (typeof REMINDER_VALUES)[number], lang: Lang): string {
  if (spec === 'none') return texts(lang, 'input.reminder.none');
  if (spec === '08:00') return texts(lang, 'input.reminder.morning');
  const count = Number(spec.slice(0, -1));
  return texts(lang, spec.endsWith('h') ? 'input.reminder.hoursBefore' : 'input.reminder.daysBefore', { count });
}

export const openSpec = defineForm(texts, DIALOG, 'open', {
  title: field.text({ maxLength: 120 }).required(),
  question: field.longtext({ maxLength: 3000 }).required(),
  themes: field.longtext({ maxLength: 2000 }),
  bodies: field.multichoice(),
  partyTypes: field.multichoice(AUDIENCE_TYPES),
  opens: field.datetime(),
  deadline: field.datetime().required(),
  reminders: field.multichoice(REMINDER_VALUES),
});

const answerFields = {
  text: field.longtext({ maxLength: MAX_TEXT }).required(),
  /** Shown when the round has themes; a choice's value is `t<index>` of the round's theme. */
  themes: field.multichoice(),
  groups: field.multichoice(PRIORITY_GROUPS),
};

export const answerSpec = defineForm(texts, DIALOG, 'answer', answerFields);
export const editSpec = defineForm(texts, DIALOG, 'edit', answerFields, { wordsOf: 'answer' });
export const freeSpec = defineForm(texts, DIALOG, 'free', { body: field.choice().required(), text: answerFields.text, groups: answerFields.groups });
export const deadlineSpec = defineForm(texts, DIALOG, 'deadline', { deadline: field.datetime().required() });

export async function bodyOptions(community: CommunityDoc, lang: Lang): Promise<Option[]> {
  const bodies = await Body.find({ community: community._id, kind: { $ne: 'secretariat' } }).sort({ createdAt: 1, _id: 1 });
  return bodies.map((b) => ({ value: b.key, label: b.name[lang] }));
}

export async function openRoundForm(community: CommunityDoc, lang: Lang): Promise<Form> {
  return openSpec.render(lang, {
    title: texts(lang, 'input.form.open.heading'),
    submitLabel: texts(lang, 'input.form.open.submit'),
    options: {
      bodies: await bodyOptions(community, lang),
      partyTypes: AUDIENCE_TYPES.map((p) => ({ value: p, label: partyTypeLabel(p, lang) })),
      reminders: REMINDER_VALUES.map((r) => ({ value: r, label: reminderLabel(r, lang) })),
    },
  });
}

function answerLook(round: RoundDoc | null, lang: Lang) {
  return {
    options: {
      themes: (round?.themes ?? []).map((th, i) => ({ value: `t${i}`, label: th })),
      groups: PRIORITY_GROUPS.map((g) => ({ value: g, label: groupLabel(g, lang) })),
    },
    ...(round?.themes.length ? {} : { only: ['text', 'groups'] as const }),
  };
}

function intro(round: RoundDoc, lang: Lang): string {
  // The title once, as the heading; the deadline on a line of its own.
  return `*${round.title}*\n${round.question}\n_${texts(lang, 'input.form.answer.deadline', { deadline: formatDateTime(round.deadline, lang) })}_`;
}

/**
 * The answer form. `n` is the member's serial for this round when the form was shown: it stays
 * the same until a contribution is saved, so a draft comes back with the next click on «Svar»,
 * and a second submission of the same form is recognised.
 */
export function answerForm(round: RoundDoc, lang: Lang, n: number): Form {
  return answerSpec.render(
    lang,
    { title: texts(lang, 'input.form.answer.heading'), submitLabel: texts(lang, 'input.form.answer.submit'), intro: intro(round, lang), ...answerLook(round, lang) },
    { r: String(round._id), n },
  );
}

export function editForm(round: RoundDoc, lang: Lang, contributionId: string): Form {
  return editSpec.render(
    lang,
    { title: texts(lang, 'input.form.answer.heading'), submitLabel: texts(lang, 'input.form.answer.submit'), intro: intro(round, lang), ...answerLook(round, lang) },
    { c: contributionId },
  );
}

/** `roundOpen`: whether a round is open to the member now (then free input is their choice, not the only way). */
export async function freeForm(community: CommunityDoc, lang: Lang, n: number, roundOpen: boolean): Promise<Form> {
  return freeSpec.render(
    lang,
    {
      title: texts(lang, 'input.form.free.heading'),
      submitLabel: texts(lang, 'input.form.answer.submit'),
      intro: texts(lang, roundOpen ? 'input.form.free.intro' : 'input.reply.noRound'),
      options: { body: await bodyOptions(community, lang), groups: answerLook(null, lang).options.groups },
    },
    { n },
  );
}

export function deadlineForm(round: RoundDoc, lang: Lang): Form {
  const reopen = round.status === 'closed';
  return deadlineSpec.render(
    lang,
    {
      title: texts(lang, reopen ? 'input.form.deadline.reopenHeading' : 'input.form.deadline.heading'),
      submitLabel: texts(lang, 'input.form.deadline.submit'),
      intro: `*${round.title}*`,
    },
    { r: String(round._id) },
  );
}

/** The values of an answer form for an existing contribution or a shared message. */
export function answerValues(round: RoundDoc | null, c: { text: string; themes?: string[]; priorityGroups?: string[] }) {
  const themeValues = (c.themes ?? [])
    .map((th) => round?.themes.indexOf(th) ?? -1)
    .filter((i) => i >= 0)
    .map((i) => `t${i}`);
  return { text: c.text, themes: themeValues, groups: [...(c.priorityGroups ?? [])] };
}

export function currentDeadlineValue(round: RoundDoc) {
  return { deadline: toInputDateTime(round.deadline) };
}
