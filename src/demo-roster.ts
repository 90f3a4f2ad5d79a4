/**
 * The demo community as a visitor may try it: who its members are (name, party, roles) and which
 * bodies it has. Null unless the database holds the demo community and nothing else, so a page
 * built on it never shows — or lets anyone act as — a member of a real directory.
 */
import { Body } from '../models/body.js';
import { Community } from '../models/community.js';
import { Member } from '../models/member.js';
import { Party } from '../models/party.js';
import { roleLabel } from './directory.js';
import type { Lang } from './ui.js';

export interface DemoPerson {
  id: string;
  name: string;
  email: string;
  title: string;
  party: string;
  partyType: string;
  lang: Lang;
  /** «SSU: leiar», one per body, in the community's language. */
  roles: string[];
  secretariat: boolean;
}

export interface DemoBody {
  id: string;
  key: string;
  short: string;
  name: string;
}

export interface DemoRoster {
  communityId: string;
  communityName: string;
  lang: Lang;
  members: DemoPerson[];
  bodies: DemoBody[];
}

/** The lone demo community, or null when there is none or a real directory is there as well. */
export async function loneDemoCommunity() {
  const all = await Community.find().limit(2);
  return all.length === 1 && all[0]!.demo ? all[0]! : null;
}

export async function demoRoster(): Promise<DemoRoster | null> {
  const community = await loneDemoCommunity();
  if (!community) return null;
  const lang = (community.defaultLang ?? 'nb') as Lang;
  const [members, parties, bodies] = await Promise.all([
    Member.find({ community: community._id }).sort({ name: 1 }),
    Party.find({ community: community._id }),
    Body.find({ community: community._id }),
  ]);
  const partyById = new Map(parties.map((p) => [String(p._id), p]));
  const bodyById = new Map(bodies.map((b) => [String(b._id), b]));
  return {
    communityId: String(community._id),
    communityName: community.name,
    lang,
    members: members.map((m) => {
      const party = partyById.get(String(m.party));
      return {
        id: String(m._id),
        name: m.name,
        email: m.email,
        title: m.title ?? '',
        party: party?.name ?? '',
        partyType: party?.type ?? '',
        lang: (m.lang ?? lang) as Lang,
        roles: m.memberships.map((ms) => `${bodyById.get(String(ms.body))?.short ?? '?'}: ${roleLabel(ms.role, Boolean(ms.proposalRights), lang)}`),
        secretariat: m.memberships.some((ms) => ms.role === 'secretariat'),
      };
    }),
    bodies: bodies.map((b) => ({ id: String(b._id), key: b.key, short: b.short, name: b.name[lang] })),
  };
}
