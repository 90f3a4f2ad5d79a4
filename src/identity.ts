/**
 * Who is talking: a platform workspace maps to a Community, a platform user to a Member — first
 * by the stored platform id, on first contact by e-mail. Every lookup carries the community.
 */
import { Address, type AddressDoc } from '../models/address.js';
import { Community, type CommunityDoc } from '../models/community.js';
import { Member, type MemberDoc } from '../models/member.js';
import { LANGS, type Lang, type Platform } from './ui.js';

export interface PlatformUser {
  externalId: string;
  /** Asks the platform for the user's e-mail; called only on first contact. */
  lookupEmail?: () => Promise<string | null>;
  /** What the adapter needs to reach this user directly later (stored on the address). */
  ref?: Record<string, unknown>;
}

export async function communityFor(platform: Platform, tenant: string, allowDemoAdoption: boolean): Promise<CommunityDoc | null> {
  if (typeof tenant !== 'string' || !tenant) return null;
  // A tenant id comes from the platform: an operator object in it must not become a query.
  const c = await connectedCommunity(platform, tenant);
  if (c) return c;
  if (!allowDemoAdoption) return null;
  const field = tenantField(platform);
  // Development convenience: a lone demo community adopts the first workspace that talks to it.
  const all = await Community.find().limit(2);
  const only = all[0];
  if (all.length === 1 && only?.demo) {
    await Community.updateOne({ _id: only._id }, { $addToSet: { [field]: tenant } });
    return Community.findById(only._id);
  }
  return null;
}

/** Where a community lists the platform's workspaces or tenants it is connected to. */
const tenantField = (platform: Platform) => (platform === 'slack' ? 'slackTeamIds' : 'teamsTenantIds');

/** The community a workspace or tenant is connected to, without adopting it. */
export async function connectedCommunity(platform: Platform, tenant: string): Promise<CommunityDoc | null> {
  if (typeof tenant !== 'string' || !tenant) return null;
  return Community.findOne({ [tenantField(platform)]: tenant }).setOptions({ sanitizeFilter: true });
}

/** The oldest community: the one the terminal chat serves. */
export function firstCommunity(): Promise<CommunityDoc | null> {
  return Community.findOne().sort({ createdAt: 1 });
}

/** The language a member reads: their own, else their community's, else the fallback. */
export function readerLang(member: Pick<MemberDoc, 'lang'> | null | undefined, community: Pick<CommunityDoc, 'defaultLang'> | null | undefined, fallback: Lang): Lang {
  return ([member?.lang, community?.defaultLang].find((l) => (LANGS as readonly unknown[]).includes(l)) as Lang | undefined) ?? fallback;
}

/** The language a message to this address is written in: the member's own, else their community's. */
export async function languageOf(address: Pick<AddressDoc, 'member' | 'community'>, fallback: Lang): Promise<Lang> {
  const member = address.member ? await Member.findOne({ _id: address.member, community: address.community }) : null;
  if (member?.lang) return member.lang as Lang;
  return readerLang(null, await Community.findById(address.community), fallback);
}

type FirstContact = (member: MemberDoc) => void;
const firstContact = new Set<FirstContact>();

/**
 * Tells the listener about every member for whom a conversation is stored for the first time
 * (their first message, a Teams install or roster); what could not reach them before can now.
 * Returns the way to stop listening.
 */
export function onFirstContact(listener: FirstContact): () => void {
  firstContact.add(listener);
  return () => firstContact.delete(listener);
}

/** Says a conversation was stored for the member for the first time (also when a platform found them by e-mail). */
export function noteFirstContact(member: MemberDoc): void {
  for (const listener of firstContact) listener(member);
}

export async function identify(community: CommunityDoc, platform: Platform, user: PlatformUser): Promise<MemberDoc | null> {
  if (typeof user.externalId !== 'string' || !user.externalId) return null;
  const key = { community: community._id, platform, kind: 'member' as const, externalId: user.externalId };
  const known = await Address.findOne(key).setOptions({ sanitizeFilter: true });
  if (known?.member) {
    if (user.ref) {
      const ref = { ...(known.ref as object), ...user.ref };
      // Written only when it changed, and never fatal: it is a refresh that the next turn repeats,
      // and a write on every turn made busy moments (200 votes at once) fail turns for nothing.
      if (JSON.stringify(ref) !== JSON.stringify(known.ref ?? {})) {
        await Address.updateOne({ _id: known._id }, { $set: { ref } }).catch(() => undefined);
      }
    }
    return Member.findOne({ _id: known.member, community: community._id });
  }
  const email = (await user.lookupEmail?.())?.trim().toLowerCase();
  if (!email) return null;
  const member = await Member.findOne({ community: community._id, email }).setOptions({ sanitizeFilter: true });
  if (!member) return null;
  try {
    const r = await Address.updateOne(key, { $set: { member: member._id, ref: user.ref ?? {} } }, { upsert: true });
    if (r.upsertedCount || r.modifiedCount) noteFirstContact(member);
  } catch (e) {
    // Two first messages at once (a double click on first contact): the other one stored the address.
    if ((e as { code?: number }).code !== 11000) throw e;
  }
  return member;
}
