/** The numbers behind a round's status and summary: who has answered, by party type, theme and group. */
import { Contribution } from '../../models/contribution.js';
import { Party, type PartyDoc, type PartyType } from '../../models/party.js';
import type { RoundDoc } from '../../models/round.js';
import { audienceParties, progressByPartyType, type PartyTypeProgress } from '../../src/audience.js';
import type { Lang } from '../../src/ui.js';
import { answeredParties, audienceOf } from './service.js';

export interface RoundProgress {
  parties: PartyDoc[];
  answered: Set<string>;
  contributions: number;
  byType: PartyTypeProgress[];
}

export async function roundProgress(round: RoundDoc, lang: Lang): Promise<RoundProgress> {
  const parties = await audienceParties(round.community, audienceOf(round));
  const answered = await answeredParties(round._id);
  const contributions = await Contribution.countDocuments({ round: round._id, status: 'active' });
  const inAudience = new Set(parties.map((p) => String(p._id)));
  return {
    parties,
    answered: new Set([...answered].filter((p) => inAudience.has(p))),
    contributions,
    byType: progressByPartyType(parties, answered, lang),
  };
}

export interface RoundSummary {
  contributions: number;
  byPartyType: Map<PartyType, number>;
  byTheme: Map<string, number>;
  byGroup: Map<string, number>;
}

/** Counts of the active contributions by party type, theme and priority group. */
export async function roundSummary(round: RoundDoc): Promise<RoundSummary> {
  const list = await Contribution.find({ round: round._id, status: 'active' });
  const parties = new Map((await Party.find({ community: round.community })).map((p) => [String(p._id), p]));
  const s: RoundSummary = { contributions: list.length, byPartyType: new Map(), byTheme: new Map(), byGroup: new Map() };
  const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const c of list) {
    const type = parties.get(String(c.party))?.type as PartyType | undefined;
    if (type) bump(s.byPartyType, type);
    for (const th of c.themes) bump(s.byTheme, th);
    for (const g of c.priorityGroups) bump(s.byGroup, g);
  }
  return s;
}

/** How many of a round's parties have answered, of how many. */
export async function progressCounts(round: RoundDoc, lang: Lang): Promise<{ answered: number; total: number }> {
  const p = await roundProgress(round, lang);
  return { answered: p.answered.size, total: p.parties.length };
}
