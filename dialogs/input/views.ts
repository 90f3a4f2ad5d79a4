/** The secretariat's views of a round: its status card and its summary with the export links. */
import type { PartyType } from '../../models/party.js';
import type { RoundDoc } from '../../models/round.js';
import { progressLine } from '../../src/audience.js';
import type { DialogContext } from '../../src/dialog.js';
import { partyTypeLabel } from '../../src/directory.js';
import { action } from '../../src/payload.js';
import { formatDateTime, formatShort } from '../../src/time.js';
import type { Button, Element, Reply } from '../../src/ui.js';
import { EXPORT_KIND } from './exports.js';
import { DIALOG, groupLabel } from './forms.js';
import { isOpenNow, roundProgress, roundSummary } from './service.js';
import { t } from './texts.js';

type Ctx = Pick<DialogContext, 'lang' | 'community' | 'member' | 'services'>;

export function stateOf(ctx: Pick<Ctx, 'lang'>, r: RoundDoc): string {
  const lang = ctx.lang;
  if (r.status === 'scheduled') return t(lang, 'state_scheduled', { opens: formatDateTime(r.opensAt, lang), deadline: formatDateTime(r.deadline, lang) });
  if (!isOpenNow(r)) return t(lang, 'state_closed', { closed: formatShort(r.closedAt ?? r.deadline, lang) });
  return t(lang, 'state_open', { deadline: formatDateTime(r.deadline, lang) });
}

/** Status of one round: progress by party type ("Kommunar: 11 av 17 har svart — manglar: …") and what to do next. */
export async function roundCard(ctx: Pick<Ctx, 'lang'>, round: RoundDoc, headline?: 'closed' | 'closedAtDeadline'): Promise<Reply> {
  const lang = ctx.lang;
  const p = await roundProgress(round, lang);
  const r = String(round._id);
  const head = t(lang, 'statusHead', { title: round.title, no: round.no, state: stateOf(ctx, round) });
  const total = t(lang, 'progressTotal', { answered: p.answered.size, total: p.parties.length, count: p.contributions });
  const lines = p.byType.map((x) => progressLine(x, lang));
  const buttons: Button[] = [];
  if (isOpenNow(round)) {
    buttons.push({ label: t(lang, 'btnRemind'), action: action(DIALOG, 'remind', { r }), style: 'primary' });
    buttons.push({ label: t(lang, 'btnSummary'), action: action(DIALOG, 'summary', { r }) });
    buttons.push({ label: t(lang, 'btnExtend'), action: action(DIALOG, 'deadline', { r }) });
    buttons.push({ label: t(lang, 'btnClose'), action: action(DIALOG, 'close', { r }), style: 'danger' });
  } else if (round.status === 'scheduled') {
    buttons.push({ label: t(lang, 'btnExtend'), action: action(DIALOG, 'deadline', { r }) });
    buttons.push({ label: t(lang, 'btnClose'), action: action(DIALOG, 'close', { r }), style: 'danger' });
  } else {
    buttons.push({ label: t(lang, 'btnSummary'), action: action(DIALOG, 'summary', { r }), style: 'primary' });
    buttons.push({ label: t(lang, 'btnReopen'), action: action(DIALOG, 'deadline', { r }) });
  }
  const elements: Element[] = [];
  if (headline) {
    elements.push({ type: 'section', text: t(lang, headline, { title: round.title, count: p.contributions, answered: p.answered.size, total: p.parties.length }) });
  }
  elements.push(
    { type: 'section', text: head },
    { type: 'section', text: total },
    { type: 'bars', bars: p.byType.map((x) => ({ label: x.label, count: x.answered, total: x.total })) },
    { type: 'section', text: lines.join('\n') },
    { type: 'buttons', buttons },
  );
  return { text: [head.replace(/\*/g, ''), total, ...lines].join('\n'), elements, visibility: 'private' };
}

/** The summary: counts by party type, theme and priority group, and the export links. */
export async function summaryCard(ctx: Ctx, round: RoundDoc): Promise<Reply> {
  const lang = ctx.lang;
  const s = await roundSummary(round);
  const p = await roundProgress(round, lang);
  const head = t(lang, 'summaryHead', { title: round.title, count: s.contributions, answered: p.answered.size, total: p.parties.length });
  const elements: Element[] = [{ type: 'section', text: `*${head}*` }];
  const text: string[] = [head];
  if (!s.contributions) {
    elements.push({ type: 'context', text: t(lang, 'nothingYet') });
    return { text: head, elements, visibility: 'private' };
  }
  const block = (title: string, entries: [string, number][]) => {
    if (!entries.length) return;
    elements.push({ type: 'section', text: `*${title}*` }, { type: 'bars', bars: entries.map(([label, count]) => ({ label, count, total: s.contributions })) });
    text.push(`${title}: ${entries.map(([l, c]) => `${l} ${c}`).join(', ')}`);
  };
  block(t(lang, 'byPartyType'), [...s.byPartyType].map(([type, n]) => [partyTypeLabel(type as PartyType, lang), n]));
  block(t(lang, 'byTheme'), round.themes.filter((th) => s.byTheme.has(th)).map((th) => [th, s.byTheme.get(th)!]));
  block(t(lang, 'byGroup'), [...s.byGroup].map(([g, n]) => [groupLabel(g, lang), n]));
  const link = (format: 'csv' | 'xlsx') =>
    ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: EXPORT_KIND, format, params: { round: String(round._id), lang } });
  const exportText = t(lang, 'exportLine', { minutes: Math.round(ctx.services.config.EXPORT_LINK_TTL_SECONDS / 60) });
  elements.push({ type: 'divider' }, { type: 'section', text: exportText }, { type: 'links', links: [{ label: 'CSV', url: await link('csv') }, { label: 'Excel', url: await link('xlsx') }] });
  text.push(exportText);
  return { text: text.join('\n'), elements, visibility: 'private' };
}
