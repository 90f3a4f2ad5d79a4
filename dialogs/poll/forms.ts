/** The poll's forms: creating a poll, and a ballot for the types that need more than one tap. */
import type { BodyDoc } from '../../models/body.js';
import {
  MAX_OPEN_ANSWER, MAX_OPTION_LABEL, MAX_OPTIONS, MAX_QUESTION, MAX_REASON, MIN_OPTIONS,
  POLL_RESULTS, POLL_TYPES, POLL_VOTERS, type PollDoc, type PollInput,
} from '../../models/poll.js';
import { bodyName } from '../../src/directory.js';
import type { CleanValues } from '../../src/forms.js';
import { action } from '../../src/payload.js';
import type { Form, FormField, Lang } from '../../src/ui.js';
import type { BallotInput } from './service.js';
import { texts } from './texts.js';

export const CREATE_FORM = 'new';
export const BALLOT_FORM = 'ballot';

export function createForm(body: BodyDoc, lang: Lang): Form {
  const t = (k: Parameters<typeof texts>[1], v?: Record<string, string | number>) => texts(lang, k, v);
  return {
    id: CREATE_FORM,
    title: t('newTitle', { body: body.short }),
    submitLabel: t('submitCreate'),
    action: action('poll', CREATE_FORM, { b: String(body._id) }),
    intro: bodyName(body, lang),
    fields: [
      { id: 'question', label: t('f_question'), kind: 'text', required: true, maxLength: MAX_QUESTION },
      { id: 'type', label: t('f_type'), kind: 'choice', hint: t('h_type'), options: POLL_TYPES.map((v) => ({ value: v, label: t(`type_${v}`) })) },
      { id: 'options', label: t('f_options'), kind: 'longtext', hint: t('h_options'), maxLength: MAX_OPTIONS * (MAX_OPTION_LABEL + 1) },
      { id: 'maxChoices', label: t('f_maxChoices'), kind: 'number', hint: t('h_maxChoices'), min: 1, max: MAX_OPTIONS },
      { id: 'voters', label: t('f_voters'), kind: 'choice', hint: t('h_voters'), options: POLL_VOTERS.map((v) => ({ value: v, label: t(`voters_${v}`) })) },
      { id: 'observers', label: t('f_observers'), kind: 'choice', hint: t('h_observers'), options: [{ value: 'no', label: t('no') }, { value: 'yes', label: t('yes') }] },
      {
        id: 'anonymous',
        label: t('f_anonymous'),
        kind: 'choice',
        hint: t('h_anonymous'),
        options: [{ value: 'named', label: t('named') }, { value: 'anonymous', label: t('anonymous') }],
      },
      { id: 'results', label: t('f_results'), kind: 'choice', hint: t('h_results'), options: POLL_RESULTS.map((v) => ({ value: v, label: t(`results_${v}`) })) },
      { id: 'closesAt', label: t('f_closesAt'), kind: 'datetime', hint: t('h_closesAt') },
    ],
  };
}

/** Turns a validated creation form into a poll input, or errors per field. */
export function readCreateForm(v: CleanValues, lang: Lang, now = new Date()): { input?: PollInput; errors?: Record<string, string> } {
  const t = (k: Parameters<typeof texts>[1], vars?: Record<string, string | number>) => texts(lang, k, vars);
  const errors: Record<string, string> = {};
  const type = (v.type as PollInput['type'] | undefined) ?? 'single';
  const lines = String(v.options ?? '')
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
  if (type === 'multiple' && typeof v.maxChoices === 'number') {
    if (!Number.isInteger(v.maxChoices) || v.maxChoices > lines.length) errors.maxChoices = t('e_maxChoices', { max: lines.length });
    else maxChoices = v.maxChoices;
  }
  const closesAt = v.closesAt instanceof Date ? v.closesAt : null;
  if (closesAt && closesAt.getTime() <= now.getTime()) errors.closesAt = t('e_past');
  if (Object.keys(errors).length) return { errors };
  return {
    input: {
      question: String(v.question),
      type,
      options,
      maxChoices,
      voters: (v.voters as PollInput['voters'] | undefined) ?? 'member',
      observersMayVote: v.observers === 'yes',
      anonymous: v.anonymous === 'anonymous',
      results: (v.results as PollInput['results'] | undefined) ?? 'live',
      closesAt,
    },
  };
}

export function ballotForm(poll: PollDoc, lang: Lang): Form {
  const t = (k: Parameters<typeof texts>[1], v?: Record<string, string | number>) => texts(lang, k, v);
  const options = poll.options.map((o) => ({ value: o.id, label: poll.type === 'scale' && o.label !== o.id ? `${o.id} – ${o.label}` : o.label }));
  const reason: FormField = { id: 'reason', label: t('f_reason'), kind: 'longtext', maxLength: MAX_REASON };
  let fields: FormField[];
  switch (poll.type) {
    case 'single':
      fields = [{ id: 'choice', label: t('f_choice'), kind: 'choice', required: true, options }, reason];
      break;
    case 'scale':
      fields = [{ id: 'choice', label: t('f_scale'), kind: 'choice', required: true, options }, reason];
      break;
    case 'multiple': {
      const max = poll.maxChoices ?? options.length;
      fields = [{ id: 'choices', label: t('f_choices', { max }), kind: 'multichoice', required: true, options, maxChoices: max }, reason];
      break;
    }
    case 'ranking':
      fields = [
        ...options.map((_, i): FormField => ({
          id: `rank${i + 1}`,
          label: t('f_rank', { n: i + 1 }),
          kind: 'choice',
          required: i === 0,
          hint: i === 0 ? t('h_rank') : undefined,
          options,
        })),
        reason,
      ];
      break;
    case 'open':
      fields = [
        { id: 'pros', label: t('f_pros'), kind: 'longtext', maxLength: MAX_OPEN_ANSWER },
        { id: 'cons', label: t('f_cons'), kind: 'longtext', maxLength: MAX_OPEN_ANSWER },
      ];
      break;
  }
  return {
    id: BALLOT_FORM,
    title: t('ballotTitle'),
    submitLabel: t('submitVote'),
    action: action('poll', BALLOT_FORM, { p: String(poll._id) }),
    intro: poll.question,
    fields,
    // An anonymous ballot kept as a draft would tie the member to a choice.
    ...(poll.anonymous ? { keepDraft: false } : {}),
  };
}

/** Reads a validated ballot; ranking duplicates and gaps, and an empty open answer, are refused per field. */
export function readBallot(poll: PollDoc, v: CleanValues, lang: Lang): { ballot?: BallotInput; errors?: Record<string, string> } {
  const reason = typeof v.reason === 'string' ? v.reason : '';
  switch (poll.type) {
    case 'single':
      return { ballot: { choices: [String(v.choice)], reason } };
    case 'scale':
      return { ballot: { scale: Number(v.choice), choices: [], reason } };
    case 'multiple':
      return { ballot: { choices: (v.choices as string[] | undefined) ?? [], reason } };
    case 'ranking': {
      const errors: Record<string, string> = {};
      const order: string[] = [];
      let gap = false;
      poll.options.forEach((_, i) => {
        const id = `rank${i + 1}`;
        const val = v[id];
        if (typeof val !== 'string' || !val) {
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
      const pros = typeof v.pros === 'string' ? v.pros : '';
      const cons = typeof v.cons === 'string' ? v.cons : '';
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
      b.choices.forEach((c, i) => (out[`rank${i + 1}`] = c));
      break;
    case 'open':
      out.pros = b.pros;
      out.cons = b.cons;
      break;
  }
  return out;
}
