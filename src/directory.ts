/** Look-ups in the member directory, always within one community. */
import type { Types } from 'mongoose';
import { Body, type BodyDoc } from '../models/body.js';
import { Member, type MemberDoc, type Role } from '../models/member.js';
import { Party, type PartyDoc, type PartyType } from '../models/party.js';
import { texts, type Messages } from './texts.js';
import type { Lang } from './ui.js';

type Id = Types.ObjectId | string;

/** The catalog key of each party type's and role's label (keys are lowerCamel, the stored values are not). */
const PARTY_TYPE_KEY = {
  municipality: 'core.directory.partyType.municipality',
  hospital_trust: 'core.directory.partyType.hospitalTrust',
  private_ideal: 'core.directory.partyType.privateIdeal',
  gp: 'core.directory.partyType.gp',
  user_rep: 'core.directory.partyType.userRep',
  ks: 'core.directory.partyType.ks',
  union: 'core.directory.partyType.union',
  secretariat: 'core.directory.partyType.secretariat',
} as const satisfies Record<PartyType, keyof Messages>;

const ROLE_KEY = {
  leader: 'core.directory.role.leader',
  deputy_leader: 'core.directory.role.deputyLeader',
  member: 'core.directory.role.member',
  observer: 'core.directory.role.observer',
  secretariat: 'core.directory.role.secretariat',
} as const satisfies Record<Role, keyof Messages>;

export function partyTypeLabel(type: PartyType, lang: Lang): string {
  return texts(lang, PARTY_TYPE_KEY[type]);
}

export function roleLabel(role: string, proposalRights: boolean, lang: Lang): string {
  if (role === 'observer' && proposalRights) return texts(lang, 'core.directory.role.observerWithRights');
  return Object.hasOwn(ROLE_KEY, role) ? texts(lang, ROLE_KEY[role as Role]) : role;
}

export function bodyName(body: Pick<BodyDoc, 'name'>, lang: Lang): string {
  return body.name[lang];
}

function fold(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Finds a body by its key, short name or name in any language. */
export async function findBody(community: Id, text: string): Promise<BodyDoc | null> {
  const want = fold(text);
  if (!want) return null;
  const bodies = await Body.find({ community });
  return (
    bodies.find((b) => [b.key, b.short, b.name.nb, b.name.nn, b.name.en].some((n) => fold(n) === want)) ??
    bodies.find((b) => [b.name.nb, b.name.nn, b.name.en].some((n) => fold(n).includes(want))) ??
    null
  );
}

export async function bodiesOf(member: Pick<MemberDoc, 'memberships'>): Promise<BodyDoc[]> {
  return Body.find({ _id: { $in: member.memberships.map((m) => m.body) } });
}

export async function membersOfBody(community: Id, body: Id): Promise<MemberDoc[]> {
  return Member.find({ community, 'memberships.body': body });
}

export async function partiesById(community: Id): Promise<Map<string, PartyDoc>> {
  const parties = await Party.find({ community });
  return new Map(parties.map((p) => [String(p._id), p]));
}
