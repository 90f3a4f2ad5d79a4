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
import { defineForm, field, type FieldSpec, type ValuesOf } from '../../src/form-spec.js';
import type { Form, Lang } from '../../src/ui.js';
import { BALLOT_FORM, CREATE_FORM, POLL } from './keys.js';
import type { BallotInput } from './service.js';
import { texts } from './texts.js';

/** The catalog's word for each way results are shown (the stored values keep their underscores). */
const RESULTS_WORD = { live: 'poll.results.live', after_vote: 'poll.results.afterVote', at_close: 'poll.results.atClose' } as const;

export const createSpec = defineForm(texts, POLL, CREATE_FORM, {
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
  return createSpec.render(
    lang,
    {
      title: texts(lang, 'poll.form.new.title', { body: body.short }),
      submitLabel: texts(lang, 'poll.form.new.submit'),
      intro: bodyName(body, lang),
      options: {
        type: POLL_TYPES.map((v) => ({ value: v, label: texts(lang, `poll.type.${v}`) })),
        voters: POLL_VOTERS.map((v) => ({ value: v, label: texts(lang, `poll.voters.${v}`) })),
        observers: [
          { value: 'no', label: texts(lang, 'poll.form.new.observers.no') },
          { value: 'yes', label: texts(lang, 'poll.form.new.observers.yes') },
        ],
        anonymous: [
          { value: 'named', label: texts(lang, 'poll.card.named') },
          { value: 'anonymous', label: texts(lang, 'poll.card.anonymous') },
        ],
        results: POLL_RESULTS.map((v) => ({ value: v, label: texts(lang, RESULTS_WORD[v]) })),
      },
    },
    { b: String(body._id) },
  );
}

/** Turns a validated creation form into a poll input, or errors per field. */
export function readCreateForm(v: CreateValues, lang: Lang, now = new Date()): { input?: PollInput; errors?: Record<string, string> } {
  const errors: Record<string, string> = {};
  const type = v.type ?? 'single';
  const lines = (v.options ?? '')
    .split('\n')
    .map((s) => s.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim())
    .filter(Boolean);
  let options = lines;
  const long = lines.find((l) => l.length > MAX_OPTION_LABEL);
  if (long) errors.options = texts(lang, 'poll.error.optionLong', { length: long.length, max: MAX_OPTION_LABEL, label: long.slice(0, 40) });
  else if (type === 'scale') {
    if (lines.length === 0) options = [texts(lang, 'poll.card.scaleLow'), '', '', '', texts(lang, 'poll.card.scaleHigh')];
    else if (lines.length === 2) options = [lines[0]!, '', '', '', lines[1]!];
    else if (lines.length !== 5) errors.options = texts(lang, 'poll.error.scaleLabels');
    // Steps without a label show as their number.
    options = options.map((l, i) => l || String(i + 1));
  } else if (type === 'open') {
    options = [];
  } else {
    if (lines.length < MIN_OPTIONS || lines.length > MAX_OPTIONS) errors.options = texts(lang, 'poll.error.optionsCount', { count: lines.length });
    const seen = new Set<string>();
    for (const l of lines) {
      const k = l.toLowerCase();
      if (seen.has(k)) {
        errors.options = texts(lang, 'poll.error.optionDup', { label: l });
        break;
      }
      seen.add(k);
    }
  }
  let maxChoices: number | null = null;
  if (type === 'multiple' && v.maxChoices !== undefined) {
    if (!Number.isInteger(v.maxChoices) || v.maxChoices > lines.length) errors.maxChoices = texts(lang, 'poll.error.maxChoices', { max: lines.length });
    else maxChoices = v.maxChoices;
  }
  const closesAt = v.closesAt ?? null;
  if (closesAt && closesAt.getTime() <= now.getTime()) errors.closesAt = texts(lang, 'poll.error.past');
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
// Object.assign keeps the places' key type (a spread would drop it) and the declaration order.
const ballotFields = Object.assign({ choice: field.choice(), choices: field.multichoice() }, rankFields, {
  reason: field.longtext({ maxLength: MAX_REASON }),
  pros: field.longtext({ maxLength: MAX_OPEN_ANSWER }),
  cons: field.longtext({ maxLength: MAX_OPEN_ANSWER }),
});
type BallotFields = typeof ballotFields;
// The places are labelled when shown («Place 2», from poll.form.ballot.rank.label).
export const ballotSpec = defineForm(texts, POLL, BALLOT_FORM, ballotFields, { labelledWhenShown: Object.keys(rankFields) as RankId[] });
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
  const options = poll.options.map((o) => ({ value: o.id, label: poll.type === 'scale' && o.label !== o.id ? `${o.id} – ${o.label}` : o.label }));
  const max = poll.maxChoices ?? options.length;
  const rankLabels: Record<RankId, string> = {};
  const rankOptions: Record<RankId, typeof options> = {};
  for (let i = 0; i < MAX_OPTIONS; i++) {
    rankLabels[rankId(i)] = texts(lang, 'poll.form.ballot.rank.label', { n: i + 1 });
    rankOptions[rankId(i)] = options;
  }
  return ballotSpec.render(
    lang,
    {
      title: texts(lang, 'poll.form.ballot.title'),
      submitLabel: texts(lang, 'poll.form.ballot.submit'),
      intro: poll.question,
      // Words that depend on the poll; the other fields' words come from the catalog by key.
      labels: {
        ...(poll.type === 'scale' ? { choice: texts(lang, 'poll.form.ballot.choice.labelScale') } : {}),
        choices: texts(lang, 'poll.form.ballot.choices.label', { max }),
        ...rankLabels,
      },
      hints: { [rankId(0)]: texts(lang, 'poll.form.ballot.rank.hint') },
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
          errors[id] = texts(lang, 'poll.error.dupRank', { label, n: at + 1 });
        } else if (gap) errors[id] = texts(lang, 'poll.error.rankGap');
        order.push(val);
      });
      return Object.keys(errors).length ? { errors } : { ballot: { choices: order, reason } };
    }
    case 'open': {
      const pros = v.pros ?? '';
      const cons = v.cons ?? '';
      if (!pros && !cons) return { errors: { _form: texts(lang, 'poll.error.openEmpty'), pros: texts(lang, 'poll.error.openEmpty') } };
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
