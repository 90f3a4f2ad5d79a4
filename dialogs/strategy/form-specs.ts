/**
 * The strategy's forms, each field declared once (kind, limits, value type), and how each is
 * shown: a section's feedback, the general comment, loading a draft, opening a period, a decision.
 */
import { Body } from '../../models/body.js';
import { STANCES, type FeedbackDoc } from '../../models/feedback.js';
import { PARTY_TYPES, type PartyType } from '../../models/party.js';
import { DECISION_KINDS, type VersionDoc } from '../../models/strategy.js';
import { bodyName, partyTypeLabel } from '../../src/directory.js';
import type { DialogContext } from '../../src/dialog.js';
import { defineForm, field } from '../../src/form-spec.js';
import { action, openFormAction } from '../../src/payload.js';
import { toInputDateTime } from '../../src/time.js';
import type { Form, Lang } from '../../src/ui.js';
import { D } from './ids.js';
import { hasContent } from './rules.js';
import { texts } from './texts.js';
import { clip, stanceLabel, vid } from './words.js';

const OPEN_TYPES: readonly PartyType[] = PARTY_TYPES.filter((p) => p !== 'secretariat');

export const feedbackSpec = defineForm(texts, D, 'fb', {
  stance: field.choice(STANCES),
  comment: field.longtext({ maxLength: 4000 }),
  proposal: field.longtext({ maxLength: 4000 }),
});

export const generalSpec = defineForm(texts, D, 'gen', {
  comment: field.longtext({ maxLength: 4000 }).required(),
});

export const loadSpec = defineForm(texts, D, 'load', {
  /** Only for a new strategy, where it is required. */
  title: field.text({ maxLength: 160 }),
  label: field.text({ maxLength: 60 }).required(),
  markdown: field.longtext({ maxLength: 20000 }).required(),
});

export const openSpec = defineForm(texts, D, 'open', {
  bodies: field.multichoice(),
  types: field.multichoice(OPEN_TYPES),
  deadline: field.datetime().required(),
  reminder: field.datetime(),
});

export const decideSpec = defineForm(texts, D, 'decide', {
  kind: field.choice(DECISION_KINDS).required(),
  date: field.date().required(),
  reference: field.text({ maxLength: 120 }),
});

export function feedbackForm(ctx: Pick<DialogContext, 'lang'>, v: VersionDoc, key: string, f?: FeedbackDoc): Form {
  const { lang } = ctx;
  const s = v.sections.find((x) => x.key === key);
  return feedbackSpec.render(
    lang,
    {
      title: clip(texts(lang, 'strategy.form.fb.title', { heading: s?.heading ?? '' }), 120),
      submitLabel: texts(lang, 'strategy.button.save'),
      intro: texts(lang, 'strategy.form.fb.intro'),
      options: { stance: STANCES.map((st) => ({ value: st, label: stanceLabel(st, lang) })) },
      // What was saved before is shown for editing; a form with no values gets any unsaved draft instead.
      ...(hasContent(f) ? { values: { stance: f!.stance ?? '', comment: f!.comment ?? '', proposal: f!.proposal ?? '' } } : {}),
    },
    { v: vid(v), k: key },
  );
}

export function generalForm(ctx: Pick<DialogContext, 'lang'>, v: VersionDoc, f?: FeedbackDoc): Form {
  const { lang } = ctx;
  return generalSpec.render(
    lang,
    {
      title: texts(lang, 'strategy.form.gen.title'),
      submitLabel: texts(lang, 'strategy.button.save'),
      ...(f?.comment ? { values: { comment: f.comment } } : {}),
    },
    { v: vid(v) },
  );
}

export function loadForm(lang: Lang, strategy: { id: string; title: string } | null): Form {
  return loadSpec.render(
    lang,
    {
      title: strategy ? texts(lang, 'strategy.form.load.newVersion', { title: strategy.title }).slice(0, 120) : texts(lang, 'strategy.form.load.newStrategy'),
      submitLabel: texts(lang, 'strategy.form.load.submit'),
      intro: texts(lang, 'strategy.form.load.intro'),
      ...(strategy ? { only: ['label', 'markdown'] as const } : { required: ['title'] as const }),
    },
    strategy ? { st: strategy.id } : undefined,
  );
}

export async function openForm(ctx: Pick<DialogContext, 'lang' | 'community'>, v: VersionDoc): Promise<Form> {
  const { lang } = ctx;
  const bodies = await Body.find({ community: ctx.community._id, kind: { $ne: 'secretariat' } }).sort({ createdAt: 1 });
  let values: Form['values'];
  if (v.state !== 'draft' && v.deadline) {
    const keys = new Set((v.audience?.bodies ?? []).map(String));
    values = {
      bodies: bodies.filter((b) => keys.has(String(b._id))).map((b) => b.key),
      types: [...(v.audience?.partyTypes ?? [])],
      deadline: toInputDateTime(v.deadline),
    };
  }
  return openSpec.render(
    lang,
    {
      title: texts(lang, 'strategy.form.open.title', { label: v.label }).slice(0, 120),
      submitLabel: texts(lang, 'strategy.form.open.submit'),
      options: {
        bodies: bodies.map((b) => ({ value: b.key, label: bodyName(b, lang) })),
        types: OPEN_TYPES.map((p) => ({ value: p, label: partyTypeLabel(p, lang) })),
      },
      ...(values ? { values } : {}),
    },
    { v: vid(v) },
  );
}

export function decideForm(lang: Lang, v: VersionDoc): Form {
  return decideSpec.render(
    lang,
    {
      title: texts(lang, 'strategy.form.decide.title', { label: v.label }).slice(0, 120),
      submitLabel: texts(lang, 'strategy.button.save'),
      options: { kind: DECISION_KINDS.map((kind) => ({ value: kind, label: texts(lang, 'strategy.type.decision', { kind }) })) },
    },
    { v: vid(v) },
  );
}

/** The button that opens the period form; the form itself is built when it opens. */
export function openFormOpener(v: VersionDoc) {
  return openFormAction({ action: action(D, openSpec.id, { v: vid(v) }) });
}
