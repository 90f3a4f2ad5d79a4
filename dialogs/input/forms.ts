/** The forms of input rounds: opening a round, answering, free input, and moving the deadline. */
import { Body } from '../../models/body.js';
import { PRIORITY_GROUPS } from '../../models/contribution.js';
import { PARTY_TYPES, type PartyType } from '../../models/party.js';
import type { RoundDoc } from '../../models/round.js';
import type { CommunityDoc } from '../../models/community.js';
import { partyTypeLabel } from '../../src/directory.js';
import { action } from '../../src/payload.js';
import { formatDateTime, toInputDateTime } from '../../src/time.js';
import type { Form, FormField, Lang, Option } from '../../src/ui.js';
import { REMINDER_CHOICES } from './reminders.js';
import { MAX_TEXT } from './service.js';
import { t, type TextKey } from './texts.js';

export const DIALOG = 'input';

const REMINDER_LABEL: Record<(typeof REMINDER_CHOICES)[number], TextKey> = {
  '7d': 'rem_7d',
  '3d': 'rem_3d',
  '2d': 'rem_2d',
  '1d': 'rem_1d',
  '08:00': 'rem_0800',
  '2h': 'rem_2h',
};

export function groupLabel(g: string, lang: Lang): string {
  return (PRIORITY_GROUPS as readonly string[]).includes(g) ? t(lang, `grp_${g}` as TextKey) : g;
}

export async function bodyOptions(community: CommunityDoc, lang: Lang): Promise<Option[]> {
  const bodies = await Body.find({ community: community._id, kind: { $ne: 'secretariat' } }).sort({ createdAt: 1, _id: 1 });
  return bodies.map((b) => ({ value: b.key, label: b.name[lang] }));
}

export async function openRoundForm(community: CommunityDoc, lang: Lang): Promise<Form> {
  return {
    id: 'open',
    title: t(lang, 'openTitle'),
    submitLabel: t(lang, 'submitOpen'),
    action: action(DIALOG, 'open'),
    fields: [
      { id: 'title', label: t(lang, 'fTitle'), kind: 'text', required: true, maxLength: 120 },
      { id: 'question', label: t(lang, 'fQuestion'), kind: 'longtext', required: true, maxLength: 3000 },
      { id: 'themes', label: t(lang, 'fThemes'), kind: 'longtext', hint: t(lang, 'hThemes'), maxLength: 2000 },
      { id: 'bodies', label: t(lang, 'fBodies'), kind: 'multichoice', hint: t(lang, 'hBodies'), options: await bodyOptions(community, lang) },
      {
        id: 'partyTypes',
        label: t(lang, 'fPartyTypes'),
        kind: 'multichoice',
        hint: t(lang, 'hPartyTypes'),
        options: PARTY_TYPES.filter((p) => p !== 'secretariat').map((p) => ({ value: p, label: partyTypeLabel(p as PartyType, lang) })),
      },
      { id: 'opens', label: t(lang, 'fOpens'), kind: 'datetime', hint: t(lang, 'hOpens') },
      { id: 'deadline', label: t(lang, 'fDeadline'), kind: 'datetime', required: true },
      {
        id: 'reminders',
        label: t(lang, 'fReminders'),
        kind: 'multichoice',
        hint: t(lang, 'hReminders'),
        options: [
          ...REMINDER_CHOICES.map((r) => ({ value: r, label: t(lang, REMINDER_LABEL[r]) })),
          { value: 'none', label: t(lang, 'rem_none') },
        ],
      },
    ],
  };
}

function answerFields(round: RoundDoc | null, lang: Lang): FormField[] {
  const fields: FormField[] = [{ id: 'text', label: t(lang, 'fText'), kind: 'longtext', required: true, maxLength: MAX_TEXT, hint: t(lang, 'hText') }];
  if (round?.themes.length) {
    fields.push({ id: 'themes', label: t(lang, 'fAnswerThemes'), kind: 'multichoice', options: round.themes.map((th, i) => ({ value: `t${i}`, label: th })) });
  }
  fields.push({
    id: 'groups',
    label: t(lang, 'fGroups'),
    kind: 'multichoice',
    hint: t(lang, 'hGroups'),
    options: PRIORITY_GROUPS.map((g) => ({ value: g, label: groupLabel(g, lang) })),
  });
  return fields;
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
  return {
    id: 'answer',
    title: t(lang, 'answerTitle'),
    submitLabel: t(lang, 'submitAnswer'),
    action: action(DIALOG, 'answer', { r: String(round._id), n }),
    intro: intro(round, lang),
    fields: answerFields(round, lang),
  };
}

export function editForm(round: RoundDoc, lang: Lang, contributionId: string): Form {
  return {
    id: 'edit',
    title: t(lang, 'answerTitle'),
    submitLabel: t(lang, 'submitAnswer'),
    action: action(DIALOG, 'edit', { c: contributionId }),
    intro: intro(round, lang),
    fields: answerFields(round, lang),
  };
}

export async function freeForm(community: CommunityDoc, lang: Lang, n: number): Promise<Form> {
  return {
    id: 'free',
    title: t(lang, 'freeTitle'),
    submitLabel: t(lang, 'submitAnswer'),
    action: action(DIALOG, 'free', { n }),
    intro: t(lang, 'noRound'),
    fields: [
      { id: 'body', label: t(lang, 'fBody'), kind: 'choice', required: true, options: await bodyOptions(community, lang) },
      ...answerFields(null, lang),
    ],
  };
}

export function deadlineForm(round: RoundDoc, lang: Lang): Form {
  const reopen = round.status === 'closed';
  return {
    id: 'deadline',
    title: t(lang, reopen ? 'reopenTitle' : 'deadlineTitle'),
    submitLabel: t(lang, 'submitDeadline'),
    action: action(DIALOG, 'deadline', { r: String(round._id) }),
    intro: `*${round.title}*`,
    fields: [{ id: 'deadline', label: t(lang, 'fNewDeadline'), kind: 'datetime', required: true }],
  };
}

/** The values of an answer form for an existing contribution or a shared message. */
export function answerValues(round: RoundDoc | null, c: { text: string; themes?: string[]; priorityGroups?: string[] }) {
  const themeValues = (c.themes ?? []).map((th) => round?.themes.indexOf(th) ?? -1).filter((i) => i >= 0).map((i) => `t${i}`);
  return { text: c.text, themes: themeValues, groups: [...(c.priorityGroups ?? [])] };
}

export function currentDeadlineValue(round: RoundDoc) {
  return { deadline: toInputDateTime(round.deadline) };
}
