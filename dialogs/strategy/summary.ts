/** What the secretariat reads: a version's feedback per section, party type and party, beside the previous version's. */
import type { Types } from 'mongoose';
import { Feedback, GENERAL, type Stance } from '../../models/feedback.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party, PARTY_TYPES, type PartyDoc, type PartyType } from '../../models/party.js';
import type { VersionDoc } from '../../models/strategy.js';
import { audienceParties } from '../../src/audience.js';
import { hasContent } from './rules.js';
import { audienceOf, previousVersion, respondedParties } from './service.js';

type Id = Types.ObjectId | string;

export type StanceCounts = Record<Stance, number>;
const zero = (): StanceCounts => ({ supports: 0, supports_changes: 0, not_supports: 0, no_comment: 0 });

export interface FeedbackEntry {
  party: PartyDoc | undefined;
  member: MemberDoc | undefined;
  stance: Stance | null;
  comment: string;
  proposal: string;
  updatedAt: Date;
}

export interface SectionSummary {
  key: string;
  heading: string;
  changed: boolean;
  counts: StanceCounts;
  byType: { type: PartyType; counts: StanceCounts }[];
  entries: FeedbackEntry[];
  /** For a section with the same text in the previous version: what was said about it there. */
  previous?: { label: string; counts: StanceCounts; entries: FeedbackEntry[] };
}

export interface VersionSummary {
  version: VersionDoc;
  previous: VersionDoc | null;
  sections: SectionSummary[];
  general: FeedbackEntry[];
  parties: PartyDoc[];
  responded: Set<string>;
}

async function entriesOf(version: Id, community: Id): Promise<Map<string, FeedbackEntry[]>> {
  const rows = await Feedback.find({ version }).sort({ updatedAt: 1 }).lean();
  const parties = new Map((await Party.find({ community })).map((p) => [String(p._id), p]));
  const members = new Map((await Member.find({ _id: { $in: [...new Set(rows.map((r) => String(r.member)))] } })).map((m) => [String(m._id), m]));
  const out = new Map<string, FeedbackEntry[]>();
  for (const r of rows) {
    if (!hasContent(r)) continue;
    const list = out.get(r.section) ?? [];
    list.push({
      party: parties.get(String(r.party)),
      member: members.get(String(r.member)),
      stance: (r.stance as Stance | null) ?? null,
      comment: r.comment ?? '',
      proposal: r.proposal ?? '',
      updatedAt: r.updatedAt,
    });
    out.set(r.section, list);
  }
  return out;
}

function countStances(entries: FeedbackEntry[]): StanceCounts {
  const c = zero();
  for (const e of entries) if (e.stance) c[e.stance]++;
  return c;
}

const typeOrder = (e: FeedbackEntry) => PARTY_TYPES.indexOf((e.party?.type ?? 'secretariat') as PartyType);

export async function summarize(v: VersionDoc): Promise<VersionSummary> {
  const previous = await previousVersion(v);
  const now = await entriesOf(v._id, v.community);
  const before = previous ? await entriesOf(previous._id, v.community) : null;
  const sections = v.sections.map((s): SectionSummary => {
    const entries = (now.get(s.key) ?? []).sort((a, b) => typeOrder(a) - typeOrder(b) || (a.party?.name ?? '').localeCompare(b.party?.name ?? '', 'nb'));
    const byType: SectionSummary['byType'] = [];
    for (const type of PARTY_TYPES) {
      const ofType = entries.filter((e) => e.party?.type === type);
      if (ofType.length) byType.push({ type, counts: countStances(ofType) });
    }
    const out: SectionSummary = { key: s.key, heading: s.heading, changed: s.changed, counts: countStances(entries), byType, entries };
    if (previous && before && !s.changed) {
      const prevEntries = before.get(s.key) ?? [];
      out.previous = { label: previous.label, counts: countStances(prevEntries), entries: prevEntries };
    }
    return out;
  });
  const parties = await audienceParties(v.community, audienceOf(v));
  return { version: v, previous, sections, general: now.get(GENERAL) ?? [], parties, responded: await respondedParties(v) };
}
