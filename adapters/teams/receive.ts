/**
 * Inbound Teams traffic: POST /api/messages through the CloudAdapter (which verifies the Bot
 * Framework token when an app id is set), turned into the core's Incoming. Messages in the
 * personal chat and @mentions in channels become text; card clicks become actions or form
 * submissions; installs and roster changes store where the bot can reach members and channels;
 * the «samlaContribute» message action hands a message's text to the core.
 */
import express, { type Request, type Response } from 'express';
import { ActivityTypes, TeamsInfo, TurnContext, type Activity, type CloudAdapter } from 'botbuilder';
import { Address } from '../../models/address.js';
import { SentMessage } from '../../models/sent-message.js';
import type { App } from '../../src/platform.js';
import type { Incoming, Outcome } from '../../src/bot.js';
import { communityFor, identify } from '../../src/identity.js';
import type { CommunityDoc } from '../../models/community.js';
import { formsIn, type Lang, type Reply } from '../../src/ui.js';
import { decodeSubmission } from './card-data.js';
import { activitySchema, teamsEdge } from './edge.js';
import { channelIdOf, conversationRef, externalIdOf, isPersonal, lookupEmail, memberRef, platformUser, tenantOf, type MemberRef } from './identity.js';
import { DEFAULT_RETRY, TeamsSendError, type RetryPolicy } from './retry.js';
import { postReply, replaceMessage, tellSendFailed, type TeamsSender } from './send.js';
import { texts } from './texts.js';

/** The command id of the message action declared in the app manifest. */
export const CONTRIBUTE_COMMAND = 'samlaContribute';

export interface ReceiverOptions {
  app: App;
  adapter: CloudAdapter;
  sender: TeamsSender;
  authEnabled: boolean;
  retry?: RetryPolicy;
}

/** Numeric character references (&#8203;, &#x2F;) as the characters they stand for, so the guards see them. */
function decodeCharRefs(s: string): string {
  return s.replace(/&#(?:x([0-9a-f]{1,6})|(\d{1,7}));/gi, (m, hex: string | undefined, dec: string | undefined) => {
    const cp = hex ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/** Mentions and the little HTML Teams puts around a typed message, removed. */
export function messageText(activity: Partial<Activity>): string {
  const withoutBot = activity.recipient ? TurnContext.removeRecipientMention(activity) : activity.text;
  return decodeCharRefs(
    (withoutBot ?? activity.text ?? '')
      .replace(/<at>[^<]*<\/at>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/<[^>]+>/g, ''),
  ).trim();
}

/** The plain text of a message a message action was invoked on (Teams sends it as HTML). */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(?:x[0-9a-f]{1,6}|\d{1,7});/gi, (m) => decodeCharRefs(m))
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export class TeamsReceiver {
  private readonly retry: RetryPolicy;
  private readonly log;

  constructor(private readonly opts: ReceiverOptions) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.log = opts.app.log.child({ adapter: 'teams' });
    opts.adapter.onTurnError = async (ctx, err) => {
      this.log.error({ err: { message: (err as Error)?.message, name: (err as Error)?.name } }, 'Teams turn failed');
      if (ctx.activity.type === ActivityTypes.Message) await tellSendFailed(ctx, this.opts.app.config.SAMLA_DEFAULT_LANG, this.log);
    };
  }

  mount(): void {
    const route = express.Router();
    route.post('/api/messages', ...teamsEdge(), (req: Request, res: Response) => this.handle(req, res));
    this.opts.app.http.app.use(route);
  }

  /**
   * An activity from a Teams client of Samla's own (the chat page, adapters/teams/webchat/), run
   * through the same checks and the same turn as one posted to /api/messages. Only without an
   * app id, where the adapter authenticates nobody anyway.
   */
  async processDirect(activity: Record<string, unknown>): Promise<void> {
    if (this.opts.authEnabled) throw new Error('the Teams adapter takes activities directly only without an app id');
    if (!activitySchema.safeParse(activity).success) throw new Error('not a Teams activity');
    await this.opts.adapter.processActivityDirect('', activity as unknown as Activity, (ctx) => this.turn(ctx));
  }

  private async handle(req: Request, res: Response): Promise<void> {
    // A request without any token is refused before botbuilder sees it (it would only log a stack).
    if (this.opts.authEnabled && !req.headers.authorization) {
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    await this.opts.adapter.process(req as never, res as never, (ctx) => this.turn(ctx));
  }

  private async turn(ctx: TurnContext): Promise<void> {
    switch (ctx.activity.type) {
      case ActivityTypes.Message:
        return this.onMessage(ctx);
      case ActivityTypes.ConversationUpdate:
        return this.onConversationUpdate(ctx);
      case ActivityTypes.InstallationUpdate:
        if (String(ctx.activity.action ?? '').startsWith('add')) return this.onBotAdded(ctx);
        return;
      case ActivityTypes.Invoke:
        return this.onInvoke(ctx);
      default:
        return;
    }
  }

  /** Bot Framework Emulator, which only talks to a bot without an app id, outside production. */
  private emulator(ctx: TurnContext): boolean {
    return ctx.activity.channelId === 'emulator' && !this.opts.authEnabled && this.opts.app.config.NODE_ENV !== 'production';
  }

  /** The Teams tenant; the Emulator has none, so it gets one of its own (a lone demo community adopts it). */
  private tenant(ctx: TurnContext): string | undefined {
    return tenantOf(ctx.activity) ?? (this.emulator(ctx) ? 'emulator' : undefined);
  }

  private community(ctx: TurnContext): Promise<CommunityDoc | null> {
    const tenant = this.tenant(ctx);
    if (!tenant) return Promise.resolve(null);
    return communityFor('teams', tenant, this.opts.app.config.NODE_ENV !== 'production');
  }

  // ── messages and card clicks ──────────────────────────────────────────────────────────────

  /** The parts of an Incoming every kind of turn shares. */
  private base(ctx: TurnContext): Omit<Incoming, 'kind'> {
    const a = ctx.activity;
    const personal = isPersonal(a);
    return {
      platform: 'teams',
      tenant: this.tenant(ctx),
      user: platformUser(ctx, this.log, { emulator: this.emulator(ctx) }),
      conversationId: personal ? a.conversation.id : channelIdOf(a),
      where: personal ? 'direct' : 'channel',
      ...(personal ? {} : { channelExternalId: channelIdOf(a), channelRef: conversationRef(a) as Record<string, unknown> }),
      eventId: a.id,
      // The channel's time of the act (a Date once botbuilder has read the activity; a string in tests' raw JSON).
      ...(a.timestamp ? { at: new Date(a.timestamp) } : {}),
    };
  }

  private async onMessage(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    let inc: Incoming;
    if (a.value !== undefined && a.value !== null) {
      const d = decodeSubmission(a.value);
      inc =
        d.kind === 'submit'
          ? { ...this.base(ctx), kind: 'submit', action: d.action, values: d.values }
          : // An unknown card (an old version, another bot's) becomes an action the core calls expired.
            { ...this.base(ctx), kind: 'action', action: d.kind === 'action' ? d.action : undefined };
    } else {
      const text = messageText(a);
      if (!text) return;
      inc = { ...this.base(ctx), kind: 'text', text };
    }
    const outcome = await this.opts.app.core.receive(inc);
    if (outcome.duplicate) return;
    await this.answer(ctx, inc, outcome);
  }

  /** Posts the outcome's replies; a form that came back with errors replaces the card it came from. */
  private async answer(ctx: TurnContext, inc: Incoming, outcome: Outcome): Promise<void> {
    const lang = outcome.lang;
    const replyTo = ctx.activity.replyToId;
    try {
      for (const reply of outcome.replies) {
        if (reply.replacesSource) {
          // Only the member's own card in their personal chat; a card in a channel is everyone's.
          if (replyTo && inc.kind !== 'text' && inc.where === 'direct') await replaceMessage(ctx, replyTo, reply, lang, this.retry);
          continue;
        }
        // Teams has no ephemeral messages. A click or submission in a channel is invisible to the
        // others, so its private answer goes to the member's personal chat, never into the channel
        // (e.g. «your vote is recorded: …» in an anonymous poll). Something typed in the channel
        // is answered in its thread, where it was asked.
        if (reply.visibility === 'private' && inc.where === 'channel' && inc.kind !== 'text' && outcome.member) {
          const r = await this.opts.app.delivery.toMember(outcome.member, () => reply);
          if (r.delivered) continue;
        }
        if (outcome.rejectedForm && replyTo && formsIn(reply).includes(outcome.rejectedForm)) {
          await replaceMessage(ctx, replyTo, reply, lang, this.retry);
        } else if (reply.updateKey && outcome.community) {
          await this.postOrUpdate(ctx, inc, outcome.community, reply, lang);
        } else {
          await postReply(ctx, reply, lang, this.retry, this.log);
        }
      }
    } catch (err) {
      if (!(err instanceof TeamsSendError)) throw err;
      this.log.error({ status: err.status, attempts: err.attempts, error: err.message }, 'Teams reply failed');
      await tellSendFailed(ctx, lang, this.log);
    }
  }

  /** A reply with an update key replaces the message posted under that key in this conversation. */
  private async postOrUpdate(ctx: TurnContext, inc: Incoming, community: CommunityDoc, reply: Reply, lang: Lang): Promise<void> {
    const key =
      inc.where === 'channel'
        ? { community: community._id, platform: 'teams', kind: 'channel' as const, externalId: inc.channelExternalId! }
        : { community: community._id, platform: 'teams', kind: 'member' as const, externalId: inc.user.externalId };
    if (inc.where === 'channel') {
      await Address.updateOne(key, { $setOnInsert: { ref: inc.channelRef ?? {} } }, { upsert: true });
    }
    const address = await Address.findOne(key);
    const sent = address ? await SentMessage.findOne({ community: community._id, key: reply.updateKey, address: address._id }) : null;
    if (sent) {
      await replaceMessage(ctx, sent.ref, reply, lang, this.retry);
      return;
    }
    const [id] = await postReply(ctx, reply, lang, this.retry, this.log);
    if (address && id) {
      await SentMessage.updateOne({ community: community._id, key: reply.updateKey, address: address._id }, { $set: { ref: id, platform: 'teams' } }, { upsert: true });
    }
  }

  // ── installs and rosters ──────────────────────────────────────────────────────────────────

  private async onConversationUpdate(ctx: TurnContext): Promise<void> {
    const added = ctx.activity.membersAdded ?? [];
    if (added.some((m) => m.id === ctx.activity.recipient.id)) return this.onBotAdded(ctx);
    // People added to a team or chat the bot is already in: remember how to reach them.
    const community = await this.community(ctx);
    if (!community) return;
    for (const m of added) {
      await identify(community, 'teams', {
        externalId: externalIdOf(m),
        lookupEmail: () => lookupEmail(ctx, m.id, this.log),
        ref: memberRef(ctx.activity, m) as Record<string, unknown>,
      });
    }
  }

  /**
   * The app was added: in a personal chat, store the member's chat; in a team or group chat, store
   * the conversation as a channel (unbound until the secretariat runs «kanal <organ>» there) and
   * every member of the roster, so jobs can reach them.
   */
  private async onBotAdded(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const community = await this.community(ctx);
    if (!community) {
      this.log.warn({ tenant: tenantOf(a) }, 'Samla was added in a Teams tenant that belongs to no community');
      return;
    }
    if (isPersonal(a)) {
      await identify(community, 'teams', platformUser(ctx, this.log, { emulator: this.emulator(ctx) }));
      return;
    }
    await Address.updateOne({ community: community._id, platform: 'teams', kind: 'channel', externalId: channelIdOf(a) }, { $set: { ref: conversationRef(a) } }, { upsert: true });
    await this.storeRoster(ctx, community);
  }

  private async storeRoster(ctx: TurnContext, community: CommunityDoc): Promise<void> {
    let token: string | undefined;
    let pages = 0;
    do {
      let page;
      try {
        page = await TeamsInfo.getPagedMembers(ctx, 100, token);
      } catch (err) {
        this.log.warn({ status: (err as { statusCode?: number }).statusCode }, 'could not read the Teams roster');
        return;
      }
      for (const m of page.members ?? []) {
        const email = m.email ?? m.userPrincipalName ?? null;
        const ref: MemberRef = { ...memberRef(ctx.activity, m) };
        await identify(community, 'teams', { externalId: externalIdOf(m), lookupEmail: async () => email, ref: ref as Record<string, unknown> });
      }
      token = page.continuationToken || undefined;
    } while (token && ++pages < 200);
  }

  // ── the message action ────────────────────────────────────────────────────────────────────

  private async onInvoke(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const value = (a.value ?? {}) as { commandId?: string; messagePayload?: { body?: { content?: string; contentType?: string } } };
    const isAction = a.name === 'composeExtension/fetchTask' || a.name === 'composeExtension/submitAction';
    const messageAction = this.opts.app.messageAction;
    if (!isAction || value.commandId !== CONTRIBUTE_COMMAND || !messageAction) {
      await this.invokeResponse(ctx, {});
      return;
    }
    const body = value.messagePayload?.body;
    const text = body?.contentType === 'html' || /<[a-z][\s\S]*>/i.test(body?.content ?? '') ? htmlToText(body?.content ?? '') : (body?.content ?? '').trim();
    // The dialog goes on in the member's personal chat, where its buttons and forms are answered.
    const personalId = await this.personalChatOf(ctx);
    const inc: Incoming = {
      ...this.base(ctx),
      conversationId: personalId ?? a.conversation.id,
      where: 'direct',
      channelExternalId: undefined,
      channelRef: undefined,
      kind: 'action',
      action: messageAction,
      text,
    };
    const outcome = await this.opts.app.core.receive(inc);
    const lang = outcome.lang;
    let note = outcome.replies.map((r) => r.text).join('\n');
    if (outcome.member && outcome.community && outcome.replies.length) {
      const address = await Address.findOne({ community: outcome.community._id, platform: 'teams', kind: 'member', member: outcome.member._id });
      if (address) {
        try {
          for (const r of outcome.replies) await this.opts.sender.send(address, r);
          note = texts(lang, 'teams.notice.seeChat');
        } catch (err) {
          this.log.error({ status: (err as TeamsSendError).status }, 'could not post the message action’s answer');
          note = texts(lang, 'teams.error.sendFailed');
        }
      }
    }
    if (a.name === 'composeExtension/fetchTask') await this.invokeResponse(ctx, { task: { type: 'message', value: note.slice(0, 1000) } });
    else await this.invokeResponse(ctx, { composeExtension: { type: 'message', text: note.slice(0, 1000) } });
  }

  private async personalChatOf(ctx: TurnContext): Promise<string | undefined> {
    const community = await this.community(ctx);
    if (!community) return undefined;
    const address = await Address.findOne({ community: community._id, platform: 'teams', kind: 'member', externalId: externalIdOf(ctx.activity.from) });
    return (address?.ref as MemberRef | undefined)?.personal?.conversation?.id;
  }

  private async invokeResponse(ctx: TurnContext, body: unknown): Promise<void> {
    await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
  }
}
