/**
 * The case paper (saksframlegg) as a Word document: number, body, meeting, proposer, background,
 * proposed decision, links, the decision when there is one, the partners' own decisions where
 * the case has gone to them, and its whole history (returned, revised, referred) from the audit
 * log — what the secretariat sends out two weeks before the meeting.
 */
import type { Types } from 'mongoose';
import { Body } from '../../models/body.js';
import { CASE_KIND, type CasePriorityGroup, type CaseState, type CaseType } from '../../models/case.js';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { bodyName } from '../../src/directory.js';
import { bullets, facts, heading, table, text, type Block, type WordDocument } from '../../src/documents.js';
import type { ExportSource } from '../../src/exports.js';
import { formatDate, formatDateTime, formatShort } from '../../src/time.js';
import type { Lang } from '../../src/ui.js';
import { progress } from '../partner/service.js';
import { decisionLabel, progressText } from '../partner/views.js';
import { findCase } from './find.js';
import { groupLabel, stateLabel, typeLabel } from './labels.js';
import { texts } from './texts.js';
import { caseHeading, historyEntries } from './views.js';

type Id = Types.ObjectId | string;

export const CASE_PAPER_EXPORT = 'case-paper';

async function casePaper(community: Id, params: Record<string, string>, lang: Lang): Promise<WordDocument | null> {
  const c = await findCase(community, params.case ?? '');
  if (!c) return null;
  const body = await Body.findOne({ _id: c.body, community });
  const proposer = await Member.findOne({ _id: c.proposer, community });
  const party = proposer ? await Party.findOne({ _id: proposer.party, community }) : null;
  const b: Block[] = [
    facts([
      [texts(lang, 'case.document.number'), c.number?.label ?? texts(lang, 'case.list.noNumber')],
      [texts(lang, 'case.card.body'), body ? bodyName(body, lang) : '?'],
      [texts(lang, 'case.card.meeting'), c.meeting ? `${c.meeting.title}, ${formatDateTime(c.meeting.start, lang)}` : null],
      [texts(lang, 'case.card.proposer'), proposer ? (party ? `${proposer.name} (${party.name})` : proposer.name) : '?'],
      [texts(lang, 'case.card.type'), typeLabel(c.type as CaseType, lang)],
      [texts(lang, 'case.card.groups'), c.priorityGroups.map((g) => groupLabel(g as CasePriorityGroup, lang)).join(', ')],
      [texts(lang, 'case.card.state'), stateLabel(c.state as CaseState, lang)],
      [texts(lang, 'case.card.version'), c.version > 1 ? c.version : null],
      [texts(lang, 'case.card.earlierNumbers'), c.previousNumbers.map((n) => n.label).join(', ')],
    ]),
    heading(1, texts(lang, 'case.card.background')),
    text(c.background),
    heading(1, texts(lang, 'case.card.proposedDecision')),
    text(c.proposedDecision),
  ];
  if (c.links.length) b.push(heading(1, texts(lang, 'case.card.links')), bullets(c.links));
  if (c.state === 'returned' && c.returnComment) b.push(heading(2, texts(lang, 'case.card.returnComment')), text(c.returnComment, 'note'));
  if (c.state === 'rejected' && c.rejectReason) b.push(heading(2, texts(lang, 'case.card.rejectReason')), text(c.rejectReason, 'note'));
  if (c.state === 'withdrawn' && c.withdrawReason) b.push(heading(2, texts(lang, 'case.card.withdrawReason')), text(c.withdrawReason, 'note'));
  if (c.decision)
    b.push(heading(1, texts(lang, 'case.card.decision')), text(c.decision.text), text(texts(lang, 'case.document.decidedOn', { date: formatDate(c.decision.at, lang) }), 'note'));

  const pr = await progress(community, { kind: CASE_KIND, id: String(c._id) });
  if (pr) {
    b.push(heading(1, texts(lang, 'case.document.partnersHead')), text(progressText(pr, lang)));
    if (pr.decisions.length) {
      b.push(
        table(
          [texts(lang, 'case.document.column.party'), texts(lang, 'case.card.decision'), texts(lang, 'case.document.column.date'), texts(lang, 'case.document.column.comment')],
          pr.decisions.map((d) => [d.party.name, decisionLabel(d.decision, lang), formatDate(d.date, lang), d.comment]),
        ),
      );
    }
  }

  if (c.versions.length > 1) {
    b.push(
      heading(1, texts(lang, 'case.document.versionsHead')),
      table(
        [{ header: texts(lang, 'case.card.version'), numeric: true }, texts(lang, 'case.document.column.date'), texts(lang, 'case.document.column.title')],
        c.versions.map((v) => [v.n, formatShort(v.at, lang), v.title]),
      ),
    );
  }
  const history = await historyEntries(c, lang);
  if (history.length) {
    b.push(
      heading(1, texts(lang, 'case.card.history')),
      table(
        [texts(lang, 'case.document.column.date'), texts(lang, 'case.document.column.who'), texts(lang, 'case.document.column.what')],
        history.map((e) => [formatShort(e.at, lang), e.actor, e.text]),
      ),
    );
  }
  return {
    filename: texts(lang, 'case.document.file', { number: c.number?.label ?? String(c._id) }),
    title: texts(lang, 'case.document.title', { heading: caseHeading(c) }),
    blocks: b,
  };
}

export function caseExports(): Record<string, ExportSource> {
  return { [CASE_PAPER_EXPORT]: { document: casePaper } };
}
