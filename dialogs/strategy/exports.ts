/**
 * Exports of a version's feedback: every row as CSV/XLSX, and a readable Markdown report ordered
 * by section (stances by party type, comments and wordings with their party, the previous
 * version's feedback on unchanged sections, which parties responded) — and the same report as a
 * Word document (document.ts); all in the language of the member the link was made for.
 */
import type { Types } from 'mongoose';
import { STANCES } from '../../models/feedback.js';
import type { PartyType } from '../../models/party.js';
import { partyTypeLabel } from '../../src/directory.js';
import type { ExportSource, Row, Table } from '../../src/exports.js';
import { progressByPartyType, progressLine } from '../../src/audience.js';
import { formatDateTime } from '../../src/time.js';
import type { Lang } from '../../src/ui.js';
import { strategyReport } from './document.js';
import { EXPORT_KIND } from './ids.js';
import { findVersion } from './service.js';
import { summarize, type FeedbackEntry } from './summary.js';
import { texts } from './texts.js';
import { stanceLabel } from './words.js';

type Id = Types.ObjectId | string;
const COLUMNS = ['no', 'section', 'changed', 'party', 'partyType', 'member', 'stance', 'comment', 'proposal', 'updatedAt'] as const;

function filename(title: string, label: string): string {
  return `strategi-${title}-${label}`
    .toLowerCase()
    .replace(/[^a-z0-9æøå]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

async function table(community: Id, params: Record<string, string>, lang: Lang): Promise<Table | null> {
  const v = await findVersion(community, params.version);
  if (!v) return null;
  const sum = await summarize(v);
  const rows: Row[] = [];
  const add = (no: number | string, heading: string, changed: string, e: FeedbackEntry) =>
    rows.push({
      no,
      section: heading,
      changed,
      party: e.party?.name ?? '',
      partyType: e.party ? partyTypeLabel(e.party.type as PartyType, lang) : '',
      member: e.member?.name ?? '',
      stance: e.stance ? stanceLabel(e.stance, lang) : '',
      comment: e.comment,
      proposal: e.proposal,
      updatedAt: e.updatedAt,
    });
  sum.sections.forEach((s, i) => s.entries.forEach((e) => add(i + 1, s.heading, texts(lang, 'strategy.export.changed', { changed: s.changed ? 'yes' : 'no' }), e)));
  sum.general.forEach((e) => add('', texts(lang, 'strategy.export.generalRow'), '', e));
  return {
    filename: filename(v.title, v.label),
    columns: COLUMNS.map((key) => ({ key, header: texts(lang, `strategy.export.column.${key}`) })),
    rows,
  };
}

const quote = (s: string) =>
  s
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
const counts = (c: Record<string, number>, lang: Lang) => STANCES.map((s) => `${stanceLabel(s, lang)}: ${c[s]}`).join(' · ');

async function markdown(community: Id, params: Record<string, string>, lang: Lang): Promise<{ filename: string; text: string } | null> {
  const v = await findVersion(community, params.version);
  if (!v) return null;
  const sum = await summarize(v);
  const out: string[] = [`# ${v.title} — ${v.label}`, ''];
  out.push(texts(lang, 'strategy.export.exported', { date: formatDateTime(new Date(), lang) }));
  if (v.deadline) out.push(texts(lang, 'strategy.export.deadline', { date: formatDateTime(v.deadline, lang) }));
  out.push('', `## ${texts(lang, 'strategy.export.respondedHead')}`, '');
  for (const p of progressByPartyType(sum.parties, sum.responded, lang)) out.push(`- ${progressLine(p, lang)}`);
  sum.sections.forEach((s, i) => {
    out.push('', `## ${i + 1}. ${s.heading}`, '');
    if (sum.previous) out.push(`_${texts(lang, 'strategy.card.change', { change: s.changed ? 'changed' : 'unchanged', label: sum.previous.label })}_`, '');
    if (!s.entries.length) {
      out.push(texts(lang, 'strategy.card.noFeedback'));
    } else {
      out.push(
        `**${texts(lang, 'strategy.export.column.stance')}:** ${counts(s.counts, lang)}`,
        '',
        `| ${texts(lang, 'strategy.export.column.partyType')} | ` + STANCES.map((st) => stanceLabel(st, lang)).join(' | ') + ' |',
        '|---|' + STANCES.map(() => '---:').join('|') + '|',
      );
      for (const b of s.byType) out.push(`| ${partyTypeLabel(b.type, lang)} | ${STANCES.map((st) => b.counts[st]).join(' | ')} |`);
      for (const e of s.entries.filter((x) => x.comment || x.proposal)) {
        out.push('', `### ${e.party?.name ?? '?'}${e.member ? ` (${e.member.name})` : ''}${e.stance ? ` — ${stanceLabel(e.stance, lang)}` : ''}`, '');
        if (e.comment) out.push(e.comment, '');
        if (e.proposal) out.push(`**${texts(lang, 'strategy.card.proposal')}:**`, '', quote(e.proposal), '');
      }
    }
    if (s.previous) out.push('', `_${texts(lang, 'strategy.card.previousFeedback', { label: s.previous.label, counts: counts(s.previous.counts, lang) })}_`);
  });
  if (sum.general.length) {
    out.push('', `## ${texts(lang, 'strategy.card.generalHead')}`, '');
    for (const e of sum.general) out.push(`### ${e.party?.name ?? '?'}${e.member ? ` (${e.member.name})` : ''}`, '', e.comment, '');
  }
  return { filename: filename(v.title, v.label), text: `${out.join('\n').trim()}\n` };
}

export function strategyExports(): Record<string, ExportSource> {
  return { [EXPORT_KIND]: { table, markdown, document: strategyReport } };
}
