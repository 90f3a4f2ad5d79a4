/** The attendance export (XLSX through services.exports): one row per called member, by party. */
import { partiesById } from '../../src/directory.js';
import type { ExportSource } from '../../src/exports.js';
import { attendanceByParty } from './attendance.js';
import { findMeeting } from './service.js';

export const ATTENDANCE_EXPORT = 'meeting-attendance';

export function meetingExports(): Record<string, ExportSource> {
  return {
    [ATTENDANCE_EXPORT]: {
      async table(community, params) {
        const m = await findMeeting(community, params.meeting ?? '');
        if (!m) return null;
        const parties = await partiesById(community);
        const rows = (await attendanceByParty(m)).flatMap((g) =>
          g.members.map((x) => ({ party: parties.get(String(g.party))?.name ?? '', member: x.member.name, answer: x.state, deputy: x.deputy?.name ?? '' })),
        );
        return {
          filename: `attendance-${String(m._id)}`,
          columns: [
            { key: 'party', header: 'Party' },
            { key: 'member', header: 'Member' },
            { key: 'answer', header: 'Answer' },
            { key: 'deputy', header: 'Deputy' },
          ],
          rows,
        };
      },
    },
  };
}
