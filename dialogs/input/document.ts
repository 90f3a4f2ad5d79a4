/**
 * The summary of an input round as a Word document, ready to paste into a case paper's
 * background: the question and deadline, who was asked, which parties answered and which did
 * not, the counts by party type, theme and priority group, then every answer grouped by theme
 * with its party. The answers are read once, from a cursor of plain objects, so a round of
 * thousands costs one pass and no mongoose documents.
 */
import type { Types } from 'mongoose';
import { Body } from '../../models/body.js';
import { Contribution } from '../../models/contribution.js';
import { Member } from '../../models/member.js';
import { Party, PARTY_TYPES, type PartyType } from '../../models/party.js';
import { Round, type RoundDoc } from '../../models/round.js';
import { audienceParties, progressByPartyType } from '../../src/audience.js';
import { bodyName, partyTypeLabel } from '../../src/directory.js';
import { bullets, facts, heading, numbered, progressTable, table, text, type Block, type Item, type WordDocument } from '../../src/documents.js';
import { formatDateTime, formatShort } from '../../src/time.js';
import type { Lang } from '../../src/ui.js';
import { groupLabel } from './labels.js';
import { phaseOf } from './rules.js';
import { answeredParties, audienceOf } from './service.js';
import { texts } from './texts.js';

type Id = Types.ObjectId | string;

/** Who was asked, in words: the bodies by name, then the party types. */
async function askedText(round: RoundDoc, lang: Lang): Promise<string> {
  const a = audienceOf(round);
  const bodies = a.bodies.length ? await Body.find({ community: round.community, _id: { $in: a.bodies } }) : [];
  return [...bodies.map((b) => bodyName(b, lang)), ...a.partyTypes.map((t) => partyTypeLabel(t, lang))].join(', ');
}

export async function roundDocument(community: Id, params: Record<string, string>, lang: Lang): Promise<WordDocument | null> {
  const round = params.round && /^[a-f0-9]{24}$/.test(params.round) ? await Round.findOne({ _id: params.round, community }) : null;
  if (!round) return null;
  const parties = new Map((await Party.find({ community }).lean()).map((p) => [String(p._id), p]));
  const authors = new Map((await Member.find({ community }, { name: 1 }).lean()).map((m) => [String(m._id), m.name]));
  const audience = await audienceParties(community, audienceOf(round));
  const answered = await answeredParties(round._id);

  // One pass over the answers: the counts, and each answer's item under each of its themes.
  const byPartyType = new Map<PartyType, number>();
  const byTheme = new Map<string, number>();
  const byGroup = new Map<string, number>();
  const byParty = new Map<string, number>();
  const underTheme = new Map<string, Item[]>(round.themes.map((th) => [th, []]));
  const noTheme: Item[] = [];
  let count = 0;
  const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  const cursor = Contribution.find({ round: round._id, status: 'active' }, { party: 1, member: 1, text: 1, themes: 1, priorityGroups: 1, createdAt: 1 })
    .sort({ createdAt: 1, _id: 1 })
    .lean()
    .cursor();
  for await (const c of cursor) {
    count++;
    const party = parties.get(String(c.party));
    if (party) bump(byPartyType, party.type as PartyType);
    bump(byParty, String(c.party));
    for (const g of c.priorityGroups) bump(byGroup, g);
    const entry: Item = {
      lead: texts(lang, 'input.document.itemLead', { party: party?.name ?? '?', author: authors.get(String(c.member)) ?? '?', time: formatShort(c.createdAt, lang) }),
      text: c.text,
    };
    if (!c.themes.length) noTheme.push(entry);
    for (const th of c.themes) {
      bump(byTheme, th);
      const list = underTheme.get(th) ?? [];
      list.push(entry);
      underTheme.set(th, list);
    }
  }

  const inAudience = audience.filter((p) => answered.has(String(p._id)));
  const phase = phaseOf(round);
  const b: Block[] = [
    facts([
      [texts(lang, 'input.document.question'), round.question],
      [texts(lang, 'input.document.round'), round.no],
      [texts(lang, 'input.document.opened'), formatDateTime(round.opensAt, lang)],
      [texts(lang, 'input.document.deadline'), formatDateTime(round.deadline, lang)],
      [texts(lang, 'input.document.closed'), phase === 'closed' ? formatDateTime(round.closedAt ?? round.deadline, lang) : null],
      [texts(lang, 'input.document.asked'), await askedText(round, lang)],
      [texts(lang, 'input.document.answers'), texts(lang, 'input.document.answerCount', { count, answered: inAudience.length, total: audience.length })],
    ]),
  ];

  const colCount = { header: texts(lang, 'input.document.column.count'), numeric: true };
  b.push(heading(1, texts(lang, 'input.document.answeredHead')));
  const progress = progressByPartyType(audience, answered, lang);
  b.push(
    progressTable(progress, {
      type: texts(lang, 'input.export.column.partyType'),
      answered: texts(lang, 'input.document.column.answered'),
      of: texts(lang, 'input.document.column.of'),
      missing: texts(lang, 'input.document.column.missing'),
    }),
  );
  b.push(heading(2, texts(lang, 'input.document.answeredParties')));
  b.push(
    inAudience.length
      ? bullets(inAudience.map((p) => ({ lead: p.name, text: `(${texts(lang, 'input.document.contributions', { count: byParty.get(String(p._id)) ?? 0 })})` })))
      : text(texts(lang, 'input.document.nobodyAnswered'), 'note'),
  );
  b.push(heading(2, texts(lang, 'input.document.missingParties')));
  const missing = audience.filter((p) => !answered.has(String(p._id)));
  b.push(missing.length ? bullets(missing.map((p) => p.name)) : text(texts(lang, 'input.document.everyoneAnswered'), 'note'));

  b.push(heading(1, texts(lang, 'input.document.countsHead')));
  const countTable = (title: string, head: string, rows: [string, number][]) => {
    b.push(heading(2, title));
    b.push(rows.length ? table([head, colCount], rows) : text(texts(lang, 'input.card.nothingYet'), 'note'));
  };
  countTable(
    texts(lang, 'input.card.byPartyType'),
    texts(lang, 'input.export.column.partyType'),
    PARTY_TYPES.filter((t) => byPartyType.has(t)).map((t) => [partyTypeLabel(t, lang), byPartyType.get(t)!]),
  );
  countTable(
    texts(lang, 'input.card.byTheme'),
    texts(lang, 'input.export.column.themes'),
    [...underTheme.keys()].filter((th) => byTheme.has(th)).map((th) => [th, byTheme.get(th)!]),
  );
  countTable(
    texts(lang, 'input.card.byGroup'),
    texts(lang, 'input.export.column.groups'),
    [...byGroup].map(([g, n]) => [groupLabel(g, lang), n]),
  );

  b.push(heading(1, texts(lang, 'input.document.byThemeHead')));
  if (!count) b.push(text(texts(lang, 'input.card.nothingYet'), 'note'));
  else if (round.themes.length) b.push(text(texts(lang, 'input.document.severalThemes'), 'note'));
  for (const [theme, items] of underTheme) {
    if (!items.length) continue;
    b.push(heading(2, texts(lang, 'input.document.themeHeading', { theme, count: items.length })), numbered(items));
  }
  if (noTheme.length) b.push(heading(2, texts(lang, 'input.document.themeHeading', { theme: texts(lang, 'input.document.noTheme'), count: noTheme.length })), numbered(noTheme));

  return { filename: texts(lang, 'input.document.file', { no: round.no }), title: texts(lang, 'input.document.title', { title: round.title }), blocks: b };
}
