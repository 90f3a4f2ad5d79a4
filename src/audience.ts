/**
 * Who a round, feedback period or reminder is for — bodies and/or party types — and how far the
 * parties have come ("Kommunar: 11 av 17 har svart — manglar: …").
 */
import type { Types } from 'mongoose';
import { Member, type MemberDoc } from '../models/member.js';
import { Party, PARTY_TYPES, type PartyDoc, type PartyType } from '../models/party.js';
import { partyTypeLabel } from './directory.js';
import { texts } from './texts.js';
import type { Lang } from './ui.js';

type Id = Types.ObjectId | string;

export interface Audience {
  bodies: Id[];
  partyTypes: PartyType[];
}

/**
 * The members an audience reaches: everyone on the named bodies (the secretariat excepted) and
 * every member of a party of the named types.
 */
export async function audienceMembers(community: Id, a: Audience): Promise<MemberDoc[]> {
  const or: Record<string, unknown>[] = [];
  // Select by body, then drop those who are on the bodies only as secretariat ($elemMatch on
  // sub-document fields is not available on the embedded database; see src/db/README.md).
  if (a.bodies.length) or.push({ 'memberships.body': { $in: a.bodies } });
  let partyIds: string[] = [];
  if (a.partyTypes.length) {
    partyIds = (await Party.find({ community, type: { $in: a.partyTypes } })).map((p) => String(p._id));
    or.push({ party: { $in: partyIds } });
  }
  if (!or.length) return [];
  const bodies = new Set(a.bodies.map(String));
  const parties = new Set(partyIds);
  const found = await Member.find({ community, $or: or }).sort({ _id: 1 });
  return found.filter((m) => parties.has(String(m.party)) || m.memberships.some((ms) => bodies.has(String(ms.body)) && ms.role !== 'secretariat'));
}

export async function isInAudience(member: MemberDoc, a: Audience): Promise<boolean> {
  const bodies = new Set(a.bodies.map(String));
  if (member.memberships.some((m) => bodies.has(String(m.body)) && m.role !== 'secretariat')) return true;
  if (!a.partyTypes.length) return false;
  const party = await Party.findById(member.party);
  return Boolean(party && a.partyTypes.includes(party.type as PartyType));
}

/** The parties an audience speaks for: those with at least one member in it. */
export async function audienceParties(community: Id, a: Audience): Promise<PartyDoc[]> {
  const members = await audienceMembers(community, a);
  const ids = [...new Set(members.map((m) => String(m.party)))];
  const parties = await Party.find({ community, _id: { $in: ids } });
  return parties.filter((p) => p.type !== 'secretariat').sort((x, y) => x.name.localeCompare(y.name, 'nb'));
}

export interface PartyTypeProgress {
  type: PartyType;
  label: string;
  answered: number;
  total: number;
  missing: string[];
}

/** Progress per party type, in the fixed order of party types. */
export function progressByPartyType(parties: PartyDoc[], responded: Iterable<Id>, lang: Lang): PartyTypeProgress[] {
  const done = new Set([...responded].map(String));
  const out: PartyTypeProgress[] = [];
  for (const type of PARTY_TYPES) {
    const ofType = parties.filter((p) => p.type === type);
    if (!ofType.length) continue;
    const missing = ofType.filter((p) => !done.has(String(p._id))).map((p) => p.name);
    out.push({ type, label: partyTypeLabel(type, lang), answered: ofType.length - missing.length, total: ofType.length, missing });
  }
  return out;
}

/** "Kommunar: 11 av 17 har svart — manglar: Fedje kommune, …" */
export function progressLine(p: PartyTypeProgress, lang: Lang): string {
  const values = { label: p.label, answered: p.answered, total: p.total };
  return p.missing.length ? texts(lang, 'core.audience.progress.missing', { ...values, names: p.missing.join(', ') }) : texts(lang, 'core.audience.progress.all', values);
}
