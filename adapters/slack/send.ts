/**
 * Everything the adapter sends to Slack: one wrapper around the Web API that logs failures with
 * the method and Slack's error code (never a token or message text), the Sender that delivery uses
 * for reminders and channel posts, and the routine that puts the replies to a member's turn where
 * they belong (the conversation, an ephemeral message, a DM or a modal).
 */
import type { WebClient } from '@slack/web-api';
import { Address, type AddressDoc } from '../../models/address.js';
import { connectedCommunity } from '../../src/identity.js';
import type { Logger } from '../../src/log.js';
import { SamlaError } from '../../src/errors.js';
import { platformCall } from '../../src/metrics.js';
import type { Sender } from '../../src/delivery.js';
import { texts as coreTexts } from '../../src/texts.js';
import type { Form, Lang, Reply } from '../../src/ui.js';
import { renderMessages, renderModal, renderSingleMessage } from './render.js';
import type { SlackMessage } from './limits.js';

/** Marks messages that delivery sent on its own (reminders, notices, channel posts) rather than as a reply. */
export const DELIVERY_EVENT_TYPE = 'samla_delivery';

/** Slack's own answers (ok: false) that say "not now" rather than "no". */
const PASSING_SLACK_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * Whether a WebClient failure may pass: the request never got an answer (network, timeout, or the
 * client gave up waiting out 429s), the server failed (5xx) or rate limited, or Slack said "not now".
 */
function passing(err: unknown, slackError: string): boolean {
  const e = err as { code?: string; statusCode?: number } | null;
  if (e?.code === 'slack_webapi_request_error' || e?.code === 'slack_webapi_rate_limited_error') return true;
  if (e?.code === 'slack_webapi_http_error') return (e.statusCode ?? 0) >= 500 || e.statusCode === 429;
  return PASSING_SLACK_ERRORS.has(slackError);
}

/** A Web API call that failed, wrapped at the edge: the method and Slack's error code, never the request. */
export class SlackCallError extends SamlaError {
  constructor(
    readonly method: string,
    readonly slackError: string,
    /** Trying again later may succeed (see `passing`). */
    readonly transient = false,
  ) {
    super('slack_call_failed', `Slack ${method} failed: ${slackError}`, { method, slackError, transient });
    this.name = 'SlackCallError';
  }
}

type Args = Record<string, unknown>;
type Respond = (msg: Args) => Promise<unknown>;

export class SlackApi {
  constructor(
    readonly client: WebClient,
    private readonly log: Logger,
  ) {}

  /**
   * Calls a Web API method. 429s are retried by the WebClient after Retry-After; anything else is
   * logged and thrown. Error codes in `expected` are answers, not failures: logged at debug only.
   */
  async call<T = Args>(method: string, args: Args, expected: readonly string[] = []): Promise<T> {
    try {
      return (await platformCall('slack', method, this.client.apiCall(method, args))) as T;
    } catch (err) {
      const e = err as { code?: string; data?: { error?: string }; message?: string };
      const slackError = e.data?.error ?? e.code ?? 'unknown_error';
      if (expected.includes(slackError)) this.log.debug({ method, slackError }, 'Slack Web API answered no');
      else this.log.error({ method, slackError }, 'Slack Web API call failed');
      throw new SlackCallError(method, slackError, passing(err, slackError));
    }
  }

  /**
   * The member's DM with the bot: the id kept on their address in the workspace's community once
   * known (see slackSender), else opened and, when they have an address, kept.
   */
  async knownDmChannel(userId: string, team?: string): Promise<string> {
    const community = team ? await connectedCommunity('slack', team) : null;
    if (!community) return this.dmChannel(userId);
    const a = await Address.findOne({ community: community._id, platform: 'slack', kind: 'member', externalId: userId });
    const stored = (a?.ref as { dm?: string } | undefined)?.dm;
    if (stored) return stored;
    const dm = await this.dmChannel(userId);
    if (a) await Address.updateOne({ _id: a._id }, { $set: { 'ref.dm': dm } });
    return dm;
  }

  async dmChannel(userId: string): Promise<string> {
    const r = await this.call<{ channel?: { id?: string } }>('conversations.open', { users: userId });
    const id = r.channel?.id;
    if (!id) throw new SlackCallError('conversations.open', 'no_channel');
    return id;
  }

  async post(channel: string, m: SlackMessage, extra: Args = {}): Promise<string | undefined> {
    const r = await this.call<{ ts?: string }>('chat.postMessage', { channel, text: m.text, blocks: m.blocks, unfurl_links: false, ...extra });
    return r.ts;
  }
}

/** Where the replies to one turn go. */
export interface ReplyTarget {
  userId: string;
  lang: Lang;
  /** The channel the turn came from; non-private replies are posted there. */
  channel?: string;
  thread_ts?: string;
  /** The member's DM with the bot, when the turn came from it. */
  dm?: string;
  /** The response_url of a slash command, click or shortcut: ephemeral answers in place. */
  respond?: Respond;
  /** Everything is private (the turn came from an ephemeral message or a direct slash command). */
  allPrivate?: boolean;
  /** A trigger id, good for opening one modal within 3 seconds. */
  triggerId?: string;
  /** The workspace, to find what is stored about the member there. */
  team?: string;
  /** The message a click came from, for replies that replace it. */
  source?: { channel: string; ts: string; ephemeral: boolean };
}

export class ReplyPoster {
  constructor(private readonly api: SlackApi) {}

  /**
   * Posts the replies in order. A form opens as a modal while a trigger id is at hand (once);
   * otherwise it arrives as a button that opens it. A failure is logged (by SlackApi) and the
   * member is told something went wrong — never silence.
   */
  async post(target: ReplyTarget, replies: Reply[]): Promise<void> {
    let trigger = target.triggerId;
    try {
      for (const r of replies) {
        if (r.replacesSource) {
          await this.replaceSource(target, r);
          continue;
        }
        const form = r.elements?.find((e): e is { type: 'form'; form: Form } => e.type === 'form')?.form;
        if (form && trigger) {
          const rest = r.elements!.filter((e) => e.type !== 'form');
          await this.api.call('views.open', { trigger_id: trigger, view: renderModal(form, target.channel ? { c: target.channel } : {}, target.lang) });
          trigger = undefined;
          if (rest.some((e) => e.type !== 'section' || e.text !== r.text)) await this.postOne(target, { ...r, elements: rest });
          continue;
        }
        await this.postOne(target, r);
      }
    } catch {
      await this.tellFailure(target);
    }
  }

  /**
   * Updates the message clicked, when it is the member's own: in their DM with the bot
   * (chat.update) or ephemeral (only its response_url can replace it). A message in a channel
   * is everyone's and stays as it is; so does anything when there is no message (a modal).
   */
  private async replaceSource(target: ReplyTarget, r: Reply): Promise<void> {
    const s = target.source;
    if (!s) return;
    const m = renderSingleMessage(r, target.lang);
    if (s.ephemeral) {
      if (target.respond) await this.respond(target.respond, { response_type: 'ephemeral', replace_original: true, text: m.text, blocks: m.blocks });
    } else if (s.channel.startsWith('D')) {
      await this.api.call('chat.update', { channel: s.channel, ts: s.ts, text: m.text, blocks: m.blocks });
    }
  }

  private async postOne(target: ReplyTarget, r: Reply): Promise<void> {
    const isPrivate = target.allPrivate || r.visibility === 'private';
    for (const m of renderMessages(r, target.lang)) {
      if (target.channel && !isPrivate) {
        await this.api.post(target.channel, m, target.thread_ts ? { thread_ts: target.thread_ts } : {});
      } else if (target.dm) {
        await this.api.post(target.dm, m);
      } else if (target.respond) {
        await this.respond(target.respond, { response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks });
      } else if (target.channel) {
        await this.api.call('chat.postEphemeral', { channel: target.channel, user: target.userId, text: m.text, blocks: m.blocks });
      } else {
        await this.api.post(await this.api.knownDmChannel(target.userId, target.team), m);
      }
    }
  }

  private async respond(respond: Respond, msg: Args): Promise<void> {
    try {
      await respond(msg);
    } catch (err) {
      throw new SlackCallError('response_url', (err as Error).message ?? 'failed');
    }
  }

  private async tellFailure(target: ReplyTarget): Promise<void> {
    const text = coreTexts(target.lang, 'core.error.somethingWrong');
    try {
      if (target.respond) await target.respond({ response_type: 'ephemeral', replace_original: false, text });
      else await this.api.call('chat.postMessage', { channel: target.dm ?? (await this.api.knownDmChannel(target.userId, target.team)), text });
    } catch {
      // Already logged with method and error code; nothing more we can reach the member with.
    }
  }
}

/** Slack's answers for a DM channel id that no longer works: open the DM again. */
const STALE_DM = ['channel_not_found', 'is_archived', 'not_in_channel'];

/** The Sender delivery uses for messages nobody asked for in this turn: reminders, notices, channel posts. */
export function slackSender(api: SlackApi, langOf: (address: AddressDoc) => Promise<Lang>): Sender {
  /**
   * A member's DM channel id is stored on their address once opened: conversations.open before
   * every DM would spend a large share of Slack's rate budget on a fan-out to thousands.
   */
  const openDm = async (address: AddressDoc): Promise<string> => {
    const ref = (address.ref ?? {}) as { userId?: string };
    const dm = await api.dmChannel(ref.userId ?? address.externalId);
    await Address.updateOne({ _id: address._id }, { $set: { 'ref.dm': dm } });
    return dm;
  };
  const target = async (address: AddressDoc): Promise<{ channel: string | null; stored: boolean }> => {
    const ref = (address.ref ?? {}) as { channel?: string; dm?: string };
    if (address.kind === 'channel') return { channel: ref.channel ?? null, stored: false };
    if (ref.dm) return { channel: ref.dm, stored: true };
    return { channel: await openDm(address), stored: false };
  };
  return {
    platform: 'slack',
    transient: (err) => err instanceof SlackCallError && err.transient,
    async send(address, reply) {
      let { channel, stored } = await target(address);
      if (!channel) throw new SlackCallError('chat.postMessage', 'no_channel_for_address');
      let first: string | undefined;
      for (const m of renderMessages(reply, await langOf(address))) {
        const extra = { metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: {} } };
        let ts: string | undefined;
        try {
          ts = await api.post(channel, m, extra);
        } catch (err) {
          if (!stored || first || !(err instanceof SlackCallError) || !STALE_DM.includes(err.slackError)) throw err;
          channel = await openDm(address);
          stored = false;
          ts = await api.post(channel, m, extra);
        }
        first ??= ts;
      }
      // The channel and ts together identify the message for a later update.
      return first ? `${channel}|${first}` : undefined;
    },
    async update(address, messageRef, reply) {
      const [channel, ts] = messageRef.split('|');
      const m = renderSingleMessage(reply, await langOf(address));
      await api.call('chat.update', { channel, ts, text: m.text, blocks: m.blocks });
    },
  };
}
