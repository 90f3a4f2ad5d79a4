/** Look-ups in the member directory, always within one community. */
import type { Types } from 'mongoose';
import { Body, type BodyDoc } from '../models/body.js';
import { Member, type MemberDoc } from '../models/member.js';
import { Party, type PartyDoc, type PartyType } from '../models/party.js';
import { defineTexts } from './i18n.js';
import type { Lang } from './ui.js';

type Id = Types.ObjectId | string;

export const directoryTexts = defineTexts({
  en: {
    municipality: 'Municipalities',
    hospital_trust: 'Hospital trusts',
    private_ideal: 'Private non-profit hospitals',
    gp: 'GPs',
    user_rep: 'User representatives',
    ks: 'KS',
    union: 'Unions',
    secretariat: 'Secretariat',
    leader: 'leader',
    deputy_leader: 'deputy leader',
    member: 'member',
    observer: 'observer',
    observer_rights: 'observer with proposal rights',
    role_secretariat: 'secretariat',
  },
  nb: {
    municipality: 'Kommuner',
    hospital_trust: 'Helseforetak',
    private_ideal: 'Private ideelle sykehus',
    gp: 'Fastleger',
    user_rep: 'Brukerrepresentanter',
    ks: 'KS',
    union: 'Hovedsammenslutningene',
    secretariat: 'Sekretariatet',
    leader: 'leder',
    deputy_leader: 'nestleder',
    member: 'medlem',
    observer: 'observatør',
    observer_rights: 'observatør med forslagsrett',
    role_secretariat: 'sekretariat',
  },
  nn: {
    municipality: 'Kommunar',
    hospital_trust: 'Helseføretak',
    private_ideal: 'Private ideelle sjukehus',
    gp: 'Fastlegar',
    user_rep: 'Brukarrepresentantar',
    ks: 'KS',
    union: 'Hovudsamanslutningane',
    secretariat: 'Sekretariatet',
    leader: 'leiar',
    deputy_leader: 'nestleiar',
    member: 'medlem',
    observer: 'observatør',
    observer_rights: 'observatør med forslagsrett',
    role_secretariat: 'sekretariat',
  },
});

export function partyTypeLabel(type: PartyType, lang: Lang): string {
  return directoryTexts(lang, type);
}

export function roleLabel(role: string, proposalRights: boolean, lang: Lang): string {
  if (role === 'observer' && proposalRights) return directoryTexts(lang, 'observer_rights');
  if (role === 'secretariat') return directoryTexts(lang, 'role_secretariat');
  return directoryTexts(lang, role as 'leader' | 'deputy_leader' | 'member' | 'observer');
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
