/**
 * The member's walk through a strategy version: one section at a time, a stance in one tap, a
 * comment or proposed wording in a form, next / previous / skip / jump, a general comment at the
 * end. Where the member is lives in the database (FeedbackPosition), so «tilbakemelding» continues
 * there from any platform, also after a restart.
 */
import { GENERAL, STANCES, type FeedbackDoc, type Stance } from '../../models/feedback.js';
import { StrategyVersion, type VersionDoc } from '../../models/strategy.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { canAdminister } from '../../src/permissions.js';
import { action, openFormAction } from '../../src/payload.js';
import { formatDateTime } from '../../src/time.js';
import type { Button, Element, Form, Lang, Reply } from '../../src/ui.js';
import { splitText, toChatText } from './markdown.js';
import {
  giveFeedback,
  hasContent,
  isOpen,
  myFeedback,
  openVersionsFor,
  positionOf,
  previousVersion,
  setPosition,
  StrategyError,
} from './service.js';
import { t } from './texts.js';

export const D = 'strategy';
/** Section text per block: well within Slack's 3,000 characters per section and Teams' card size. */
export const BLOCK_CHARS = 2500;

const vid = (v: VersionDoc) => String(v._id);
const priv = (text: string): Reply => ({ text, visibility: 'private' });

export function stanceLabel(s: Stance, lang: Lang): string {
  return t(lang, s);
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** «Støtter med endringer · kommentar: «…» · tekstforslag» */
export function answerText(f: Pick<FeedbackDoc, 'stance' | 'comment' | 'proposal'>, lang: Lang): string {
  const parts: string[] = [];
  if (f.stance) parts.push(stanceLabel(f.stance as Stance, lang));
  if (f.comment) parts.push(`${t(lang, 'commentShort')}: «${clip(f.comment, 160)}»`);
  if (f.proposal) parts.push(t(lang, 'proposalShort'));
  return parts.join(' · ');
}

/** The message for a rule the member's input broke, in their language. */
export function errorText(lang: Lang, v: VersionDoc | null, e: StrategyError): string {
  const vars = { title: v?.title ?? '', label: v?.label ?? '', date: v?.deadline ? formatDateTime(v.deadline, lang) : '' };
  switch (e.code) {
    case 'not_open':
      return t(lang, 'errNotOpen', vars);
    case 'deadline_passed':
      return t(lang, 'errDeadline', vars);
    case 'not_in_audience':
      return t(lang, 'errNotInAudience');
    case 'too_long':
      return t(lang, 'errTooLong', e.detail);
    case 'national_id':
      return t(lang, 'errNationalId');
    case 'no_sections':
      return t(lang, 'errNoSections');
    case 'duplicate_heading':
      return t(lang, 'errDuplicate', e.detail);
    case 'no_title':
      return t(lang, 'errNoTitle');
    case 'deadline_past':
      return t(lang, 'errDeadlinePast');
    case 'no_audience':
      return t(lang, 'errNoAudience');
    default:
      return t(lang, 'errUnknownVersion');
  }
}

/** When a version is not open any more: the message, and a way to the version that is. */
async function notOpenReply(ctx: DialogContext, v: VersionDoc, e: StrategyError): Promise<StepResult> {
  const lines = [errorText(ctx.lang, v, e)];
  const newer = await StrategyVersion.findOne({ strategy: v.strategy, state: 'open', _id: { $ne: v._id } }).sort({ number: -1 });
  const elements: Element[] = [];
  if (newer && isOpen(newer)) {
    lines.push(t(ctx.lang, 'errNewerOpen', { label: newer.label }));
    elements.push({ type: 'buttons', buttons: [{ label: t(ctx.lang, 'giveFeedback', { title: newer.title, label: newer.label }), action: action(D, 'go', { v: vid(newer) }), style: 'primary' }] });
  }
  const text = lines.join(' ');
  return { replies: [{ text, elements: [{ type: 'section', text }, ...elements], visibility: 'private' }] };
}

/** «tilbakemelding»: continue the open version (or choose one when several are open). */
export async function startWalk(ctx: DialogContext): Promise<StepResult> {
  const open = await openVersionsFor(ctx.member);
  if (!open.length) return { replies: [priv(t(ctx.lang, canAdminister(ctx.member) ? 'nothingOpenAdmin' : 'nothingOpen'))] };
  if (open.length === 1) return showPosition(ctx, open[0]!);
  const text = t(ctx.lang, 'chooseVersion');
  const buttons: Button[] = open.slice(0, 5).map((v) => ({ label: t(ctx.lang, 'giveFeedback', { title: v.title, label: v.label }), action: action(D, 'go', { v: vid(v) }) }));
  return { replies: [{ text, elements: [{ type: 'section', text }, { type: 'buttons', buttons }], visibility: 'private' }] };
}

/** Where the member left off: the saved position, or the first section with an introduction. */
export async function showPosition(ctx: DialogContext, v: VersionDoc): Promise<StepResult> {
  const pos = await positionOf(v, ctx.member._id);
  if (pos === GENERAL) return showEnd(ctx, v, [t(ctx.lang, 'welcomeBack')]);
  if (pos && v.sections.some((s) => s.key === pos)) return showSection(ctx, v, pos, [t(ctx.lang, 'welcomeBack')]);
  const intro = t(ctx.lang, 'intro', { title: v.title, label: v.label, total: v.sections.length, date: formatDateTime(v.deadline!, ctx.lang) });
  const notices = [intro];
  if (v.intro) notices.push(toChatText(v.intro));
  return showSection(ctx, v, v.sections[0]!.key, notices);
}

/** Checks that the member may give feedback on the version now; the error as a reply if not. */
async function guard(ctx: DialogContext, v: VersionDoc | null): Promise<StepResult | null> {
  if (!v) return { replies: [priv(t(ctx.lang, 'errUnknownVersion'))] };
  if (v.state !== 'open') return notOpenReply(ctx, v, new StrategyError('not_open'));
  if (!isOpen(v)) return notOpenReply(ctx, v, new StrategyError('deadline_passed'));
  return null;
}

export async function showSection(ctx: DialogContext, v: VersionDoc, key: string, notices: string[] = []): Promise<StepResult> {
  const blocked = await guard(ctx, v);
  if (blocked) return blocked;
  const { lang } = ctx;
  const i = Math.max(0, v.sections.findIndex((s) => s.key === key));
  const s = v.sections[i]!;
  await setPosition(v, ctx.member._id, s.key);
  const mine = await myFeedback(v, ctx.member._id);
  const f = mine.get(s.key);
  const prev = v.number > 1 ? await previousVersion(v) : null;

  const elements: Element[] = notices.filter(Boolean).map((n) => ({ type: 'context' as const, text: n }));
  const head = `*${s.heading}*`;
  elements.push({ type: 'section', text: head });
  const meta = [t(lang, 'sectionOf', { n: i + 1, total: v.sections.length }), `${v.title} (${v.label})`, t(lang, 'deadline', { date: formatDateTime(v.deadline!, lang) })];
  if (prev) {
    const was = prev.sections.find((p) => p.key === s.key);
    meta.push(t(lang, !was ? 'newSince' : s.changed ? 'changedSince' : 'unchangedSince', { label: prev.label }));
  }
  elements.push({ type: 'context', text: meta.join(' · ') });
  for (const piece of splitText(toChatText(s.body) || '—', BLOCK_CHARS)) elements.push({ type: 'section', text: piece });
  elements.push({ type: 'context', text: hasContent(f) ? t(lang, 'yourAnswer', { answer: answerText(f!, lang) }) : t(lang, 'noAnswer') });

  elements.push({
    type: 'buttons',
    buttons: STANCES.map((st) => ({
      label: stanceLabel(st, lang),
      action: action(D, 'st', { v: vid(v), k: s.key, st }),
      ...(f?.stance === st ? { style: 'primary' as const } : {}),
    })),
  });
  const nav: Button[] = [{ label: t(lang, 'commentButton'), action: openFormAction(feedbackForm(ctx, v, s.key, f)) }];
  if (i > 0) nav.push({ label: t(lang, 'prev'), action: action(D, 'pv', { v: vid(v), k: s.key }) });
  nav.push({ label: t(lang, hasContent(f) ? 'next' : 'skip'), action: action(D, 'nx', { v: vid(v), k: s.key }) });
  nav.push({ label: t(lang, 'pause'), action: action(D, 'pause', { v: vid(v) }) });
  elements.push({ type: 'buttons', buttons: nav });
  elements.push(jumpSelect(v, mine, lang));

  const text = [...notices, `${s.heading} (${t(lang, 'sectionOf', { n: i + 1, total: v.sections.length })})`].join('\n');
  return { replies: [{ text, elements }] };
}

function jumpSelect(v: VersionDoc, mine: Map<string, FeedbackDoc>, lang: Lang): Element {
  const options = v.sections.map((s, i) => ({ value: s.key, label: clip(`${hasContent(mine.get(s.key)) ? '✓' : '○'} ${i + 1}. ${s.heading}`, 75) }));
  options.push({ value: GENERAL, label: `${hasContent(mine.get(GENERAL)) ? '✓' : '○'} ${t(lang, 'general')}` });
  return { type: 'select', label: t(lang, 'jump'), options, action: action(D, 'jp', { v: vid(v) }) };
}

/** After the last section: what was answered, and the general comment. */
export async function showEnd(ctx: DialogContext, v: VersionDoc, notices: string[] = []): Promise<StepResult> {
  const blocked = await guard(ctx, v);
  if (blocked) return blocked;
  const { lang } = ctx;
  await setPosition(v, ctx.member._id, GENERAL);
  const mine = await myFeedback(v, ctx.member._id);
  const answered = v.sections.filter((s) => hasContent(mine.get(s.key))).length;
  const general = mine.get(GENERAL);
  const head = t(lang, 'endTitle', { total: v.sections.length, answered });
  const elements: Element[] = notices.map((n) => ({ type: 'context' as const, text: n }));
  elements.push({ type: 'section', text: `*${head}*\n${t(lang, 'endGeneral')}` });
  if (general?.comment) elements.push({ type: 'section', text: t(lang, 'yourGeneral', { text: general.comment }) });
  elements.push({
    type: 'buttons',
    buttons: [
      { label: t(lang, 'general'), action: openFormAction(generalForm(ctx, v, general)), style: 'primary' },
      { label: t(lang, 'prev'), action: action(D, 'pv', { v: vid(v), k: GENERAL }) },
      { label: t(lang, 'mine'), action: action(D, 'mine', { v: vid(v) }) },
      { label: t(lang, 'finish'), action: action(D, 'done', { v: vid(v) }) },
    ],
  });
  elements.push(jumpSelect(v, mine, lang));
  return { replies: [{ text: [...notices, head].join('\n'), elements }] };
}

/** The member's own answers, section by section. */
export async function showMine(ctx: DialogContext, v: VersionDoc): Promise<StepResult> {
  const { lang } = ctx;
  const mine = await myFeedback(v, ctx.member._id);
  const lines = v.sections.map((s, i) => {
    const f = mine.get(s.key);
    return `${i + 1}. *${s.heading}*: ${hasContent(f) ? answerText(f!, lang) : '—'}`;
  });
  const g = mine.get(GENERAL);
  if (g?.comment) lines.push(`*${t(lang, 'general')}*: «${clip(g.comment, 300)}»`);
  const title = t(lang, 'mineTitle', { title: v.title, label: v.label });
  const elements: Element[] = [{ type: 'section', text: `*${title}*` }];
  for (const piece of splitText(lines.join('\n'), BLOCK_CHARS)) elements.push({ type: 'section', text: piece });
  if (isOpen(v)) elements.push({ type: 'buttons', buttons: [{ label: t(lang, 'continueButton'), action: action(D, 'go', { v: vid(v) }) }] });
  return { replies: [{ text: [title, ...lines].join('\n'), elements, visibility: 'private' }] };
}

// ───────────────────────── forms ─────────────────────────

export function feedbackForm(ctx: Pick<DialogContext, 'lang'>, v: VersionDoc, key: string, f?: FeedbackDoc): Form {
  const { lang } = ctx;
  const s = v.sections.find((x) => x.key === key);
  const form: Form = {
    id: 'fb',
    title: clip(t(lang, 'fbTitle', { heading: s?.heading ?? '' }), 120),
    submitLabel: t(lang, 'fbSave'),
    intro: t(lang, 'fbIntro'),
    action: action(D, 'fb', { v: vid(v), k: key }),
    fields: [
      { id: 'stance', label: t(lang, 'fbStance'), kind: 'choice', options: STANCES.map((st) => ({ value: st, label: stanceLabel(st, lang) })) },
      { id: 'comment', label: t(lang, 'fbComment'), kind: 'longtext', maxLength: 4000 },
      { id: 'proposal', label: t(lang, 'fbProposal'), kind: 'longtext', maxLength: 4000, hint: t(lang, 'fbProposalHint') },
    ],
  };
  // What was saved before is shown for editing; a form with no values gets any unsaved draft instead.
  if (hasContent(f)) form.values = { stance: f!.stance ?? '', comment: f!.comment ?? '', proposal: f!.proposal ?? '' };
  return form;
}

export function generalForm(ctx: Pick<DialogContext, 'lang'>, v: VersionDoc, f?: FeedbackDoc): Form {
  const { lang } = ctx;
  const form: Form = {
    id: 'gen',
    title: t(lang, 'generalTitle'),
    submitLabel: t(lang, 'fbSave'),
    action: action(D, 'gen', { v: vid(v) }),
    fields: [{ id: 'comment', label: t(lang, 'generalLabel'), kind: 'longtext', required: true, maxLength: 4000 }],
  };
  if (f?.comment) form.values = { comment: f.comment };
  return form;
}

/** Saves the section form; errors go back on the form with what was typed. */
export async function submitFeedback(ctx: DialogContext, v: VersionDoc | null, key: string, values: { stance?: string; comment?: string; proposal?: string }): Promise<StepResult> {
  if (!v) return { replies: [], errors: { _form: t(ctx.lang, 'errUnknownVersion') } };
  const stance = (values.stance || null) as Stance | null;
  const comment = values.comment ?? '';
  const proposal = values.proposal ?? '';
  if (!stance && !comment && !proposal) return { replies: [], errors: { _form: t(ctx.lang, 'fbEmpty') } };
  try {
    await giveFeedback(v, ctx.member, key, { stance, comment, proposal });
  } catch (e) {
    if (!(e instanceof StrategyError)) throw e;
    const field = e.code === 'too_long' || e.code === 'national_id' ? String(e.detail.field ?? '_form') : '_form';
    return { replies: [], errors: { [field]: errorText(ctx.lang, v, e) } };
  }
  const s = v.sections.find((x) => x.key === key);
  const saved = t(ctx.lang, 'saved', { heading: s?.heading ?? '', answer: answerText({ stance, comment, proposal }, ctx.lang) });
  return advance(ctx, v, key, [saved]);
}

export async function submitGeneral(ctx: DialogContext, v: VersionDoc | null, comment: string): Promise<StepResult> {
  if (!v) return { replies: [], errors: { _form: t(ctx.lang, 'errUnknownVersion') } };
  try {
    await giveFeedback(v, ctx.member, GENERAL, { comment });
  } catch (e) {
    if (!(e instanceof StrategyError)) throw e;
    return { replies: [], errors: { [e.code === 'too_long' || e.code === 'national_id' ? 'comment' : '_form']: errorText(ctx.lang, v, e) } };
  }
  return showEnd(ctx, v, [t(ctx.lang, 'savedGeneral')]);
}

/** One tap: saves the stance and moves on. */
export async function tapStance(ctx: DialogContext, v: VersionDoc | null, key: string, stance: string): Promise<StepResult> {
  const blocked = await guard(ctx, v);
  if (blocked) return blocked;
  if (!STANCES.includes(stance as Stance)) return { replies: [priv(t(ctx.lang, 'errUnknownVersion'))] };
  try {
    await giveFeedback(v!, ctx.member, key, { stance: stance as Stance });
  } catch (e) {
    if (!(e instanceof StrategyError)) throw e;
    return { replies: [priv(errorText(ctx.lang, v, e))] };
  }
  const s = v!.sections.find((x) => x.key === key);
  return advance(ctx, v!, key, [t(ctx.lang, 'saved', { heading: s?.heading ?? '', answer: stanceLabel(stance as Stance, ctx.lang) })]);
}

/** The section after `key`, or the end. */
export async function advance(ctx: DialogContext, v: VersionDoc, key: string, notices: string[] = []): Promise<StepResult> {
  const i = v.sections.findIndex((s) => s.key === key);
  const next = i >= 0 ? v.sections[i + 1] : undefined;
  return next ? showSection(ctx, v, next.key, notices) : showEnd(ctx, v, notices);
}

export async function back(ctx: DialogContext, v: VersionDoc, key: string): Promise<StepResult> {
  if (key === GENERAL) return showSection(ctx, v, v.sections[v.sections.length - 1]!.key);
  const i = v.sections.findIndex((s) => s.key === key);
  return showSection(ctx, v, v.sections[Math.max(0, i - 1)]!.key);
}

export async function jump(ctx: DialogContext, v: VersionDoc, key: string): Promise<StepResult> {
  return key === GENERAL ? showEnd(ctx, v) : showSection(ctx, v, key);
}

export function pauseReply(ctx: DialogContext, v: VersionDoc): StepResult {
  return { replies: [priv(t(ctx.lang, 'paused', { date: v.deadline ? formatDateTime(v.deadline, ctx.lang) : '' }))] };
}

export function doneReply(ctx: DialogContext, v: VersionDoc): StepResult {
  return { replies: [priv(t(ctx.lang, 'finished', { date: v.deadline ? formatDateTime(v.deadline, ctx.lang) : '' }))] };
}
