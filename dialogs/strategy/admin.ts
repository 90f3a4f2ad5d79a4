/**
 * The secretariat's side: the list of drafts, loading a version (pasted Markdown), opening a
 * feedback period, the overview per section and party type, the comparison with the previous
 * version, exports, decisions (SSU, Partnerskapsmøtet) and political anchoring in the
 * municipalities through the shared partner-decision mechanism.
 */
import { Body } from '../../models/body.js';
import { Party, PARTY_TYPES, type PartyType } from '../../models/party.js';
import { Strategy, StrategyVersion, type VersionDoc } from '../../models/strategy.js';
import { STANCES } from '../../models/feedback.js';
import { audienceMembers, progressByPartyType, progressLine } from '../../src/audience.js';
import { bodyName, partyTypeLabel } from '../../src/directory.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import type { CleanValues } from '../../src/forms.js';
import { canAdminister, require } from '../../src/permissions.js';
import { progress as partnerProgress, sendOut } from '../partner/service.js';
import { progressButtons, progressElements } from '../partner/views.js';
import { action, openFormAction } from '../../src/payload.js';
import { formatDate, formatDateTime, toInputDateTime } from '../../src/time.js';
import type { Button, Element, Form, Lang, Reply } from '../../src/ui.js';
import {
  EXPORT_KIND,
  closeVersion,
  findVersion,
  loadVersion,
  openFeedback,
  recordDecision,
  StrategyError,
  summarize,
  audienceOf,
  type SectionSummary,
  type StanceCounts,
  type VersionSummary,
} from './service.js';
import { t } from './texts.js';
import { BLOCK_CHARS, D, errorText, stanceLabel } from './walk.js';
import { splitText } from './markdown.js';

export const ANCHOR_KIND = 'strategy-version';
const vid = (v: VersionDoc) => String(v._id);
const priv = (text: string): Reply => ({ text, visibility: 'private' });

export function countsText(c: StanceCounts, lang: Lang): string {
  return STANCES.map((s) => `${stanceLabel(s, lang)} ${c[s]}`).join(' · ');
}

function stateText(v: VersionDoc, lang: Lang): string {
  if (v.state === 'open') return t(lang, 'state_open', { date: v.deadline ? formatDateTime(v.deadline, lang) : '' });
  return t(lang, v.state === 'closed' ? 'state_closed' : 'state_draft');
}

// ───────────────────────── the list ─────────────────────────

export async function showList(ctx: DialogContext): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const { lang } = ctx;
  const strategies = await Strategy.find({ community: ctx.community._id }).sort({ createdAt: -1 }).limit(5);
  const elements: Element[] = [{ type: 'section', text: `*${t(lang, 'listTitle')}*` }];
  if (!strategies.length) elements.push({ type: 'section', text: t(lang, 'listEmpty') });
  for (const s of strategies) {
    const versions = await StrategyVersion.find({ strategy: s._id }).sort({ number: -1 }).limit(3);
    const lines = versions.map((v) => `• ${v.label}: ${stateText(v, lang)}`);
    elements.push({ type: 'section', text: `*${s.title}*${s.demo && !/demo/i.test(s.title) ? ` (${t(lang, 'demoMark')})` : ''}\n${lines.join('\n')}` });
    elements.push({ type: 'buttons', buttons: versions.map((v) => ({ label: t(lang, 'overviewButton', { label: v.label }), action: action(D, 'ov', { v: vid(v) }) })) });
  }
  elements.push({ type: 'buttons', buttons: [{ label: t(lang, 'loadButton'), action: openFormAction(loadForm(lang, null)) }] });
  return { replies: [{ text: t(lang, 'listTitle'), elements, visibility: 'private' }] };
}

// ───────────────────────── loading ─────────────────────────

export function loadForm(lang: Lang, strategy: { id: string; title: string } | null): Form {
  const fields: Form['fields'] = [];
  if (!strategy) fields.push({ id: 'title', label: t(lang, 'loadTitleField'), kind: 'text', required: true, maxLength: 160 });
  fields.push(
    { id: 'label', label: t(lang, 'loadLabel'), kind: 'text', required: true, maxLength: 60, hint: t(lang, 'loadLabelHint') },
    { id: 'markdown', label: t(lang, 'loadMarkdown'), kind: 'longtext', required: true, maxLength: 20000 },
  );
  return {
    id: 'load',
    title: strategy ? t(lang, 'loadNewVersionTitle', { title: strategy.title }).slice(0, 120) : t(lang, 'loadTitle'),
    submitLabel: t(lang, 'loadSave'),
    intro: t(lang, 'loadIntro'),
    action: strategy ? action(D, 'load', { st: strategy.id }) : action(D, 'load'),
    fields,
  };
}

export async function loadFormFor(ctx: DialogContext, st: unknown): Promise<Form> {
  if (typeof st === 'string' && /^[0-9a-f]{24}$/.test(st)) {
    const s = await Strategy.findOne({ _id: st, community: ctx.community._id });
    if (s) return loadForm(ctx.lang, { id: String(s._id), title: s.title });
  }
  return loadForm(ctx.lang, null);
}

/** «Since Utkast 1: changed A; new B; unchanged C; removed D.» */
export function changesText(lang: Lang, prevLabel: string, r: { changed: string[]; added: string[]; unchanged: string[]; removed: string[] }): string {
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : t(lang, 'none'));
  return t(lang, 'loadedChanges', { label: prevLabel, changed: list(r.changed), added: list(r.added), unchanged: list(r.unchanged), removed: list(r.removed) });
}

export async function submitLoad(ctx: DialogContext, values: CleanValues, st: unknown): Promise<StepResult> {
  require(canAdminister(ctx.member));
  try {
    const r = await loadVersion({
      community: ctx.community._id,
      strategy: typeof st === 'string' ? st : null,
      title: typeof values.title === 'string' ? values.title : null,
      label: String(values.label),
      markdown: String(values.markdown),
      actor: ctx.member._id,
    });
    const v = r.version;
    const lines = [t(ctx.lang, 'loaded', { title: v.title, label: v.label, count: v.sections.length })];
    if (v.previous) {
      const prev = await StrategyVersion.findById(v.previous);
      lines.push(changesText(ctx.lang, prev?.label ?? '', r));
    }
    return overview(ctx, v, lines);
  } catch (e) {
    if (!(e instanceof StrategyError)) throw e;
    const field = e.code === 'no_title' ? 'title' : e.code === 'not_found' ? '_form' : 'markdown';
    return { replies: [], errors: { [field]: errorText(ctx.lang, null, e) } };
  }
}

// ───────────────────────── opening a period ─────────────────────────

export async function openForm(ctx: Pick<DialogContext, 'lang' | 'community'>, v: VersionDoc): Promise<Form> {
  const { lang } = ctx;
  const bodies = await Body.find({ community: ctx.community._id, kind: { $ne: 'secretariat' } }).sort({ createdAt: 1 });
  const form: Form = {
    id: 'open',
    title: t(lang, 'openTitle', { label: v.label }).slice(0, 120),
    submitLabel: t(lang, 'openSave'),
    action: action(D, 'open', { v: vid(v) }),
    fields: [
      { id: 'bodies', label: t(lang, 'openBodies'), kind: 'multichoice', options: bodies.map((b) => ({ value: b.key, label: bodyName(b, lang) })) },
      {
        id: 'types',
        label: t(lang, 'openTypes'),
        kind: 'multichoice',
        options: PARTY_TYPES.filter((p) => p !== 'secretariat').map((p) => ({ value: p, label: partyTypeLabel(p, lang) })),
      },
      { id: 'deadline', label: t(lang, 'openDeadline'), kind: 'datetime', required: true },
      { id: 'reminder', label: t(lang, 'openReminder'), kind: 'datetime', hint: t(lang, 'openReminderHint') },
    ],
  };
  if (v.state !== 'draft' && v.deadline) {
    const keys = new Set((v.audience?.bodies ?? []).map(String));
    form.values = {
      bodies: bodies.filter((b) => keys.has(String(b._id))).map((b) => b.key),
      types: [...(v.audience?.partyTypes ?? [])],
      deadline: toInputDateTime(v.deadline),
    };
  }
  return form;
}

export async function submitOpen(ctx: DialogContext, v: VersionDoc | null, values: CleanValues): Promise<StepResult> {
  require(canAdminister(ctx.member));
  if (!v) return { replies: [], errors: { _form: t(ctx.lang, 'errUnknownVersion') } };
  const keys = (values.bodies as string[] | undefined) ?? [];
  const bodies = await Body.find({ community: ctx.community._id, key: { $in: keys } });
  const types = ((values.types as string[] | undefined) ?? []) as PartyType[];
  const deadline = values.deadline as Date;
  const reminder = values.reminder instanceof Date ? values.reminder : null;
  if (reminder && reminder.getTime() >= deadline.getTime()) return { replies: [], errors: { reminder: t(ctx.lang, 'errDeadlinePast') } };
  try {
    const fresh = await openFeedback(ctx.services, v, {
      bodies: bodies.map((b) => b._id),
      partyTypes: types,
      deadline,
      reminders: reminder ? [reminder] : undefined,
      actor: ctx.member._id,
    });
    const members = await audienceMembers(ctx.community._id, audienceOf(fresh));
    const reminders = fresh.reminders.length ? (fresh.reminders as unknown as Date[]).map((d) => formatDateTime(d, ctx.lang)).join(', ') : t(ctx.lang, 'noReminders');
    const line = t(ctx.lang, 'opened', { label: fresh.label, date: formatDateTime(deadline, ctx.lang), members: members.length, reminders });
    return overview(ctx, fresh, [line]);
  } catch (e) {
    if (!(e instanceof StrategyError)) throw e;
    const field = e.code === 'deadline_past' ? 'deadline' : '_form';
    return { replies: [], errors: { [field]: errorText(ctx.lang, v, e) } };
  }
}

export async function closeNow(ctx: DialogContext, v: VersionDoc): Promise<StepResult> {
  require(canAdminister(ctx.member));
  await closeVersion(ctx.services, v, ctx.member._id);
  await ctx.services.scheduler.cancel('samla:strategy:close', `strategy:${vid(v)}:close`);
  return overview(ctx, (await StrategyVersion.findById(v._id))!, [t(ctx.lang, 'closed', { label: v.label })]);
}

// ───────────────────────── the overview ─────────────────────────

function sectionLine(s: SectionSummary, i: number, lang: Lang): string {
  const comments = s.entries.filter((e) => e.comment).length;
  const proposals = s.entries.filter((e) => e.proposal).length;
  return `${i + 1}. *${s.heading}* — ${countsText(s.counts, lang)} · ${t(lang, 'comments', { count: comments })} · ${t(lang, 'proposals', { count: proposals })}`;
}

export function progressLines(sum: VersionSummary, lang: Lang): string[] {
  return progressByPartyType(sum.parties, sum.responded, lang).map((p) => progressLine(p, lang));
}

async function decisionLines(v: VersionDoc, lang: Lang): Promise<string[]> {
  const out: string[] = [];
  for (const d of v.decisions ?? []) {
    const body = d.body ? await Body.findById(d.body) : null;
    const line = t(lang, d.kind === 'approved' ? 'approved' : 'endorsed', { body: body ? bodyName(body, lang) : '—', date: formatDate(d.date, lang) });
    out.push(`• ${line}${d.reference ? ` (${d.reference})` : ''}`);
  }
  return out;
}

export async function overview(ctx: DialogContext, v: VersionDoc, notices: string[] = []): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const { lang } = ctx;
  const sum = await summarize(v);
  const strategy = await Strategy.findById(v.strategy);
  const elements: Element[] = notices.map((n) => ({ type: 'section' as const, text: n }));
  const title = t(lang, 'overviewTitle', { title: v.title, label: v.label });
  elements.push({ type: 'section', text: `${title}${strategy?.demo && !/demo/i.test(v.title) ? ` (${t(lang, 'demoMark')})` : ''}\n${stateText(v, lang)}` });
  if (v.state !== 'draft') {
    const progress = progressLines(sum, lang);
    if (progress.length) elements.push({ type: 'section', text: progress.join('\n') });
  }
  if (v.removed?.length) elements.push({ type: 'context', text: t(lang, 'removedHead', { headings: v.removed.join(', ') }) });
  const lines = sum.sections.map((s, i) => sectionLine(s, i, lang));
  if (sum.general.length) lines.push(`*${t(lang, 'generalHead')}*: ${sum.general.length}`);
  splitText(`*${t(lang, 'sectionsHead')}*\n${lines.join('\n')}`, BLOCK_CHARS).forEach((text) => elements.push({ type: 'section', text }));
  const decisions = await decisionLines(v, lang);
  if (decisions.length) elements.push({ type: 'section', text: `*${t(lang, 'decisions')}*\n${decisions.join('\n')}` });
  const anchoring = await partnerProgress(ctx.community._id, { kind: ANCHOR_KIND, id: vid(v) });
  if (anchoring) {
    elements.push({ type: 'section', text: `*${t(lang, 'anchorHead')}*` });
    elements.push(...progressElements(anchoring, lang), ...progressButtons(anchoring, ctx.member, lang));
  }

  elements.push({
    type: 'select',
    label: t(lang, 'showSection'),
    options: v.sections.map((s, i) => ({ value: s.key, label: `${i + 1}. ${s.heading}`.slice(0, 75) })),
    action: action(D, 'sec', { v: vid(v) }),
  });
  const period: Button[] = [];
  if (v.state === 'open') {
    period.push({ label: t(lang, 'reopenButton'), action: openFormAction(await openForm(ctx, v)) });
    period.push({ label: t(lang, 'closeButton'), action: action(D, 'close', { v: vid(v) }), style: 'danger' });
  } else {
    period.push({ label: t(lang, 'openButton'), action: openFormAction(await openForm(ctx, v)), style: 'primary' });
  }
  if (sum.previous) period.push({ label: t(lang, 'compareButton', { label: sum.previous.label }), action: action(D, 'cmp', { v: vid(v) }) });
  elements.push({ type: 'buttons', buttons: period });
  elements.push({
    type: 'buttons',
    buttons: [
      { label: t(lang, 'exportCsv'), action: action(D, 'exp', { v: vid(v), f: 'csv' }) },
      { label: t(lang, 'exportXlsx'), action: action(D, 'exp', { v: vid(v), f: 'xlsx' }) },
      { label: t(lang, 'exportMd'), action: action(D, 'exp', { v: vid(v), f: 'md' }) },
    ],
  });
  const after: Button[] = [{ label: t(lang, 'decideButton'), action: openFormAction(decideForm(lang, v)) }];
  if (!anchoring && (v.decisions ?? []).some((d) => d.kind === 'endorsed')) after.push({ label: t(lang, 'anchorButton'), action: action(D, 'anchor', { v: vid(v) }) });
  if (strategy) after.push({ label: t(lang, 'newVersionButton'), action: openFormAction(loadForm(lang, { id: String(strategy._id), title: strategy.title })) });
  elements.push({ type: 'buttons', buttons: after });

  const text = [...notices, `${v.title} — ${v.label}`, ...progressLines(sum, lang)].join('\n');
  return { replies: [{ text, elements, visibility: 'private' }] };
}

/** One section in detail: stances by party type, comments and wordings with their party, and the previous version. */
export async function sectionDetail(ctx: DialogContext, v: VersionDoc, key: string): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const { lang } = ctx;
  const sum = await summarize(v);
  const i = sum.sections.findIndex((s) => s.key === key);
  const s = sum.sections[i];
  if (!s) return { replies: [priv(t(lang, 'errUnknownVersion'))] };
  const total = s.entries.filter((e) => e.stance).length;
  const elements: Element[] = [{ type: 'section', text: `*${i + 1}. ${s.heading}* — ${v.title} (${v.label})` }];
  if (sum.previous) {
    const was = sum.previous.sections.find((p) => p.key === s.key);
    elements.push({ type: 'context', text: t(lang, !was ? 'newSince' : s.changed ? 'changedSince' : 'unchangedSince', { label: sum.previous.label }) });
  }
  if (!s.entries.length) elements.push({ type: 'section', text: t(lang, 'noFeedback') });
  else {
    elements.push({ type: 'bars', bars: STANCES.map((st) => ({ label: stanceLabel(st, lang), count: s.counts[st], total })) });
    elements.push({ type: 'fields', fields: s.byType.map((b) => ({ label: partyTypeLabel(b.type, lang), value: countsText(b.counts, lang) })) });
    const lines = s.entries
      .filter((e) => e.comment || e.proposal)
      .map((e) => {
        const who = `*${e.party?.name ?? '?'}*${e.member ? ` (${e.member.name})` : ''}${e.stance ? ` — ${stanceLabel(e.stance, lang)}` : ''}`;
        const parts = [`• ${who}`];
        if (e.comment) parts.push(`  ${e.comment}`);
        if (e.proposal) parts.push(`  _${t(lang, 'proposalLabel')}:_ ${e.proposal}`);
        return parts.join('\n');
      });
    for (const piece of splitText(lines.join('\n'), BLOCK_CHARS)) if (piece) elements.push({ type: 'section', text: piece });
  }
  if (s.previous) elements.push({ type: 'context', text: t(lang, 'previousFeedback', { label: s.previous.label, counts: countsText(s.previous.counts, lang) }) });
  elements.push({ type: 'buttons', buttons: [{ label: t(lang, 'overviewButton', { label: v.label }), action: action(D, 'ov', { v: vid(v) }) }] });
  const text = `${s.heading}: ${countsText(s.counts, lang)}`;
  return { replies: [{ text, elements, visibility: 'private' }] };
}

/** Sections with the same text as in the previous version: what was said then, and now. */
export async function compare(ctx: DialogContext, v: VersionDoc): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const { lang } = ctx;
  const sum = await summarize(v);
  if (!sum.previous) return { replies: [priv(t(lang, 'errUnknownVersion'))] };
  const same = sum.sections.filter((s) => s.previous);
  const head = same.length ? t(lang, 'compareTitle', { prev: sum.previous.label, now: v.label }) : t(lang, 'compareNone', { label: sum.previous.label });
  const lines = same.map((s) => `• *${s.heading}*\n  ${s.previous!.label}: ${countsText(s.previous!.counts, lang)}\n  ${v.label}: ${countsText(s.counts, lang)}`);
  const elements: Element[] = [{ type: 'section', text: `*${head}*` }];
  for (const piece of splitText(lines.join('\n'), BLOCK_CHARS)) if (piece) elements.push({ type: 'section', text: piece });
  return { replies: [{ text: [head, ...lines].join('\n'), elements, visibility: 'private' }] };
}

export async function exportLink(ctx: DialogContext, v: VersionDoc, format: string): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const f = format === 'xlsx' || format === 'md' ? format : 'csv';
  const url = await ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: EXPORT_KIND, format: f, params: { version: vid(v) } });
  const minutes = Math.round(ctx.services.config.EXPORT_LINK_TTL_SECONDS / 60);
  const name = f === 'xlsx' ? 'Excel' : f === 'md' ? 'Markdown' : 'CSV';
  const text = t(ctx.lang, 'exportLink', { format: name, minutes });
  return { replies: [{ text, elements: [{ type: 'section', text }, { type: 'links', links: [{ label: t(ctx.lang, 'exportLabel', { format: name }), url }] }], visibility: 'private' }] };
}

// ───────────────────────── decisions and anchoring ─────────────────────────

export function decideForm(lang: Lang, v: VersionDoc): Form {
  return {
    id: 'decide',
    title: t(lang, 'decideTitle', { label: v.label }).slice(0, 120),
    submitLabel: t(lang, 'fbSave'),
    action: action(D, 'decide', { v: vid(v) }),
    fields: [
      {
        id: 'kind',
        label: t(lang, 'decideKind'),
        kind: 'choice',
        required: true,
        options: [
          { value: 'approved', label: t(lang, 'decideApproved') },
          { value: 'endorsed', label: t(lang, 'decideEndorsed') },
        ],
      },
      { id: 'date', label: t(lang, 'decideDate'), kind: 'date', required: true },
      { id: 'reference', label: t(lang, 'decideRef'), kind: 'text', maxLength: 120 },
    ],
  };
}

export async function submitDecide(ctx: DialogContext, v: VersionDoc | null, values: CleanValues): Promise<StepResult> {
  require(canAdminister(ctx.member));
  if (!v) return { replies: [], errors: { _form: t(ctx.lang, 'errUnknownVersion') } };
  const kind = values.kind === 'endorsed' ? 'endorsed' : 'approved';
  const fresh = await recordDecision(v, { kind, date: values.date as Date, reference: (values.reference as string | undefined) ?? '', actor: ctx.member._id });
  const label = t(ctx.lang, kind === 'approved' ? 'decideApproved' : 'decideEndorsed');
  return overview(ctx, fresh, [t(ctx.lang, 'decided', { decision: label })]);
}

/** After Partnerskapsmøtet: every municipality decides on the strategy itself (political anchoring). */
export async function sendForAnchoring(ctx: DialogContext, v: VersionDoc): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const municipalities = await Party.find({ community: ctx.community._id, type: 'municipality' });
  await sendOut(ctx.services, {
    community: ctx.community._id,
    subject: { kind: ANCHOR_KIND, id: vid(v), title: `${v.title} (${v.label})` },
    parties: municipalities.map((p) => p._id),
    actor: ctx.member._id,
  });
  return overview(ctx, v, [t(ctx.lang, 'anchorSent', { count: municipalities.length })]);
}

export { findVersion };
