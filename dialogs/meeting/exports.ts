/** The meeting's exports: the attendance (XLSX, one row per called member, by party) and the notice with the agenda (Word). */
import { partiesById } from '../../src/directory.js';
import type { ExportSource } from '../../src/exports.js';
import { attendanceByParty } from './attendance.js';
import { NOTICE_EXPORT, noticeExport } from './document.js';
import { findMeeting } from './service.js';
import { texts } from './texts.js';
import { answerLabel } from './views.js';

export const ATTENDANCE_EXPORT = 'meeting-attendance';

export function meetingExports(): Record<string, ExportSource> {
  return {
    [NOTICE_EXPORT]: noticeExport,
    [ATTENDANCE_EXPORT]: {
      async table(community, params, lang) {
        const m = await findMeeting(community, params.meeting ?? '');
        if (!m) return null;
        const parties = await partiesById(community);
        const rows = (await attendanceByParty(m)).flatMap((g) =>
          g.members.map((x) => ({ party: parties.get(String(g.party))?.name ?? '', member: x.member.name, answer: answerLabel(x.state, lang), deputy: x.deputy?.name ?? '' })),
        );
        return {
          filename: `attendance-${String(m._id)}`,
          columns: [
            { key: 'party', header: texts(lang, 'meeting.export.party') },
            { key: 'member', header: texts(lang, 'meeting.export.member') },
            { key: 'answer', header: texts(lang, 'meeting.export.answer') },
            { key: 'deputy', header: texts(lang, 'meeting.export.deputy') },
          ],
          rows,
        };
      },
    },
  };
}
