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
import { defineLegacyForm, field } from '../../src/form-spec.js';
import { action, openFormAction } from '../../src/payload.js';
import { toInputDateTime } from '../../src/time.js';
import type { Form, Lang } from '../../src/ui.js';
import { D } from './ids.js';
import { hasContent } from './rules.js';
import { t } from './texts.js';
import { clip, stanceLabel, vid } from './words.js';

const OPEN_TYPES: readonly PartyType[] = PARTY_TYPES.filter((p) => p !== 'secretariat');

export const feedbackSpec = defineLegacyForm(D, 'fb', {
  stance: field.choice(STANCES),
  comment: field.longtext({ maxLength: 4000 }),
  proposal: field.longtext({ maxLength: 4000 }),
});

export const generalSpec = defineLegacyForm(D, 'gen', {
  comment: field.longtext({ maxLength: 4000 }).required(),
});

export const loadSpec = defineLegacyForm(D, 'load', {
  /** Only for a new strategy, where it is required. */
  title: field.text({ maxLength: 160 }),
  label: field.text({ maxLength: 60 }).required(),
  markdown: field.longtext({ maxLength: 20000 }).required(),
});

export const openSpec = defineLegacyForm(D, 'open', {
  bodies: field.multichoice(),
  types: field.multichoice(OPEN_TYPES),
  deadline: field.datetime().required(),
  reminder: field.datetime(),
});

export const decideSpec = defineLegacyForm(D, 'decide', {
  kind: field.choice(DECISION_KINDS).required(),
  date: field.date().required(),
  reference: field.text({ maxLength: 120 }),
});

export function feedbackForm(ctx: Pick<DialogContext, 'lang'>, v: VersionDoc, key: string, f?: FeedbackDoc): Form {
  const { lang } = ctx;
  const s = v.sections.find((x) => x.key === key);
  return feedbackSpec.render(
    {
      title: clip(t(lang, 'fbTitle', { heading: s?.heading ?? '' }), 120),
      submitLabel: t(lang, 'fbSave'),
      intro: t(lang, 'fbIntro'),
      labels: { stance: t(lang, 'fbStance'), comment: t(lang, 'fbComment'), proposal: t(lang, 'fbProposal') },
      hints: { proposal: t(lang, 'fbProposalHint') },
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
    {
      title: t(lang, 'generalTitle'),
      submitLabel: t(lang, 'fbSave'),
      labels: { comment: t(lang, 'generalLabel') },
      ...(f?.comment ? { values: { comment: f.comment } } : {}),
    },
    { v: vid(v) },
  );
}

export function loadForm(lang: Lang, strategy: { id: string; title: string } | null): Form {
  return loadSpec.render(
    {
      title: strategy ? t(lang, 'loadNewVersionTitle', { title: strategy.title }).slice(0, 120) : t(lang, 'loadTitle'),
      submitLabel: t(lang, 'loadSave'),
      intro: t(lang, 'loadIntro'),
      labels: { title: t(lang, 'loadTitleField'), label: t(lang, 'loadLabel'), markdown: t(lang, 'loadMarkdown') },
      hints: { label: t(lang, 'loadLabelHint') },
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
    {
      title: t(lang, 'openTitle', { label: v.label }).slice(0, 120),
      submitLabel: t(lang, 'openSave'),
      labels: { bodies: t(lang, 'openBodies'), types: t(lang, 'openTypes'), deadline: t(lang, 'openDeadline'), reminder: t(lang, 'openReminder') },
      hints: { reminder: t(lang, 'openReminderHint') },
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
    {
      title: t(lang, 'decideTitle', { label: v.label }).slice(0, 120),
      submitLabel: t(lang, 'fbSave'),
      labels: { kind: t(lang, 'decideKind'), date: t(lang, 'decideDate'), reference: t(lang, 'decideRef') },
      options: {
        kind: [
          { value: 'approved', label: t(lang, 'decideApproved') },
          { value: 'endorsed', label: t(lang, 'decideEndorsed') },
        ],
      },
    },
    { v: vid(v) },
  );
}

/** The button that opens the period form; the form itself is built when it opens. */
export function openFormOpener(v: VersionDoc) {
  return openFormAction({ action: action(D, openSpec.id, { v: vid(v) }) });
}
