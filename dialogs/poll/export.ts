/**
 * The secretariat's export of a poll's ballots. Named polls: who (or which party) voted what and
 * when. Anonymous polls: only the answers, sorted by content, with no names, parties or times.
 */
import type { Types } from 'mongoose';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { Poll } from '../../models/poll.js';
import { Vote } from '../../models/vote.js';
import type { ExportSource, Row, Table } from '../../src/exports.js';
import type { Lang } from '../../src/ui.js';
import { texts } from './texts.js';

type Id = Types.ObjectId | string;

export const EXPORT_KIND = 'poll';

export function pollExport(): ExportSource {
  return {
    async table(community: Id, params: Record<string, string>, lang: Lang): Promise<Table | null> {
      const poll = await Poll.findOne({ _id: params.poll, community });
      if (!poll) return null;
      const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id;
      const votes = await Vote.find({ poll: poll._id }).lean();

      const columns: Table['columns'] = [];
      if (!poll.anonymous) {
        columns.push({ key: 'party', header: texts(lang, 'poll.export.column.party') });
        columns.push({ key: 'name', header: texts(lang, 'poll.export.column.name') });
      }
      if (poll.type === 'single' || poll.type === 'multiple') columns.push({ key: 'choice', header: texts(lang, 'poll.export.column.choice') });
      if (poll.type === 'scale') columns.push({ key: 'scale', header: texts(lang, 'poll.export.column.scale') });
      if (poll.type === 'ranking') columns.push({ key: 'rank', header: texts(lang, 'poll.export.column.rank') });
      if (poll.type === 'open') columns.push({ key: 'pros', header: texts(lang, 'poll.export.column.pros') }, { key: 'cons', header: texts(lang, 'poll.export.column.cons') });
      if (poll.type !== 'open') columns.push({ key: 'reason', header: texts(lang, 'poll.export.column.reason') });
      if (!poll.anonymous) columns.push({ key: 'time', header: texts(lang, 'poll.export.column.time') });

      const members = poll.anonymous
        ? new Map()
        : new Map((await Member.find({ community, _id: { $in: votes.map((v) => v.castBy).filter(Boolean) } })).map((m) => [String(m._id), m.name]));
      const parties = poll.anonymous ? new Map() : new Map((await Party.find({ community })).map((p) => [String(p._id), p.name]));
      const rows = votes.map((v) => {
        const choices = v.choices ?? [];
        const row: Row = {
          choice: choices.map(label).join('; '),
          scale: v.scale ?? '',
          rank: choices.map((ch, i) => `${i + 1}. ${label(ch)}`).join('; '),
          pros: v.pros ?? '',
          cons: v.cons ?? '',
          reason: v.reason ?? '',
        };
        if (!poll.anonymous) {
          row.party = parties.get(String(v.party)) ?? '';
          row.name = members.get(String(v.castBy)) ?? '';
          row.time = v.castAt ?? null;
        }
        return row;
      });
      // Anonymous rows are sorted by what they say, so their order tells nothing about who or when.
      const key = (r: Row) => columns.map((col) => String(r[col.key] ?? '')).join('\u0000');
      rows.sort((a, b) => key(a).localeCompare(key(b), 'nb'));
      return { filename: `avstemming-${poll.number}`, columns, rows };
    },
  };
}
