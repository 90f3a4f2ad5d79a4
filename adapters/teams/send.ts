/**
 * Posting to Teams: replies within a turn, proactive messages to members and channels
 * (continueConversation, or a new personal chat when a member has none yet), and in-place
 * updates of cards. Every connector call goes through the retry policy.
 */
import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { Address, type AddressDoc } from '../../models/address.js';
import { languageOf } from '../../src/identity.js';
import type { Sender } from '../../src/delivery.js';
import type { Logger } from '../../src/log.js';
import type { Lang, Reply } from '../../src/ui.js';
import { CARD_CONTENT_TYPE, renderReply, type TeamsMessage } from './render.js';
import { DEFAULT_RETRY, RETRYABLE, TeamsSendError, withRetry, type RetryPolicy } from './retry.js';
import { texts } from './texts.js';
import type { MemberRef } from './identity.js';

/** The audience of tokens for the public Bot Framework channel (AuthenticationConstants.ToChannelFromBotOAuthScope). */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

export function toActivity(m: TeamsMessage): Partial<Activity> {
  if (m.kind === 'text') return { type: 'message', text: m.text, textFormat: 'markdown' };
  return { type: 'message', summary: m.summary, attachments: [{ contentType: CARD_CONTENT_TYPE, content: m.card }] };
}

/** Sends one activity in a turn; returns its id. */
async function sendOne(ctx: TurnContext, activity: Partial<Activity>, policy: RetryPolicy): Promise<string> {
  const res = await withRetry('send activity', () => ctx.sendActivity(activity), policy);
  return res?.id ?? '';
}

/**
 * Posts a reply; returns the id of each message posted. A card Teams refuses outright is sent
 * again as its plain text, so the member still gets the content.
 */
export async function postReply(ctx: TurnContext, reply: Reply, lang: Lang, policy: RetryPolicy, log: Logger): Promise<string[]> {
  const ids: string[] = [];
  for (const m of renderReply(reply, { lang })) {
    try {
      ids.push(await sendOne(ctx, toActivity(m), policy));
    } catch (err) {
      if (m.kind !== 'card' || !(err instanceof TeamsSendError) || err.status === undefined || err.status >= 500 || err.status === 429) throw err;
      log.warn({ status: err.status }, 'Teams refused a card; sending its plain text instead');
      ids.push(await sendOne(ctx, { type: 'message', text: m.card.fallbackText, textFormat: 'plain' }, policy));
    }
  }
  return ids;
}

/** Replaces a posted message with the reply (its first card); any further cards are posted after it. */
export async function replaceMessage(ctx: TurnContext, messageId: string, reply: Reply, lang: Lang, policy: RetryPolicy): Promise<void> {
  const [first, ...rest] = renderReply(reply, { lang });
  if (!first) return;
  await withRetry('update activity', () => ctx.updateActivity({ ...toActivity(first), id: messageId, conversation: ctx.activity.conversation }), policy);
  for (const m of rest) await sendOne(ctx, toActivity(m), policy);
}

/** Tells the member, in plain words, that a reply could not be shown. Never throws. */
export async function tellSendFailed(ctx: TurnContext, lang: Lang, log: Logger): Promise<void> {
  try {
    await ctx.sendActivity({ type: 'message', text: texts(lang, 'teams.error.sendFailed') });
  } catch (err) {
    log.error({ status: (err as { statusCode?: number }).statusCode }, 'could not even tell the member that sending failed');
  }
}

export interface TeamsSenderOptions {
  adapter: CloudAdapter;
  appId: string;
  log: Logger;
  retry?: RetryPolicy;
}

/** Delivery's way into Teams: proactive messages and updates by stored conversation reference. */
export class TeamsSender implements Sender {
  readonly platform = 'teams' as const;
  private readonly retry: RetryPolicy;

  constructor(private readonly opts: TeamsSenderOptions) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
  }

  /** The connector's throttling and server faults pass; anything else is its answer. */
  transient(err: unknown): boolean {
    return err instanceof TeamsSendError && err.status !== undefined && (err.status >= 500 || RETRYABLE.has(err.status));
  }

  async send(address: AddressDoc, reply: Reply): Promise<string | undefined> {
    const lang = await langOf(address);
    const ref = await this.referenceFor(address);
    const ids = await this.inConversation(ref, (ctx) => postReply(ctx, reply, lang, this.retry, this.opts.log));
    return ids[0] || undefined;
  }

  async update(address: AddressDoc, messageRef: string, reply: Reply): Promise<void> {
    const lang = await langOf(address);
    const ref = await this.referenceFor(address);
    await this.inConversation(ref, (ctx) => replaceMessage(ctx, messageRef, reply, lang, this.retry));
  }

  /**
   * Runs the logic in a conversation. Errors are carried out of the turn by hand: the adapter's
   * turn-error handler (meant for inbound turns) must not swallow a failed proactive send.
   */
  private async inConversation<T>(ref: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<T>): Promise<T> {
    let result: { ok: true; value: T } | { ok: false; err: unknown } | undefined;
    // Not retried as a whole: the logic sends, and each of its calls has its own retries.
    await this.opts.adapter.continueConversationAsync(this.opts.appId, ref, async (ctx) => {
      // The continuation event's made-up id would otherwise become the replyToId of every post.
      delete (ctx.activity as Partial<Activity>).id;
      try {
        result = { ok: true, value: await logic(ctx) };
      } catch (err) {
        result = { ok: false, err };
      }
    });
    if (!result) throw new TeamsSendError(undefined, 'the conversation turn did not run', 1);
    if (!result.ok) throw result.err;
    return result.value;
  }

  /** Where to post: a channel's stored reference, a member's personal chat (created when missing). */
  private async referenceFor(address: AddressDoc): Promise<Partial<ConversationReference>> {
    if (address.kind === 'channel') {
      const ref = address.ref as Partial<ConversationReference> | undefined;
      if (!ref?.conversation?.id || !ref.serviceUrl) throw new TeamsSendError(undefined, 'the channel has no conversation reference', 0);
      return ref;
    }
    const ref = (address.ref ?? {}) as MemberRef;
    if (ref.personal?.conversation?.id) return ref.personal;
    return this.createPersonalChat(address, ref);
  }

  /** A member the bot knows from a team roster but has never chatted with: open a personal chat. */
  private async createPersonalChat(address: AddressDoc, ref: MemberRef): Promise<Partial<ConversationReference>> {
    if (!ref.serviceUrl || !ref.tenantId || !(ref.userId || ref.aadObjectId)) {
      throw new TeamsSendError(undefined, 'the member has no personal chat and too little is known to open one', 0);
    }
    const bot = { id: ref.bot?.id ?? (this.opts.appId ? `28:${this.opts.appId}` : 'samla'), name: ref.bot?.name ?? 'Samla' };
    let conversationId = '';
    await withRetry(
      'create conversation',
      () =>
        this.opts.adapter.createConversationAsync(
          this.opts.appId,
          'msteams',
          ref.serviceUrl!,
          BOT_FRAMEWORK_AUDIENCE,
          {
            isGroup: false,
            bot,
            members: [{ id: ref.userId ?? ref.aadObjectId!, name: '' }],
            tenantId: ref.tenantId,
            channelData: { tenant: { id: ref.tenantId } },
          } as Parameters<CloudAdapter['createConversationAsync']>[4],
          async (ctx) => {
            conversationId = ctx.activity.conversation.id;
          },
        ),
      this.retry,
    );
    if (!conversationId) throw new TeamsSendError(undefined, 'Teams opened no personal chat', 1);
    const personal: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: ref.serviceUrl,
      bot,
      user: { id: ref.userId ?? ref.aadObjectId!, name: '', aadObjectId: ref.aadObjectId },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: ref.tenantId, isGroup: false, name: '' },
    };
    await Address.updateOne({ _id: address._id }, { $set: { 'ref.personal': personal } });
    return personal;
  }
}

const langOf = (address: AddressDoc): Promise<Lang> => languageOf(address, 'nb');
