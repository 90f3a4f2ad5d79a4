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
import { defineLegacyForm, field } from '../../src/form-spec.js';
import { formatDateTime, toInputDateTime } from '../../src/time.js';
import type { Form, Lang, Option } from '../../src/ui.js';
import { DIALOG } from './ids.js';
import { REMINDER_CHOICES } from './reminders.js';
import { MAX_TEXT } from './rules.js';
import { t, type TextKey } from './texts.js';
import { groupLabel } from './labels.js';

const AUDIENCE_TYPES = PARTY_TYPES.filter((p) => p !== 'secretariat');
const REMINDER_VALUES = [...REMINDER_CHOICES, 'none'] as const;

const REMINDER_LABEL: Record<(typeof REMINDER_VALUES)[number], TextKey> = {
  '7d': 'rem_7d',
  '3d': 'rem_3d',
  '2d': 'rem_2d',
  '1d': 'rem_1d',
  '08:00': 'rem_0800',
  '2h': 'rem_2h',
  none: 'rem_none',
};

export const openSpec = defineLegacyForm(DIALOG, 'open', {
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

export const answerSpec = defineLegacyForm(DIALOG, 'answer', answerFields);
export const editSpec = defineLegacyForm(DIALOG, 'edit', answerFields);
export const freeSpec = defineLegacyForm(DIALOG, 'free', { body: field.choice().required(), text: answerFields.text, groups: answerFields.groups });
export const deadlineSpec = defineLegacyForm(DIALOG, 'deadline', { deadline: field.datetime().required() });

export async function bodyOptions(community: CommunityDoc, lang: Lang): Promise<Option[]> {
  const bodies = await Body.find({ community: community._id, kind: { $ne: 'secretariat' } }).sort({ createdAt: 1, _id: 1 });
  return bodies.map((b) => ({ value: b.key, label: b.name[lang] }));
}

export async function openRoundForm(community: CommunityDoc, lang: Lang): Promise<Form> {
  return openSpec.render({
    title: t(lang, 'openTitle'),
    submitLabel: t(lang, 'submitOpen'),
    labels: {
      title: t(lang, 'fTitle'),
      question: t(lang, 'fQuestion'),
      themes: t(lang, 'fThemes'),
      bodies: t(lang, 'fBodies'),
      partyTypes: t(lang, 'fPartyTypes'),
      opens: t(lang, 'fOpens'),
      deadline: t(lang, 'fDeadline'),
      reminders: t(lang, 'fReminders'),
    },
    hints: { themes: t(lang, 'hThemes'), bodies: t(lang, 'hBodies'), partyTypes: t(lang, 'hPartyTypes'), opens: t(lang, 'hOpens'), reminders: t(lang, 'hReminders') },
    options: {
      bodies: await bodyOptions(community, lang),
      partyTypes: AUDIENCE_TYPES.map((p) => ({ value: p, label: partyTypeLabel(p, lang) })),
      reminders: REMINDER_VALUES.map((r) => ({ value: r, label: t(lang, REMINDER_LABEL[r]) })),
    },
  });
}

function answerLook(round: RoundDoc | null, lang: Lang) {
  return {
    labels: { text: t(lang, 'fText'), themes: t(lang, 'fAnswerThemes'), groups: t(lang, 'fGroups') },
    hints: { text: t(lang, 'hText'), groups: t(lang, 'hGroups') },
    options: {
      themes: (round?.themes ?? []).map((th, i) => ({ value: `t${i}`, label: th })),
      groups: PRIORITY_GROUPS.map((g) => ({ value: g, label: groupLabel(g, lang) })),
    },
    ...(round?.themes.length ? {} : { only: ['text', 'groups'] as const }),
  };
}

function intro(round: RoundDoc, lang: Lang): string {
  return `*${round.title}*\n${round.question}\n_${t(lang, 'roundLine', { title: round.title, deadline: formatDateTime(round.deadline, lang) }).replace(/\*/g, '')}_`;
}

/**
 * The answer form. `n` is the member's serial for this round when the form was shown: it stays
 * the same until a contribution is saved, so a draft comes back with the next click on «Svar»,
 * and a second submission of the same form is recognised.
 */
export function answerForm(round: RoundDoc, lang: Lang, n: number): Form {
  return answerSpec.render(
    { title: t(lang, 'answerTitle'), submitLabel: t(lang, 'submitAnswer'), intro: intro(round, lang), ...answerLook(round, lang) },
    { r: String(round._id), n },
  );
}

export function editForm(round: RoundDoc, lang: Lang, contributionId: string): Form {
  return editSpec.render({ title: t(lang, 'answerTitle'), submitLabel: t(lang, 'submitAnswer'), intro: intro(round, lang), ...answerLook(round, lang) }, { c: contributionId });
}

export async function freeForm(community: CommunityDoc, lang: Lang, n: number): Promise<Form> {
  const look = answerLook(null, lang);
  return freeSpec.render(
    {
      title: t(lang, 'freeTitle'),
      submitLabel: t(lang, 'submitAnswer'),
      intro: t(lang, 'noRound'),
      labels: { body: t(lang, 'fBody'), text: look.labels.text, groups: look.labels.groups },
      hints: look.hints,
      options: { body: await bodyOptions(community, lang), groups: look.options.groups },
    },
    { n },
  );
}

export function deadlineForm(round: RoundDoc, lang: Lang): Form {
  const reopen = round.status === 'closed';
  return deadlineSpec.render(
    { title: t(lang, reopen ? 'reopenTitle' : 'deadlineTitle'), submitLabel: t(lang, 'submitDeadline'), intro: `*${round.title}*`, labels: { deadline: t(lang, 'fNewDeadline') } },
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
