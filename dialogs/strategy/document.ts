/**
 * The strategy feedback report as a Word document, for the working group: who responded, then
 * per section the stances by party type, the comments and proposed wordings with their party,
 * and — for a section with the same text as in the previous version — what was said about it
 * there beside what is said now.
 */
import type { Types } from 'mongoose';
import { STANCES, type Stance } from '../../models/feedback.js';
import type { PartyType } from '../../models/party.js';
import { progressByPartyType } from '../../src/audience.js';
import { partyTypeLabel } from '../../src/directory.js';
import { bullets, facts, heading, progressTable, table, text, type Block, type WordDocument } from '../../src/documents.js';
import { formatDateTime } from '../../src/time.js';
import type { Lang } from '../../src/ui.js';
import { findVersion } from './service.js';
import { summarize, type FeedbackEntry, type StanceCounts } from './summary.js';
import { texts } from './texts.js';
import { stanceLabel } from './words.js';

type Id = Types.ObjectId | string;

const total = (c: StanceCounts) => STANCES.reduce((n, s) => n + c[s], 0);

function who(e: FeedbackEntry, lang: Lang): string {
  const name = e.party?.name ?? '?';
  const author = e.member ? ` (${e.member.name})` : '';
  return e.stance ? texts(lang, 'strategy.document.entryHead', { who: `${name}${author}`, stance: stanceLabel(e.stance, lang) }) : `${name}${author}`;
}

/** The comment and the proposed wording of one party, under a heading that names it. */
function entryBlocks(e: FeedbackEntry, lang: Lang): Block[] {
  const out: Block[] = [heading(3, who(e, lang))];
  if (e.comment) out.push(text(e.comment));
  if (e.proposal) out.push(text(`${texts(lang, 'strategy.card.proposal')}:`, 'note'), text(e.proposal, 'quote'));
  return out;
}

export async function strategyReport(community: Id, params: Record<string, string>, lang: Lang): Promise<WordDocument | null> {
  const v = await findVersion(community, params.version);
  if (!v) return null;
  const sum = await summarize(v);
  // A draft not yet sent out has asked nobody: say so, rather than «0 of 0 have responded».
  const asked = sum.parties.length > 0;
  const stanceColumns = STANCES.map((s) => ({ header: stanceLabel(s, lang), numeric: true }));
  const b: Block[] = [
    facts([
      [texts(lang, 'strategy.document.version'), v.label],
      [texts(lang, 'strategy.document.previous'), sum.previous?.label],
      [texts(lang, 'strategy.document.deadline'), v.deadline ? formatDateTime(v.deadline, lang) : null],
      [
        texts(lang, 'strategy.document.responded'),
        asked
          ? texts(lang, 'strategy.document.respondedCount', { responded: sum.parties.filter((p) => sum.responded.has(String(p._id))).length, total: sum.parties.length })
          : null,
      ],
    ]),
  ];
  if (v.removed.length && sum.previous) b.push(text(texts(lang, 'strategy.card.removed', { headings: v.removed.join(', ') }), 'note'));

  b.push(heading(1, texts(lang, 'strategy.export.respondedHead')));
  const progress = progressByPartyType(sum.parties, sum.responded, lang);
  b.push(
    asked
      ? progressTable(progress, {
          type: texts(lang, 'strategy.export.column.partyType'),
          answered: texts(lang, 'strategy.document.column.responded'),
          of: texts(lang, 'strategy.document.column.of'),
          missing: texts(lang, 'strategy.document.column.missing'),
        })
      : text(texts(lang, 'strategy.document.notAsked'), 'note'),
  );

  sum.sections.forEach((s, i) => {
    b.push(heading(1, `${i + 1}. ${s.heading}`));
    if (sum.previous) b.push(text(texts(lang, 'strategy.card.change', { change: s.changed ? 'changed' : 'unchanged', label: sum.previous.label }), 'note'));
    if (!s.entries.length) {
      b.push(text(texts(lang, 'strategy.card.noFeedback'), 'note'));
    } else {
      b.push(heading(2, texts(lang, 'strategy.document.stancesHead')));
      b.push(
        table(
          [texts(lang, 'strategy.export.column.partyType'), ...stanceColumns],
          [
            ...s.byType.map((t) => [partyTypeLabel(t.type as PartyType, lang), ...STANCES.map((st) => t.counts[st])]),
            [texts(lang, 'strategy.document.total'), ...STANCES.map((st) => s.counts[st])],
          ],
        ),
      );
      const said = s.entries.filter((e) => e.comment || e.proposal);
      if (said.length) {
        b.push(heading(2, texts(lang, 'strategy.document.commentsHead')));
        for (const e of said) b.push(...entryBlocks(e, lang));
      }
    }
    if (s.previous) {
      b.push(heading(2, texts(lang, 'strategy.document.compareHead', { label: s.previous.label })));
      b.push(
        table(
          [texts(lang, 'strategy.export.column.stance'), { header: s.previous.label, numeric: true }, { header: v.label, numeric: true }],
          [
            ...STANCES.map((st: Stance) => [stanceLabel(st, lang), s.previous!.counts[st], s.counts[st]]),
            [texts(lang, 'strategy.document.total'), total(s.previous.counts), total(s.counts)],
          ],
        ),
      );
      const before = s.previous.entries.filter((e) => e.comment || e.proposal);
      if (before.length)
        b.push(
          text(texts(lang, 'strategy.document.previousComments', { label: s.previous.label }), 'note'),
          bullets(before.map((e) => ({ lead: `${who(e, lang)}:`, text: e.comment || e.proposal }))),
        );
    }
  });

  if (sum.general.length) {
    b.push(heading(1, texts(lang, 'strategy.card.generalHead')));
    for (const e of sum.general) b.push(...entryBlocks(e, lang));
  }

  return {
    filename: texts(lang, 'strategy.document.file', { label: v.label }),
    title: texts(lang, 'strategy.document.title', { title: v.title, label: v.label }),
    blocks: b,
  };
}
