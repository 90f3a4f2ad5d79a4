/**
 * What the secretariat sees: the list of drafts, a version's overview (progress per party type,
 * feedback per section, decisions, anchoring), one section in detail, the comparison with the
 * previous version, and an export's link. Views only: admin.ts reads the data.
 */
import type { BodyDoc } from '../../models/body.js';
import { STANCES } from '../../models/feedback.js';
import type { StrategyDoc, VersionDoc } from '../../models/strategy.js';
import { progressByPartyType, progressLine } from '../../src/audience.js';
import { bodyName, partyTypeLabel } from '../../src/directory.js';
import { action, openFormAction } from '../../src/payload.js';
import { formatDate } from '../../src/time.js';
import type { Button, Element, Lang, Reply } from '../../src/ui.js';
import { decideForm, loadForm, openFormOpener } from './form-specs.js';
import { D } from './ids.js';
import { splitText } from './markdown.js';
import { changeSince, type ExportFormat } from './rules.js';
import type { Decision } from './service.js';
import type { SectionSummary, VersionSummary } from './summary.js';
import { texts } from './texts.js';
import { BLOCK_CHARS, countsText, priv, stanceLabel, stateText, vid } from './words.js';

const demoMark = (demo: boolean | undefined, title: string, lang: Lang) => (demo && !/demo/i.test(title) ? ` (${texts(lang, 'strategy.card.demoMark')})` : '');

export function progressLines(sum: VersionSummary, lang: Lang): string[] {
  return progressByPartyType(sum.parties, sum.responded, lang).map((p) => progressLine(p, lang));
}

export function listReply(lang: Lang, strategies: { strategy: StrategyDoc; versions: VersionDoc[] }[]): Reply {
  const elements: Element[] = [{ type: 'section', text: `*${texts(lang, 'strategy.card.listTitle')}*` }];
  if (!strategies.length) elements.push({ type: 'section', text: texts(lang, 'strategy.card.listEmpty') });
  for (const { strategy: s, versions } of strategies) {
    const lines = versions.map((v) => `• ${v.label}: ${stateText(v, lang)}`);
    elements.push({ type: 'section', text: `*${s.title}*${demoMark(s.demo, s.title, lang)}\n${lines.join('\n')}` });
    elements.push({
      type: 'buttons',
      buttons: versions.map((v) => ({ label: texts(lang, 'strategy.button.overview', { label: v.label }), action: action(D, 'ov', { v: vid(v) }) })),
    });
  }
  elements.push({ type: 'buttons', buttons: [{ label: texts(lang, 'strategy.button.loadDraft'), action: openFormAction(loadForm(lang, null)) }] });
  return { text: texts(lang, 'strategy.card.listTitle'), elements, visibility: 'private' };
}

function sectionLine(s: SectionSummary, i: number, lang: Lang): string {
  const comments = s.entries.filter((e) => e.comment).length;
  const proposals = s.entries.filter((e) => e.proposal).length;
  return `${i + 1}. *${s.heading}* — ${countsText(s.counts, lang)} · ${texts(lang, 'strategy.card.comments', { count: comments })} · ${texts(lang, 'strategy.card.proposals', { count: proposals })}`;
}

function decisionLine(d: Decision & { body: BodyDoc | null }, lang: Lang): string {
  const line = texts(lang, 'strategy.card.decision', { kind: d.kind, body: d.body ? bodyName(d.body, lang) : '—', date: formatDate(d.date, lang) });
  return `• ${line}${d.reference ? ` (${d.reference})` : ''}`;
}

export interface OverviewData {
  sum: VersionSummary;
  strategy: StrategyDoc | null;
  decisions: (Decision & { body: BodyDoc | null })[];
  /** The political anchoring's progress, when the version has been sent out. */
  anchoring: Element[] | null;
  mayAnchor: boolean;
}

export function overviewReply(lang: Lang, v: VersionDoc, o: OverviewData, notices: string[]): Reply {
  const { sum, strategy } = o;
  const elements: Element[] = notices.map((n) => ({ type: 'section' as const, text: n }));
  const title = texts(lang, 'strategy.card.overviewTitle', { title: v.title, label: v.label });
  elements.push({ type: 'section', text: `${title}${demoMark(strategy?.demo, v.title, lang)}\n${stateText(v, lang)}` });
  if (v.state !== 'draft') {
    const progress = progressLines(sum, lang);
    if (progress.length) elements.push({ type: 'section', text: progress.join('\n') });
  }
  if (v.removed?.length) elements.push({ type: 'context', text: texts(lang, 'strategy.card.removed', { headings: v.removed.join(', ') }) });
  const lines = sum.sections.map((s, i) => sectionLine(s, i, lang));
  if (sum.general.length) lines.push(`*${texts(lang, 'strategy.card.generalHead')}*: ${sum.general.length}`);
  splitText(`*${texts(lang, 'strategy.card.sectionsHead')}*\n${lines.join('\n')}`, BLOCK_CHARS).forEach((text) => elements.push({ type: 'section', text }));
  if (o.decisions.length) elements.push({ type: 'section', text: `*${texts(lang, 'strategy.card.decisionsHead')}*\n${o.decisions.map((d) => decisionLine(d, lang)).join('\n')}` });
  if (o.anchoring) elements.push({ type: 'section', text: `*${texts(lang, 'strategy.card.anchorHead')}*` }, ...o.anchoring);

  elements.push({
    type: 'select',
    label: texts(lang, 'strategy.button.showSection'),
    options: v.sections.map((s, i) => ({ value: s.key, label: `${i + 1}. ${s.heading}`.slice(0, 75) })),
    action: action(D, 'sec', { v: vid(v) }),
  });
  const period: Button[] = [];
  if (v.state === 'open') {
    period.push({ label: texts(lang, 'strategy.button.reopen'), action: openFormOpener(v) });
    period.push({ label: texts(lang, 'strategy.button.close'), action: action(D, 'close', { v: vid(v) }), style: 'danger' });
  } else {
    period.push({ label: texts(lang, 'strategy.button.open'), action: openFormOpener(v), style: 'primary' });
  }
  if (sum.previous) period.push({ label: texts(lang, 'strategy.button.compare', { label: sum.previous.label }), action: action(D, 'cmp', { v: vid(v) }) });
  elements.push({ type: 'buttons', buttons: period });
  elements.push({
    type: 'buttons',
    buttons: [
      { label: texts(lang, 'strategy.button.exportCsv'), action: action(D, 'exp', { v: vid(v), f: 'csv' }) },
      { label: texts(lang, 'strategy.button.exportXlsx'), action: action(D, 'exp', { v: vid(v), f: 'xlsx' }) },
      { label: texts(lang, 'strategy.button.exportMd'), action: action(D, 'exp', { v: vid(v), f: 'md' }) },
      { label: texts(lang, 'strategy.button.exportDocx'), action: action(D, 'exp', { v: vid(v), f: 'docx' }) },
    ],
  });
  const after: Button[] = [{ label: texts(lang, 'strategy.button.decide'), action: openFormAction(decideForm(lang, v)) }];
  if (o.mayAnchor) after.push({ label: texts(lang, 'strategy.button.anchor'), action: action(D, 'anchor', { v: vid(v) }) });
  if (strategy) after.push({ label: texts(lang, 'strategy.button.newVersion'), action: openFormAction(loadForm(lang, { id: String(strategy._id), title: strategy.title })) });
  elements.push({ type: 'buttons', buttons: after });

  const text = [...notices, `${v.title} — ${v.label}`, ...progressLines(sum, lang)].join('\n');
  return { text, elements, visibility: 'private' };
}

/** One section in detail: stances by party type, comments and wordings with their party, and the previous version. */
export function sectionDetailReply(lang: Lang, v: VersionDoc, sum: VersionSummary, key: string): Reply {
  const i = sum.sections.findIndex((s) => s.key === key);
  const s = sum.sections[i];
  if (!s) return priv(texts(lang, 'strategy.error.unknownVersion'));
  const total = s.entries.filter((e) => e.stance).length;
  const elements: Element[] = [{ type: 'section', text: `*${i + 1}. ${s.heading}* — ${v.title} (${v.label})` }];
  if (sum.previous) elements.push({ type: 'context', text: texts(lang, 'strategy.card.change', { change: changeSince(sum.previous, s), label: sum.previous.label }) });
  if (!s.entries.length) elements.push({ type: 'section', text: texts(lang, 'strategy.card.noFeedback') });
  else {
    elements.push({ type: 'bars', bars: STANCES.map((st) => ({ label: stanceLabel(st, lang), count: s.counts[st], total })) });
    elements.push({ type: 'fields', fields: s.byType.map((b) => ({ label: partyTypeLabel(b.type, lang), value: countsText(b.counts, lang) })) });
    const lines = s.entries
      .filter((e) => e.comment || e.proposal)
      .map((e) => {
        const who = `*${e.party?.name ?? '?'}*${e.member ? ` (${e.member.name})` : ''}${e.stance ? ` — ${stanceLabel(e.stance, lang)}` : ''}`;
        const parts = [`• ${who}`];
        if (e.comment) parts.push(`  ${e.comment}`);
        if (e.proposal) parts.push(`  _${texts(lang, 'strategy.card.proposal')}:_ ${e.proposal}`);
        return parts.join('\n');
      });
    for (const piece of splitText(lines.join('\n'), BLOCK_CHARS)) if (piece) elements.push({ type: 'section', text: piece });
  }
  if (s.previous) elements.push({ type: 'context', text: texts(lang, 'strategy.card.previousFeedback', { label: s.previous.label, counts: countsText(s.previous.counts, lang) }) });
  elements.push({ type: 'buttons', buttons: [{ label: texts(lang, 'strategy.button.overview', { label: v.label }), action: action(D, 'ov', { v: vid(v) }) }] });
  return { text: `${s.heading}: ${countsText(s.counts, lang)}`, elements, visibility: 'private' };
}

/** Sections with the same text as in the previous version: what was said then, and now. */
export function compareReply(lang: Lang, v: VersionDoc, sum: VersionSummary): Reply {
  if (!sum.previous) return priv(texts(lang, 'strategy.error.unknownVersion'));
  const same = sum.sections.filter((s) => s.previous);
  const head = same.length
    ? texts(lang, 'strategy.card.compareTitle', { prev: sum.previous.label, now: v.label })
    : texts(lang, 'strategy.card.compareNone', { label: sum.previous.label });
  const lines = same.map((s) => `• *${s.heading}*\n  ${s.previous!.label}: ${countsText(s.previous!.counts, lang)}\n  ${v.label}: ${countsText(s.counts, lang)}`);
  const elements: Element[] = [{ type: 'section', text: `*${head}*` }];
  for (const piece of splitText(lines.join('\n'), BLOCK_CHARS)) if (piece) elements.push({ type: 'section', text: piece });
  return { text: [head, ...lines].join('\n'), elements, visibility: 'private' };
}

export function exportReply(lang: Lang, format: ExportFormat, url: string, minutes: number): Reply {
  const name = { csv: 'CSV', xlsx: 'Excel', md: 'Markdown', docx: 'Word' }[format];
  const text = texts(lang, 'strategy.reply.exportLink', { format: name, minutes });
  return {
    text,
    elements: [
      { type: 'section', text },
      { type: 'links', links: [{ label: texts(lang, 'strategy.button.download', { format: name }), url }] },
    ],
    visibility: 'private',
  };
}
