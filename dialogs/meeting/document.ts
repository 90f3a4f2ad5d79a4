/**
 * The notice with the agenda (innkalling og saksliste) as a Word document: the body, time and
 * place in Oslo time, the numbered agenda with its papers and each case's proposed decision, and
 * the called members by party with their answers (attending, absent, sending a deputy).
 */
import type { Types } from 'mongoose';
import { Body } from '../../models/body.js';
import { Case } from '../../models/case.js';
import { bodyName, partiesById } from '../../src/directory.js';
import { bullets, facts, heading, numbered, table, text, type Block, type WordDocument } from '../../src/documents.js';
import type { ExportSource } from '../../src/exports.js';
import { formatDateTime, toInputDate } from '../../src/time.js';
import type { Lang } from '../../src/ui.js';
import { attendanceByParty } from './attendance.js';
import { findMeeting } from './service.js';
import { texts } from './texts.js';
import { answerLabel, whenText } from './views.js';

export const NOTICE_EXPORT = 'meeting-notice';

async function notice(community: Types.ObjectId | string, params: Record<string, string>, lang: Lang): Promise<WordDocument | null> {
  const m = await findMeeting(community, params.meeting ?? '');
  if (!m) return null;
  const body = await Body.findOne({ _id: m.body, community });
  const cancelled = m.status === 'cancelled';
  const b: Block[] = [
    facts([
      [texts(lang, 'meeting.card.body'), body ? bodyName(body, lang) : '?'],
      [texts(lang, 'meeting.card.when'), whenText(m, lang)],
      [texts(lang, 'meeting.card.where'), m.place],
      [texts(lang, 'meeting.card.video'), m.videoUrl],
      [texts(lang, 'meeting.document.sent'), m.noticeSentAt ? formatDateTime(m.noticeSentAt, lang) : null],
    ]),
  ];
  if (cancelled) b.push(text(texts(lang, 'meeting.document.cancelled'), 'note'));
  else if (body) b.push(text(texts(lang, 'meeting.notice.intro', { body: bodyName(body, lang), when: whenText(m, lang) })));

  b.push(heading(1, texts(lang, 'meeting.card.agenda')));
  if (!m.agenda.length) b.push(text(texts(lang, 'meeting.card.noAgenda'), 'note'));
  else
    b.push(
      numbered(
        m.agenda.map((a) => ({
          lead: a.caseNumber || undefined,
          text: a.paperUrl ? `${a.title}\n${texts(lang, 'meeting.document.paper', { url: a.paperUrl })}` : a.title,
        })),
      ),
    );

  // The cases on the agenda: what each one asks the body to decide.
  const caseIds = m.agenda.map((a) => a.caseId).filter(Boolean);
  const cases = new Map((caseIds.length ? await Case.find({ community, _id: { $in: caseIds } }) : []).map((c) => [String(c._id), c]));
  const withCase = m.agenda.map((a, i) => ({ a, i, c: a.caseId ? cases.get(String(a.caseId)) : undefined })).filter((x) => x.c);
  if (withCase.length) {
    b.push(heading(1, texts(lang, 'meeting.document.casesHead')));
    for (const { a, i, c } of withCase) {
      b.push(heading(2, texts(lang, 'meeting.document.caseHeading', { no: i + 1, title: a.caseNumber ? `${a.caseNumber} ${a.title}` : a.title })));
      b.push(heading(3, texts(lang, 'meeting.document.proposedDecision')), text(c!.proposedDecision));
    }
  }

  b.push(heading(1, texts(lang, 'meeting.document.calledHead')));
  const parties = await partiesById(community);
  const groups = (await attendanceByParty(m)).sort((x, y) => (parties.get(String(x.party))?.name ?? '').localeCompare(parties.get(String(y.party))?.name ?? '', 'nb'));
  const count = { attending: 0, absent: 0, deputy: 0, none: 0 };
  const rows: string[][] = [];
  for (const g of groups) {
    for (const x of g.members) {
      count[x.state]++;
      rows.push([parties.get(String(g.party))?.name ?? '', x.member.name, answerLabel(x.state, lang), x.deputy?.name ?? '']);
    }
  }
  b.push(
    table(
      [texts(lang, 'meeting.card.sumAttending'), texts(lang, 'meeting.card.sumDeputy'), texts(lang, 'meeting.card.sumAbsent'), texts(lang, 'meeting.card.sumNone')].map(
        (header) => ({ header, numeric: true }),
      ),
      [[count.attending, count.deputy, count.absent, count.none]],
    ),
  );
  if (rows.length)
    b.push(table([texts(lang, 'meeting.export.party'), texts(lang, 'meeting.export.member'), texts(lang, 'meeting.export.answer'), texts(lang, 'meeting.export.deputy')], rows));
  const deputies = groups.flatMap((g) =>
    g.members.filter((x) => x.deputy).map((x) => texts(lang, 'meeting.document.deputyFor', { deputy: x.deputy!.name, member: x.member.name })),
  );
  if (deputies.length) b.push(heading(2, texts(lang, 'meeting.document.deputiesHead')), bullets(deputies));

  return {
    filename: texts(lang, 'meeting.document.file', { date: toInputDate(m.start) }),
    title: texts(lang, 'meeting.document.title', { title: m.title }),
    blocks: b,
  };
}

export const noticeExport: ExportSource = { document: notice };
