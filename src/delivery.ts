/**
 * Sends a Reply to a member or to a body's channel on whichever platform they are reachable on.
 * Jobs and dialogs use this; each adapter registers a Sender for its platform.
 * Replies are built per recipient, so each one gets their own language.
 */
import type { Types } from 'mongoose';
import { Address, type AddressDoc } from '../models/address.js';
import { Community, type CommunityDoc } from '../models/community.js';
import { Member, type MemberDoc } from '../models/member.js';
import { SentMessage } from '../models/sent-message.js';
import { noteFirstContact } from './identity.js';
import type { Logger } from './log.js';
import type { Lang, Platform, Reply } from './ui.js';

type Id = Types.ObjectId | string;

export interface Sender {
  platform: Platform;
  /** Posts the reply; returns the platform's message id when it can be updated later. */
  send(address: AddressDoc, reply: Reply): Promise<string | undefined>;
  update?(address: AddressDoc, messageRef: string, reply: Reply): Promise<void>;
  /**
   * Finds a member who never wrote to the bot on this platform (e.g. by e-mail) and stores their
   * address; null when the platform does not know them. Asked only when the member has no address
   * on any registered platform and their community is bound to this platform.
   */
  reach?(member: MemberDoc, community: CommunityDoc): Promise<AddressDoc | null>;
  /**
   * Whether a failure of send or reach will likely pass if tried again later (rate limited, a
   * server error, the network): the caller may retry. Anything else is the platform's answer.
   */
  transient?(err: unknown): boolean;
}

/** Whether a community has a workspace (Slack) or tenant (Teams) on the platform, so its members may be found there. */
function boundTo(community: CommunityDoc, platform: Platform): boolean {
  if (platform === 'slack') return (community.slackTeamIds ?? []).length > 0;
  if (platform === 'teams') return (community.teamsTenantIds ?? []).length > 0;
  return false;
}

/** Builds a member's message in their language; null means nothing to send to them. */
export type BuildForMember = (lang: Lang, member: MemberDoc) => Reply | null | Promise<Reply | null>;
export type BuildForChannel = (lang: Lang) => Reply;

export interface DeliveryResult {
  delivered: boolean;
  platform?: Platform;
  /** The builder had nothing to send to this member. */
  skipped?: boolean;
  /** Not delivered, but a later try may well succeed (the platform was rate limiting or failing). */
  transient?: boolean;
  /** Not delivered: the member has no address on any platform yet. */
  unreachable?: boolean;
}

export class Delivery {
  private readonly senders = new Map<Platform, Sender>();
  /** Used for members with no address on a registered platform (the console, where everyone is local). */
  private fallback: Sender | null = null;

  constructor(private readonly log: Logger) {}

  register(sender: Sender): void {
    this.senders.set(sender.platform, sender);
  }

  setFallback(sender: Sender | null): void {
    this.fallback = sender;
  }

  platforms(): Platform[] {
    return [...this.senders.keys()];
  }

  async toMember(memberOrId: MemberDoc | Id, build: BuildForMember, opts: { key?: string } = {}): Promise<DeliveryResult> {
    const member = typeof memberOrId === 'object' && 'email' in memberOrId ? memberOrId : await Member.findById(memberOrId);
    if (!member) return { delivered: false };
    const lang = await this.langOf(member);
    const reply = await build(lang, member);
    if (!reply) return { delivered: false, skipped: true };
    const addresses = await Address.find({
      community: member.community,
      kind: 'member',
      member: member._id,
      platform: { $in: this.platforms() },
    }).sort({ updatedAt: -1 });
    // Members who never wrote to the bot have no address yet: the platforms may find them.
    const found = addresses[0] ?? (await this.reach(member));
    if (found === 'transient') return { delivered: false, transient: true };
    if (found) return this.sendTo(found, reply, opts.key);
    if (this.fallback) {
      const pseudo = new Address({
        community: member.community,
        platform: this.fallback.platform,
        kind: 'member',
        member: member._id,
        externalId: member.email,
        ref: { name: member.name },
      });
      await this.fallback.send(pseudo, reply);
      return { delivered: true, platform: this.fallback.platform };
    }
    this.log.warn({ member: String(member._id), community: String(member.community) }, 'member not reachable on any platform');
    return { delivered: false, unreachable: true };
  }

  /** Posts to every channel bound to the body, in the community's language. */
  async toBody(community: Id, body: Id, build: BuildForChannel, opts: { key?: string } = {}): Promise<DeliveryResult[]> {
    const c = await Community.findById(community);
    const lang = (c?.defaultLang ?? 'nb') as Lang;
    const addresses = await Address.find({ community, kind: 'channel', body, platform: { $in: this.platforms() } });
    const results: DeliveryResult[] = [];
    for (const a of addresses) results.push(await this.sendTo(a, build(lang), opts.key));
    if (addresses.length === 0 && this.fallback) {
      const pseudo = new Address({ community, platform: this.fallback.platform, kind: 'channel', body, externalId: String(body), ref: {} });
      await this.fallback.send(pseudo, build(lang));
      results.push({ delivered: true, platform: this.fallback.platform });
    }
    return results;
  }

  /** Updates every copy of a message posted under the key. */
  async update(community: Id, key: string, build: BuildForChannel): Promise<number> {
    const c = await Community.findById(community);
    const lang = (c?.defaultLang ?? 'nb') as Lang;
    const sent = await SentMessage.find({ community, key });
    let n = 0;
    for (const s of sent) {
      const sender = this.senders.get(s.platform as Platform);
      const address = await Address.findById(s.address);
      if (!sender?.update || !address) continue;
      try {
        await sender.update(address, s.ref, build(lang));
        n++;
      } catch (err) {
        this.log.error({ err, platform: s.platform }, 'message update failed');
      }
    }
    return n;
  }

  /**
   * Asks each platform the member's community is bound to for a new address; the first found wins.
   * 'transient': no platform found them, and one of them could not answer for now.
   */
  private async reach(member: MemberDoc): Promise<AddressDoc | null | 'transient'> {
    const reachers = [...this.senders.values()].filter((s) => s.reach);
    if (!reachers.length) return null;
    const community = await Community.findById(member.community);
    if (!community) return null;
    let passing = false;
    for (const sender of reachers) {
      if (!boundTo(community, sender.platform)) continue;
      try {
        const address = await sender.reach!(member, community);
        if (address) {
          noteFirstContact(member);
          return address;
        }
      } catch (err) {
        // Ids only: the e-mail the platform was asked about stays out of the log.
        this.log.error({ err, platform: sender.platform, member: String(member._id) }, 'looking up a member on the platform failed');
        if (sender.transient?.(err)) passing = true;
      }
    }
    return passing ? 'transient' : null;
  }

  private async sendTo(address: AddressDoc, reply: Reply, key?: string): Promise<DeliveryResult> {
    const sender = this.senders.get(address.platform as Platform);
    if (!sender) return { delivered: false };
    try {
      const ref = await sender.send(address, reply);
      if (key && ref) {
        await SentMessage.updateOne({ community: address.community, key, address: address._id }, { $set: { ref, platform: address.platform } }, { upsert: true });
      }
      return { delivered: true, platform: address.platform as Platform };
    } catch (err) {
      const transient = sender.transient?.(err) === true;
      this.log.error({ err, platform: address.platform, transient }, 'delivery failed');
      return { delivered: false, platform: address.platform as Platform, ...(transient ? { transient } : {}) };
    }
  }

  private async langOf(member: MemberDoc): Promise<Lang> {
    if (member.lang) return member.lang as Lang;
    const c = await Community.findById(member.community);
    return (c?.defaultLang ?? 'nb') as Lang;
  }
}
