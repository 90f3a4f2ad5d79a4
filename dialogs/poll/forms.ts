/** The poll's forms, each declared once: creating a poll, and a ballot for the types that need more than one tap. */
import type { BodyDoc } from '../../models/body.js';
import {
  MAX_OPEN_ANSWER,
  MAX_OPTION_LABEL,
  MAX_OPTIONS,
  MAX_QUESTION,
  MAX_REASON,
  MIN_OPTIONS,
  POLL_RESULTS,
  POLL_TYPES,
  POLL_VOTERS,
  type PollDoc,
  type PollInput,
} from '../../models/poll.js';
import { bodyName } from '../../src/directory.js';
import { defineLegacyForm, field, type FieldSpec, type ValuesOf } from '../../src/form-spec.js';
import type { Form, Lang } from '../../src/ui.js';
import { BALLOT_FORM, CREATE_FORM, POLL } from './keys.js';
import type { BallotInput } from './service.js';
import { texts } from './texts.js';

type Key = Parameters<typeof texts>[1];
type Vars = Record<string, string | number>;

export const createSpec = defineLegacyForm(POLL, CREATE_FORM, {
  question: field.text({ maxLength: MAX_QUESTION }).required(),
  type: field.choice(POLL_TYPES),
  options: field.longtext({ maxLength: MAX_OPTIONS * (MAX_OPTION_LABEL + 1) }),
  maxChoices: field.number({ min: 1, max: MAX_OPTIONS }),
  voters: field.choice(POLL_VOTERS),
  observers: field.choice(['no', 'yes'] as const),
  anonymous: field.choice(['named', 'anonymous'] as const),
  results: field.choice(POLL_RESULTS),
  closesAt: field.datetime(),
});
export type CreateValues = ValuesOf<typeof createSpec.fields>;

export function createForm(body: BodyDoc, lang: Lang): Form {
  const t = (k: Key, v?: Vars) => texts(lang, k, v);
  return createSpec.render(
    {
      title: t('newTitle', { body: body.short }),
      submitLabel: t('submitCreate'),
      intro: bodyName(body, lang),
      labels: {
        question: t('f_question'),
        type: t('f_type'),
        options: t('f_options'),
        maxChoices: t('f_maxChoices'),
        voters: t('f_voters'),
        observers: t('f_observers'),
        anonymous: t('f_anonymous'),
        results: t('f_results'),
        closesAt: t('f_closesAt'),
      },
      hints: {
        type: t('h_type'),
        options: t('h_options'),
        maxChoices: t('h_maxChoices'),
        voters: t('h_voters'),
        observers: t('h_observers'),
        anonymous: t('h_anonymous'),
        results: t('h_results'),
        closesAt: t('h_closesAt'),
      },
      options: {
        type: POLL_TYPES.map((v) => ({ value: v, label: t(`type_${v}`) })),
        voters: POLL_VOTERS.map((v) => ({ value: v, label: t(`voters_${v}`) })),
        observers: [
          { value: 'no', label: t('no') },
          { value: 'yes', label: t('yes') },
        ],
        anonymous: [
          { value: 'named', label: t('named') },
          { value: 'anonymous', label: t('anonymous') },
        ],
        results: POLL_RESULTS.map((v) => ({ value: v, label: t(`results_${v}`) })),
      },
    },
    { b: String(body._id) },
  );
}

/** Turns a validated creation form into a poll input, or errors per field. */
export function readCreateForm(v: CreateValues, lang: Lang, now = new Date()): { input?: PollInput; errors?: Record<string, string> } {
  const t = (k: Key, vars?: Vars) => texts(lang, k, vars);
  const errors: Record<string, string> = {};
  const type = v.type ?? 'single';
  const lines = (v.options ?? '')
    .split('\n')
    .map((s) => s.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim())
    .filter(Boolean);
  let options = lines;
  const long = lines.find((l) => l.length > MAX_OPTION_LABEL);
  if (long) errors.options = t('e_optionLong', { length: long.length, max: MAX_OPTION_LABEL, label: long.slice(0, 40) });
  else if (type === 'scale') {
    if (lines.length === 0) options = [t('scaleLow'), '', '', '', t('scaleHigh')];
    else if (lines.length === 2) options = [lines[0]!, '', '', '', lines[1]!];
    else if (lines.length !== 5) errors.options = t('e_scaleLabels');
    // Steps without a label show as their number.
    options = options.map((l, i) => l || String(i + 1));
  } else if (type === 'open') {
    options = [];
  } else {
    if (lines.length < MIN_OPTIONS || lines.length > MAX_OPTIONS) errors.options = t('e_optionsCount', { count: lines.length });
    const seen = new Set<string>();
    for (const l of lines) {
      const k = l.toLowerCase();
      if (seen.has(k)) {
        errors.options = t('e_optionDup', { label: l });
        break;
      }
      seen.add(k);
    }
  }
  let maxChoices: number | null = null;
  if (type === 'multiple' && v.maxChoices !== undefined) {
    if (!Number.isInteger(v.maxChoices) || v.maxChoices > lines.length) errors.maxChoices = t('e_maxChoices', { max: lines.length });
    else maxChoices = v.maxChoices;
  }
  const closesAt = v.closesAt ?? null;
  if (closesAt && closesAt.getTime() <= now.getTime()) errors.closesAt = t('e_past');
  if (Object.keys(errors).length) return { errors };
  return {
    input: {
      question: v.question,
      type,
      options,
      maxChoices,
      voters: v.voters ?? 'member',
      observersMayVote: v.observers === 'yes',
      anonymous: v.anonymous === 'anonymous',
      results: v.results ?? 'live',
      closesAt,
    },
  };
}

/** A ranking's places; the form shows as many as the poll has options. */
type RankId = `rank${number}`;
const rankId = (i: number): RankId => `rank${i + 1}`;
const rankFields: Record<RankId, FieldSpec<string | undefined>> = {};
for (let i = 0; i < MAX_OPTIONS; i++) rankFields[rankId(i)] = field.choice();

/** Every ballot's fields; each poll type shows its own (`only`), in this order. */
export const ballotSpec = defineLegacyForm(
  POLL,
  BALLOT_FORM,
  // Object.assign keeps the places' key type (a spread would drop it) and the declaration order.
  Object.assign({ choice: field.choice(), choices: field.multichoice() }, rankFields, {
    reason: field.longtext({ maxLength: MAX_REASON }),
    pros: field.longtext({ maxLength: MAX_OPEN_ANSWER }),
    cons: field.longtext({ maxLength: MAX_OPEN_ANSWER }),
  }),
);
type BallotFields = typeof ballotSpec.fields;
export type BallotValues = ValuesOf<BallotFields>;

function ballotShows(poll: PollDoc): { only: (keyof BallotFields)[]; required: (keyof BallotFields)[] } {
  switch (poll.type) {
    case 'single':
    case 'scale':
      return { only: ['choice', 'reason'], required: ['choice'] };
    case 'multiple':
      return { only: ['choices', 'reason'], required: ['choices'] };
    case 'ranking':
      return { only: [...poll.options.map((_, i) => rankId(i)), 'reason'], required: [rankId(0)] };
    case 'open':
      return { only: ['pros', 'cons'], required: [] };
  }
}

export function ballotForm(poll: PollDoc, lang: Lang): Form {
  const t = (k: Key, v?: Vars) => texts(lang, k, v);
  const options = poll.options.map((o) => ({ value: o.id, label: poll.type === 'scale' && o.label !== o.id ? `${o.id} – ${o.label}` : o.label }));
  const max = poll.maxChoices ?? options.length;
  const rankLabels: Record<RankId, string> = {};
  const rankOptions: Record<RankId, typeof options> = {};
  for (let i = 0; i < MAX_OPTIONS; i++) {
    rankLabels[rankId(i)] = t('f_rank', { n: i + 1 });
    rankOptions[rankId(i)] = options;
  }
  return ballotSpec.render(
    {
      title: t('ballotTitle'),
      submitLabel: t('submitVote'),
      intro: poll.question,
      labels: {
        choice: t(poll.type === 'scale' ? 'f_scale' : 'f_choice'),
        choices: t('f_choices', { max }),
        ...rankLabels,
        reason: t('f_reason'),
        pros: t('f_pros'),
        cons: t('f_cons'),
      },
      hints: { [rankId(0)]: t('h_rank') },
      options: { choice: options, choices: options, ...rankOptions },
      limits: { choices: { maxChoices: max } },
      ...ballotShows(poll),
      // An anonymous ballot kept as a draft would tie the member to a choice.
      ...(poll.anonymous ? { keepDraft: false } : {}),
    },
    { p: String(poll._id) },
  );
}

/** Reads a validated ballot; ranking duplicates and gaps, and an empty open answer, are refused per field. */
export function readBallot(poll: PollDoc, v: BallotValues, lang: Lang): { ballot?: BallotInput; errors?: Record<string, string> } {
  const reason = v.reason ?? '';
  switch (poll.type) {
    case 'single':
      return { ballot: { choices: [v.choice ?? ''], reason } };
    case 'scale':
      return { ballot: { scale: Number(v.choice), choices: [], reason } };
    case 'multiple':
      return { ballot: { choices: v.choices, reason } };
    case 'ranking': {
      const errors: Record<string, string> = {};
      const order: string[] = [];
      let gap = false;
      poll.options.forEach((_, i) => {
        const id = rankId(i);
        const val = v[id];
        if (!val) {
          gap = true;
          return;
        }
        const at = order.indexOf(val);
        if (at >= 0) {
          const label = poll.options.find((o) => o.id === val)?.label ?? val;
          errors[id] = texts(lang, 'e_dupRank', { label, n: at + 1 });
        } else if (gap) errors[id] = texts(lang, 'e_rankGap');
        order.push(val);
      });
      return Object.keys(errors).length ? { errors } : { ballot: { choices: order, reason } };
    }
    case 'open': {
      const pros = v.pros ?? '';
      const cons = v.cons ?? '';
      if (!pros && !cons) return { errors: { _form: texts(lang, 'e_openEmpty'), pros: texts(lang, 'e_openEmpty') } };
      return { ballot: { pros, cons } };
    }
  }
}

/** The member's current ballot as form values, so changing a vote starts from it. */
export function ballotValues(poll: PollDoc, b: { choices: string[]; scale: number | null; pros: string; cons: string; reason: string }): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (b.reason) out.reason = b.reason;
  switch (poll.type) {
    case 'single':
      if (b.choices[0]) out.choice = b.choices[0];
      break;
    case 'scale':
      if (b.scale !== null) out.choice = String(b.scale);
      break;
    case 'multiple':
      out.choices = b.choices;
      break;
    case 'ranking':
      b.choices.forEach((c, i) => (out[rankId(i)] = c));
      break;
    case 'open':
      out.pros = b.pros;
      out.cons = b.cons;
      break;
  }
  return out;
}
