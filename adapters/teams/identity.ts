/**
 * Who is talking in Teams, and how to reach them again. A user is keyed by their AAD object id;
 * the e-mail (or user principal name) comes from TeamsInfo.getMember and is asked for only on
 * first contact (the core calls lookupEmail only then). Conversation references are stored
 * without the activity id, so a later proactive message starts a new post instead of replying.
 */
import { TeamsInfo, TurnContext, type Activity, type ChannelAccount, type ConversationReference } from 'botbuilder';
import type { PlatformUser } from '../../src/identity.js';
import type { Logger } from '../../src/log.js';

/** What the Teams adapter keeps in a member's Address.ref. */
export interface MemberRef {
  userId?: string;
  aadObjectId?: string;
  tenantId?: string;
  serviceUrl?: string;
  bot?: { id: string; name?: string };
  /** The personal chat with the bot, once there is one. */
  personal?: Partial<ConversationReference>;
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const cd = activity.channelData as { tenant?: { id?: string } } | undefined;
  return cd?.tenant?.id ?? activity.conversation?.tenantId ?? undefined;
}

/** A channel post's conversation id carries «;messageid=…» for its thread; the channel is the part before. */
export function baseConversationId(id: string): string {
  return id.split(';messageid=')[0]!;
}

/** The Teams channel (or group chat) a message came from. */
export function channelIdOf(activity: Partial<Activity>): string {
  const cd = activity.channelData as { channel?: { id?: string } } | undefined;
  return cd?.channel?.id ?? baseConversationId(activity.conversation?.id ?? '');
}

export function isPersonal(activity: Partial<Activity>): boolean {
  return activity.conversation?.conversationType === 'personal' || (!activity.conversation?.isGroup && !activity.conversation?.conversationType);
}

/** A reference for posting into this conversation later: a new top-level post, not a reply. */
export function conversationRef(activity: Partial<Activity>): Partial<ConversationReference> {
  const ref = TurnContext.getConversationReference(activity);
  delete ref.activityId;
  if (ref.conversation) ref.conversation = { ...ref.conversation, id: baseConversationId(ref.conversation.id) };
  return JSON.parse(JSON.stringify(ref)) as Partial<ConversationReference>;
}

/** The user's stable id: the AAD object id (the Emulator has none, so its user id stands in). */
export function externalIdOf(account: Partial<ChannelAccount> | undefined): string {
  return account?.aadObjectId ?? account?.id ?? '';
}

export function memberRef(activity: Partial<Activity>, user: Partial<ChannelAccount>): MemberRef {
  const ref: MemberRef = {
    userId: user.id,
    aadObjectId: user.aadObjectId,
    tenantId: tenantOf(activity),
    serviceUrl: activity.serviceUrl,
    bot: activity.recipient ? { id: activity.recipient.id, name: activity.recipient.name } : undefined,
  };
  if (isPersonal(activity) && user.id === activity.from?.id) ref.personal = conversationRef(activity);
  return JSON.parse(JSON.stringify(ref)) as MemberRef;
}

/** The e-mail of a Teams user, from the member roster. Null when Teams does not say. */
export async function lookupEmail(ctx: TurnContext, userId: string, log: Logger): Promise<string | null> {
  try {
    const m = await TeamsInfo.getMember(ctx, userId);
    return m.email ?? m.userPrincipalName ?? null;
  } catch (err) {
    log.warn({ status: (err as { statusCode?: number }).statusCode }, 'Teams member look-up failed');
    return null;
  }
}

/**
 * Bot Framework Emulator (local testing only) has no tenant and no Teams roster: there the user's
 * name or id, when it is an e-mail address, stands for their e-mail.
 */
export function emulatorEmail(activity: Partial<Activity>): string | null {
  if (activity.channelId !== 'emulator') return null;
  const candidates = [activity.from?.name, activity.from?.id];
  return candidates.find((c): c is string => typeof c === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c)) ?? null;
}

/** The sender of this activity as the core sees them. */
export function platformUser(ctx: TurnContext, log: Logger, opts: { emulator?: boolean } = {}): PlatformUser {
  const from = ctx.activity.from;
  return {
    externalId: externalIdOf(from),
    lookupEmail: async () => (opts.emulator ? emulatorEmail(ctx.activity) : null) ?? lookupEmail(ctx, from.id, log),
    ref: memberRef(ctx.activity, from) as Record<string, unknown>,
  };
}
