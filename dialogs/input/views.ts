/** The secretariat's views of rounds: the overview, a round's status card and summary, and the free input. */
import type { PartyType } from '../../models/party.js';
import type { RoundDoc } from '../../models/round.js';
import { progressLine } from '../../src/audience.js';
import type { DialogContext } from '../../src/dialog.js';
import { partyTypeLabel } from '../../src/directory.js';
import { action } from '../../src/payload.js';
import { formatDateTime, formatShort } from '../../src/time.js';
import type { Button, Element, Lang, Reply } from '../../src/ui.js';
import type { FreeItem } from './contributions.js';
import { EXPORT_KIND, FREE_EXPORT_KIND } from './exports.js';
import { DIALOG } from './ids.js';
import { roundProgress, roundSummary } from './progress.js';
import { priv } from './replies.js';
import { phaseOf, roundSteps, type RoundStep } from './rules.js';
import { groupLabel } from './labels.js';
import { texts } from './texts.js';

type Ctx = Pick<DialogContext, 'lang' | 'community' | 'member' | 'services'>;

export function stateOf(ctx: Pick<Ctx, 'lang'>, r: RoundDoc): string {
  const lang = ctx.lang;
  const phase = phaseOf(r);
  if (phase === 'scheduled') return texts(lang, 'input.state.scheduled', { opens: formatDateTime(r.opensAt, lang), deadline: formatDateTime(r.deadline, lang) });
  if (phase === 'closed') return texts(lang, 'input.state.closed', { closed: formatShort(r.closedAt ?? r.deadline, lang) });
  return texts(lang, 'input.state.open', { deadline: formatDateTime(r.deadline, lang) });
}

const statusButton = (lang: Lang, round: RoundDoc): Button => ({ label: texts(lang, 'input.button.status'), action: action(DIALOG, 'status', { r: String(round._id) }) });

/** A round's steps as buttons: in a closed round the summary comes first and the deadline reopens. */
function stepButton(lang: Lang, round: RoundDoc, step: RoundStep): Button {
  const r = String(round._id);
  const closed = phaseOf(round) === 'closed';
  if (step === 'remind') return { label: texts(lang, 'input.button.remind'), action: action(DIALOG, 'remind', { r }), style: 'primary' };
  if (step === 'summary') return { label: texts(lang, 'input.button.summary'), action: action(DIALOG, 'summary', { r }), ...(closed ? { style: 'primary' as const } : {}) };
  if (step === 'deadline') return { label: texts(lang, closed ? 'input.button.reopen' : 'input.button.deadline'), action: action(DIALOG, 'deadline', { r }) };
  return { label: texts(lang, 'input.button.close'), action: action(DIALOG, 'close', { r }), style: 'danger' };
}

/** Status of one round: progress by party type ("Kommunar: 11 av 17 har svart — manglar: …") and what to do next. */
export async function roundCard(ctx: Pick<Ctx, 'lang'>, round: RoundDoc, headline?: 'closed' | 'closedAtDeadline'): Promise<Reply> {
  const lang = ctx.lang;
  const p = await roundProgress(round, lang);
  const head = texts(lang, 'input.card.head', { title: round.title, no: round.no, state: stateOf(ctx, round) });
  const total = texts(lang, 'input.card.progress', { answered: p.answered.size, total: p.parties.length, count: p.contributions });
  const lines = p.byType.map((x) => progressLine(x, lang));
  const buttons = roundSteps(phaseOf(round)).map((step) => stepButton(lang, round, step));
  const elements: Element[] = [];
  if (headline) {
    elements.push({
      type: 'section',
      text: texts(lang, headline === 'closed' ? 'input.card.closed' : 'input.card.closedAtDeadline', {
        title: round.title,
        count: p.contributions,
        answered: p.answered.size,
        total: p.parties.length,
      }),
    });
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
  const head = texts(lang, 'input.card.summary', { title: round.title, count: s.contributions, answered: p.answered.size, total: p.parties.length });
  const elements: Element[] = [{ type: 'section', text: `*${head}*` }];
  const text: string[] = [head];
  if (!s.contributions) {
    elements.push({ type: 'context', text: texts(lang, 'input.card.nothingYet') });
    return { text: head, elements, visibility: 'private' };
  }
  const block = (title: string, entries: [string, number][]) => {
    if (!entries.length) return;
    elements.push({ type: 'section', text: `*${title}*` }, { type: 'bars', bars: entries.map(([label, count]) => ({ label, count, total: s.contributions })) });
    text.push(`${title}: ${entries.map(([l, c]) => `${l} ${c}`).join(', ')}`);
  };
  block(
    texts(lang, 'input.card.byPartyType'),
    [...s.byPartyType].map(([type, n]) => [partyTypeLabel(type as PartyType, lang), n]),
  );
  block(
    texts(lang, 'input.card.byTheme'),
    round.themes.filter((th) => s.byTheme.has(th)).map((th) => [th, s.byTheme.get(th)!]),
  );
  block(
    texts(lang, 'input.card.byGroup'),
    [...s.byGroup].map(([g, n]) => [groupLabel(g, lang), n]),
  );
  const link = (format: 'csv' | 'xlsx' | 'docx') =>
    ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: EXPORT_KIND, format, params: { round: String(round._id) } });
  const exportText = texts(lang, 'input.export.roundLinks', { minutes: Math.round(ctx.services.config.EXPORT_LINK_TTL_SECONDS / 60) });
  elements.push(
    { type: 'divider' },
    { type: 'section', text: exportText },
    {
      type: 'links',
      links: [
        { label: 'CSV', url: await link('csv') },
        { label: 'Excel', url: await link('xlsx') },
        { label: 'Word', url: await link('docx') },
      ],
    },
  );
  text.push(exportText);
  return { text: text.join('\n'), elements, visibility: 'private' };
}

/** The newest rounds with their state, the way to each one's status, and «new». */
export function overviewReply(ctx: Pick<Ctx, 'lang'>, rounds: RoundDoc[]): Reply {
  const lang = ctx.lang;
  const newButton = { type: 'buttons' as const, buttons: [{ label: texts(lang, 'input.button.new'), action: action(DIALOG, 'new'), style: 'primary' as const }] };
  if (!rounds.length) return priv(texts(lang, 'input.reply.noRounds'), { type: 'section', text: texts(lang, 'input.reply.noRounds') }, newButton);
  const elements: Element[] = [{ type: 'section', text: `*${texts(lang, 'input.card.overview')}*` }];
  for (const r of rounds) elements.push({ type: 'section', text: `${r.no}. *${r.title}* — ${stateOf(ctx, r)}` });
  elements.push({
    type: 'buttons',
    buttons: rounds.slice(0, 4).map((r) => ({ label: texts(lang, 'input.button.statusOf', { no: r.no }), action: action(DIALOG, 'status', { r: String(r._id) }) })),
  });
  elements.push(newButton, { type: 'context', text: texts(lang, 'input.help.usage') });
  return priv(texts(lang, 'input.card.overview'), ...elements);
}

/** A round opened (or scheduled to open): whom it reaches, and the way to its status. */
export function openedReply(lang: Lang, r: { round: RoundDoc; members: number; parties: number }): Reply {
  const vars = {
    no: r.round.no,
    title: r.round.title,
    members: r.members,
    parties: r.parties,
    deadline: formatDateTime(r.round.deadline, lang),
    opens: formatDateTime(r.round.opensAt, lang),
  };
  const text = texts(lang, r.round.status === 'open' ? 'input.reply.opened' : 'input.reply.scheduled', vars);
  return priv(text, { type: 'section', text }, { type: 'buttons', buttons: [statusButton(lang, r.round)] });
}

export function deadlineSavedReply(lang: Lang, round: RoundDoc, deadline: Date, reopened: boolean): Reply {
  const text = texts(lang, reopened ? 'input.reply.reopened' : 'input.reply.deadlineSaved', { title: round.title, deadline: formatDateTime(deadline, lang) });
  return priv(text, { type: 'section', text }, { type: 'buttons', buttons: [statusButton(lang, round)] });
}

export function confirmCloseReply(lang: Lang, round: RoundDoc): Reply {
  const text = texts(lang, 'input.reply.confirmClose', { title: round.title });
  return priv(
    text,
    { type: 'section', text },
    {
      type: 'buttons',
      buttons: [{ label: texts(lang, 'input.button.confirmClose'), action: action(DIALOG, 'close-yes', { r: String(round._id) }), style: 'danger' }],
    },
  );
}

/** The newest free input, and the export links that hold all of it (for reading or sorting in a sheet). */
export async function freeListReply(ctx: Ctx, items: FreeItem[]): Promise<Reply> {
  const lang = ctx.lang;
  const lines = items.map((x) =>
    texts(lang, 'input.card.freeItem', {
      time: formatShort(x.contribution.createdAt, lang),
      author: x.author,
      party: x.party,
      body: x.body,
      text: x.contribution.text.length > 300 ? `${x.contribution.text.slice(0, 297)}…` : x.contribution.text,
    }),
  );
  const link = (format: 'csv' | 'xlsx') => ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: FREE_EXPORT_KIND, format });
  const exportText = texts(lang, 'input.export.freeLinks', { minutes: Math.round(ctx.services.config.EXPORT_LINK_TTL_SECONDS / 60) });
  const exportLinks = {
    type: 'links' as const,
    links: [
      { label: 'CSV', url: await link('csv') },
      { label: 'Excel', url: await link('xlsx') },
    ],
  };
  return priv(
    [texts(lang, 'input.card.freeHead'), ...lines, exportText].join('\n'),
    { type: 'section', text: `*${texts(lang, 'input.card.freeHead')}*` },
    ...lines.map((l) => ({ type: 'section' as const, text: l })),
    { type: 'divider' },
    { type: 'section', text: exportText },
    exportLinks,
  );
}

/** The secretariat's part of the dashboard: each open round's progress, and recent free input. */
export function secretariatStatus(lang: Lang, rounds: { round: RoundDoc; answered: number; total: number }[], free: number): Element[] {
  const elements: Element[] = [];
  for (const { round, answered, total } of rounds) {
    elements.push({ type: 'section', text: texts(lang, 'input.status.secretariat', { title: round.title, answered, total, deadline: formatShort(round.deadline, lang) }) });
    elements.push({ type: 'buttons', buttons: [statusButton(lang, round)] });
  }
  if (free) elements.push({ type: 'context', text: texts(lang, 'input.status.free', { count: free }) });
  return elements;
}
