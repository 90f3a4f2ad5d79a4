/** The exports of contributions (CSV and XLSX through services.exports): a round's (also as a Word summary), and the free input to bodies. */
import { format } from 'date-fns/format';
import { TZDate } from '@date-fns/tz';
import type { Types } from 'mongoose';
import { Body } from '../../models/body.js';
import { Contribution, type ContributionDoc } from '../../models/contribution.js';
import { Member } from '../../models/member.js';
import { Party, type PartyType } from '../../models/party.js';
import { Round } from '../../models/round.js';
import { partyTypeLabel } from '../../src/directory.js';
import type { ExportSource, Table } from '../../src/exports.js';
import { roundDocument } from './document.js';
import { TZ } from '../../src/time.js';
import type { Lang } from '../../src/ui.js';
import { groupLabel } from './labels.js';
import { texts } from './texts.js';

export const EXPORT_KIND = 'input-round';
export const FREE_EXPORT_KIND = 'input-free';

/** The columns of the exports, each headed by `input.export.column.<key>`. */
type Column = 'body' | 'party' | 'partyType' | 'author' | 'themes' | 'groups' | 'text' | 'time';

const osloTime = (d: Date) => format(new TZDate(d.getTime(), TZ), 'yyyy-MM-dd HH:mm');

type Written = Pick<ContributionDoc, 'party' | 'member'>;

/** Party, party type and author of each contribution, looked up once per export. */
async function whoWrote(community: Types.ObjectId | string, lang: Lang) {
  const parties = new Map((await Party.find({ community })).map((p) => [String(p._id), p]));
  const members = new Map((await Member.find({ community }, { name: 1 }).lean()).map((m) => [String(m._id), m.name]));
  return (c: Written) => {
    const party = parties.get(String(c.party));
    return {
      party: party?.name ?? '',
      partyType: party ? partyTypeLabel(party.type as PartyType, lang) : '',
      author: members.get(String(c.member)) ?? '',
    };
  };
}

/** One row per active contribution: party, party type, author, themes, priority groups, text, time (Oslo). */
export async function roundTable(community: Types.ObjectId | string, params: Record<string, string>, lang: Lang): Promise<Table | null> {
  const round = params.round && /^[a-f0-9]{24}$/.test(params.round) ? await Round.findOne({ _id: params.round, community }) : null;
  if (!round) return null;
  const who = await whoWrote(community, lang);
  const col = (key: Column) => ({ key, header: texts(lang, `input.export.column.${key}`) });
  return {
    filename: texts(lang, 'input.export.roundFile', { no: round.no }),
    columns: [col('party'), col('partyType'), col('author'), col('themes'), col('groups'), col('text'), col('time')],
    rows: (async function* () {
      // Plain objects from a cursor, turned into rows as the file is written.
      const list = Contribution.find({ round: round._id, status: 'active' }).sort({ createdAt: 1, _id: 1 }).lean().cursor();
      for await (const c of list) {
        yield {
          ...who(c),
          themes: c.themes.join('; '),
          groups: c.priorityGroups.map((g) => groupLabel(g, lang)).join('; '),
          text: c.text,
          time: osloTime(c.createdAt),
        };
      }
    })(),
  };
}

/** One row per active free contribution (sent to a body, outside any round), oldest first: body, party, party type, author, priority groups, text, time. */
export async function freeTable(community: Types.ObjectId | string, _params: Record<string, string>, lang: Lang): Promise<Table> {
  const list = await Contribution.find({ community, round: null, status: 'active' }).sort({ createdAt: 1, _id: 1 });
  const who = await whoWrote(community, lang);
  const bodies = new Map((await Body.find({ community })).map((b) => [String(b._id), b.name[lang]]));
  const col = (key: Column) => ({ key, header: texts(lang, `input.export.column.${key}`) });
  return {
    filename: texts(lang, 'input.export.freeFile'),
    columns: [col('body'), col('party'), col('partyType'), col('author'), col('groups'), col('text'), col('time')],
    rows: list.map((c) => ({
      body: bodies.get(String(c.body)) ?? '',
      ...who(c),
      groups: c.priorityGroups.map((g) => groupLabel(g, lang)).join('; '),
      text: c.text,
      time: osloTime(c.createdAt),
    })),
  };
}

export function roundExports(): Record<string, ExportSource> {
  return { [EXPORT_KIND]: { table: roundTable, document: roundDocument }, [FREE_EXPORT_KIND]: { table: freeTable } };
}
