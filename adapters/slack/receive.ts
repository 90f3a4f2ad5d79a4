/**
 * What Slack sends us, turned into the core's Incoming: slash commands, DMs and mentions (text),
 * button clicks and message shortcuts (actions), modal submissions (submit), App Home, and the
 * options of long selects. Each request is acknowledged at once; the work follows the ack, except
 * for a modal submission, whose validation errors must travel in the ack itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { App as BoltApp } from '@slack/bolt';
import type { Core, Incoming, Outcome } from '../../src/bot.js';
import type { Logger } from '../../src/log.js';
import { decodePayload, type ActionPayload } from '../../src/payload.js';
import { coreTexts } from '../../src/texts.js';
import type { Form, Lang } from '../../src/ui.js';
import { slackUser } from './identity.js';
import { decodeMetadata, matchingOptions, modalErrors, renderHome, renderModal, valuesFromState, type StateValue } from './render.js';
import { ReplyPoster, type ReplyTarget, type SlackApi } from './send.js';

/** The message shortcut that turns a message into a contribution to an input round (issue 5's dialog). */
export const CONTRIBUTE_SHORTCUT = 'samla_contribute';
/** Two clicks on the same button within this time are one click. */
const DOUBLE_CLICK_MS = 3000;

export interface ReceiveDeps {
  core: Core;
  api: SlackApi;
  log: Logger;
  defaultLang: Lang;
}

/** The conversation a turn belongs to, for dialog state: the member's own for direct turns, else the channel. */
function conversation(team: string, user: string, channel?: string): string {
  return channel ? `slack:${team}:${channel}` : `slack:${team}:dm:${user}`;
}

const isDirect = (channel: string | undefined) => !channel || channel.startsWith('D');

function whereFields(team: string, user: string, channel: string | undefined): Pick<Incoming, 'conversationId' | 'where' | 'channelExternalId' | 'channelRef'> {
  if (isDirect(channel)) return { conversationId: conversation(team, user), where: 'direct' };
  return { conversationId: conversation(team, user, channel), where: 'channel', channelExternalId: channel, channelRef: { channel } };
}

/**
 * A double click: the same member clicking the same button of the same message again within
 * DOUBLE_CLICK_MS, with no other click of theirs in between (which may have changed what the
 * repeat means: B, A, B is a change of mind). Kept in memory only and as a keyed hash, so it holds
 * no record of anyone's choice; a repeat it misses (another instance) is idempotent anyway.
 */
class DoubleClicks {
  private readonly last = new Map<string, { click: string; at: number; deliveries: string[] }>();

  /** `delivery` tells Slack's redelivery of a click (left to the core's claim) from a new click. */
  isRepeat(member: string, click: string, delivery: string, now = Date.now()): boolean {
    const before = this.last.get(member);
    // A redelivery says nothing new about the member's intent, so it does not count as their last click.
    if (before?.deliveries.includes(delivery)) return false;
    this.last.set(member, { click, at: now, deliveries: [delivery, ...(before?.deliveries ?? [])].slice(0, 20) });
    if (this.last.size > 10_000) {
      for (const [k, v] of this.last) if (now - v.at > DOUBLE_CLICK_MS) this.last.delete(k);
    }
    return Boolean(before && before.click === click && now - before.at < DOUBLE_CLICK_MS);
  }

  /** The member was told their click was not saved: the same click again is a new try, not a double click. */
  forget(member: string): void {
    this.last.delete(member);
  }
}

const salt = randomBytes(16);
const sha = (s: string) => createHash('sha256').update(salt).update(s).digest('base64url').slice(0, 22);

export function registerListeners(bolt: BoltApp, deps: ReceiveDeps): void {
  const { core, api, log } = deps;
  const poster = new ReplyPoster(api);
  const doubleClicks = new DoubleClicks();

  /** Runs a turn through the core and posts its replies; a failure is logged and the member told. */
  async function turn(inc: Incoming, target: Omit<ReplyTarget, 'lang'>): Promise<Outcome | null> {
    let out: Outcome;
    try {
      out = await core.receive(inc);
    } catch (err) {
      log.error({ err, kind: inc.kind }, 'Slack turn failed');
      await poster.post({ ...target, team: inc.tenant, lang: deps.defaultLang, triggerId: undefined }, [{ text: coreTexts(deps.defaultLang, 'somethingWrong'), visibility: 'private' }]);
      return null;
    }
    if (!out.duplicate) await poster.post({ ...target, team: inc.tenant, lang: out.lang }, out.replies);
    return out;
  }

  bolt.command('/samla', async ({ command, ack, respond }) => {
    await ack();
    const { team_id: team, user_id: user, channel_id: channel } = command;
    const direct = isDirect(channel);
    // In the member's own DM with the bot, answers are ordinary messages that stay; in any other
    // direct conversation the bot is not a party to, only the member sees them (ephemeral).
    const ownDm = direct && channel ? (await api.knownDmChannel(user, team).catch(() => null)) === channel : false;
    const target: Omit<ReplyTarget, 'lang'> = ownDm
      ? { userId: user, dm: channel, triggerId: command.trigger_id }
      : // In a channel, replies meant for everyone are posted there; the rest only the member sees.
        { userId: user, channel: direct ? undefined : channel, respond, allPrivate: direct, triggerId: command.trigger_id };
    await turn(
      {
        platform: 'slack',
        tenant: team,
        user: slackUser(api, user),
        ...whereFields(team, user, channel),
        eventId: `command:${command.trigger_id}`,
        kind: 'text',
        text: command.text ?? '',
      },
      target,
    );
  });

  bolt.event('message', async ({ event, body }) => {
    const e = event as { channel_type?: string; subtype?: string; bot_id?: string; user?: string; channel: string; text?: string };
    // Only what a person writes to the bot in its DM; edits, joins and bots' messages are not turns.
    if (e.channel_type !== 'im' || e.subtype || e.bot_id || !e.user) return;
    const team = (body as { team_id: string }).team_id;
    await turn(
      {
        platform: 'slack',
        tenant: team,
        user: slackUser(api, e.user),
        conversationId: conversation(team, e.user),
        where: 'direct',
        eventId: (body as { event_id?: string }).event_id,
        kind: 'text',
        text: e.text ?? '',
      },
      { userId: e.user, dm: e.channel },
    );
  });

  bolt.event('app_mention', async ({ event, body, context }) => {
    const team = (body as { team_id: string }).team_id;
    const user = event.user;
    if (!user) return;
    const mention = context.botUserId ? new RegExp(`<@${context.botUserId}(\\|[^>]*)?>`, 'g') : /^<@[^>]+>/;
    const text = (event.text ?? '').replace(mention, ' ').trim();
    await turn(
      {
        platform: 'slack',
        tenant: team,
        user: slackUser(api, user),
        ...whereFields(team, user, event.channel),
        eventId: (body as { event_id?: string }).event_id,
        kind: 'text',
        text,
      },
      isDirect(event.channel) ? { userId: user, dm: event.channel } : { userId: user, channel: event.channel, thread_ts: event.thread_ts },
    );
  });

  bolt.action({ type: 'block_actions' }, async ({ body, ack, respond }) => {
    await ack();
    const b = body as unknown as BlockActionsBody;
    const a = b.actions[0];
    if (!a) return;
    const team = b.team?.id ?? b.user.team_id ?? '';
    const user = b.user.id;
    const raw = a.value ?? a.selected_option?.value ?? '';
    const container = b.container ?? {};
    const where = container.message_ts ?? container.view_id ?? '';
    const delivery = `action:${team}:${user}:${a.action_ts ?? b.trigger_id}`;
    const clicker = sha(`${team}\u0000${user}`);
    if (doubleClicks.isRepeat(clicker, sha(`${where}\u0000${a.action_id}\u0000${raw}`), sha(delivery))) return;
    const channel = container.type === 'message' ? (container.channel_id ?? b.channel?.id) : undefined;
    const payload: ActionPayload | undefined = decodePayload(raw) ?? undefined;
    let target: Omit<ReplyTarget, 'lang'>;
    if (container.is_ephemeral) target = { userId: user, channel: isDirect(channel) ? undefined : channel, respond, allPrivate: true };
    else if (channel && isDirect(channel)) target = { userId: user, dm: channel };
    else if (channel) target = { userId: user, channel, respond };
    else target = { userId: user }; // App Home: answers go to the member's DM
    const out = await turn(
      {
        platform: 'slack',
        tenant: team,
        user: slackUser(api, user),
        ...whereFields(team, user, channel),
        // Slack's own redelivery of this click carries the same action_ts; a new click has a new one.
        eventId: delivery,
        kind: 'action',
        ...(payload ? { action: payload } : {}),
      },
      {
        ...target,
        triggerId: b.trigger_id,
        ...(channel && container.message_ts ? { source: { channel, ts: container.message_ts, ephemeral: Boolean(container.is_ephemeral) } } : {}),
      },
    );
    // The member was told to click again: that click is theirs, not a double click of this one.
    if (!out || out.notSaved) doubleClicks.forget(clicker);
    // A click on the Home tab may change what it shows.
    if (out && container.type === 'view' && b.view?.type === 'home') await publishHome(team, user);
  });

  bolt.shortcut({ callback_id: CONTRIBUTE_SHORTCUT, type: 'message_action' }, async ({ shortcut, ack, respond }) => {
    await ack();
    const s = shortcut as unknown as { team?: { id: string }; user: { id: string; team_id?: string }; channel?: { id: string }; message?: { text?: string }; trigger_id: string };
    const team = s.team?.id ?? s.user.team_id ?? '';
    const user = s.user.id;
    const channel = s.channel?.id;
    await turn(
      {
        platform: 'slack',
        tenant: team,
        user: slackUser(api, user),
        ...whereFields(team, user, channel),
        eventId: `shortcut:${s.trigger_id}`,
        kind: 'action',
        action: { d: 'input', s: 'from-message' },
        text: s.message?.text ?? '',
      },
      // Contributing from a message is the member's own business: answers only they see.
      { userId: user, channel: isDirect(channel) ? undefined : channel, respond, allPrivate: true, triggerId: s.trigger_id },
    );
  });

  bolt.view({ callback_id: 'samla_form', type: 'view_submission' }, async ({ body, ack }) => {
    const b = body as unknown as ViewSubmissionBody;
    const team = b.team?.id ?? b.user.team_id ?? '';
    const user = b.user.id;
    const meta = decodeMetadata(b.view.private_metadata);
    const payload = meta ? decodePayload(meta.a) : null;
    const target: Omit<ReplyTarget, 'lang'> = { userId: user };
    let out: Outcome;
    try {
      out = await core.receive({
        platform: 'slack',
        tenant: team,
        user: slackUser(api, user),
        ...whereFields(team, user, meta?.c),
        kind: 'submit',
        ...(payload ? { action: payload } : {}),
        values: valuesFromState(b.view.state?.values ?? {}),
      });
    } catch (err) {
      log.error({ err }, 'Slack submission failed');
      await ack();
      await poster.post({ ...target, lang: deps.defaultLang }, [{ text: coreTexts(deps.defaultLang, 'somethingWrong'), visibility: 'private' }]);
      return;
    }
    if (out.rejectedForm) {
      // Errors go back inline, per field; Slack keeps what the member typed.
      const errors = modalErrors(out.rejectedForm);
      if (Object.keys(errors).length) {
        await ack({ response_action: 'errors', errors });
        const rest = out.replies.filter((r) => !r.elements?.some((e) => e.type === 'form'));
        await poster.post({ ...target, lang: out.lang }, rest);
        return;
      }
    }
    // A next form (a step of a wizard) replaces the modal; everything else goes to the member's DM.
    const next = out.replies.findIndex((r) => r.elements?.some((e) => e.type === 'form'));
    if (next >= 0) {
      const form = out.replies[next]!.elements!.find((e): e is { type: 'form'; form: Form } => e.type === 'form')!.form;
      await ack({ response_action: 'update', view: renderModal(form, meta?.c ? { c: meta.c } : {}, out.lang) as never });
      await poster.post({ ...target, lang: out.lang }, out.replies.filter((_, i) => i !== next));
      return;
    }
    await ack();
    await poster.post({ ...target, lang: out.lang }, out.replies);
  });

  bolt.options({ type: 'block_suggestion' }, async ({ body, ack }) => {
    // A select with more than 100 options: the form is rebuilt from its dialog, never trusted from Slack.
    const b = body as unknown as { team?: { id: string }; user: { id: string; team_id?: string }; action_id: string; value?: string; view?: { private_metadata?: string } };
    const meta = decodeMetadata(b.view?.private_metadata);
    const p = meta ? decodePayload(meta.a) : null;
    const team = b.team?.id ?? b.user.team_id ?? '';
    let options: ReturnType<typeof matchingOptions> = [];
    if (p) {
      const form = await core.formFor({ platform: 'slack', tenant: team, user: slackUser(api, b.user.id), ...whereFields(team, b.user.id, meta?.c) }, p);
      const field = form?.fields.find((f) => f.id === b.action_id);
      if (field) options = matchingOptions(field, b.value ?? '');
    }
    await ack({ options } as never);
  });

  async function publishHome(team: string, user: string): Promise<void> {
    const { reply, lang } = await core.home({ platform: 'slack', tenant: team, user: slackUser(api, user), conversationId: conversation(team, user), where: 'direct' });
    await api.call('views.publish', { user_id: user, view: renderHome(reply, lang) }).catch(() => {
      // Logged with method and error code; the tab keeps its previous content.
    });
  }

  bolt.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    await publishHome((body as { team_id: string }).team_id, event.user).catch((err) => log.error({ err }, 'App Home failed'));
  });

  bolt.error(async (err) => {
    log.error({ err: { name: err.name, code: (err as { code?: string }).code, message: err.message } }, 'Slack request failed');
  });
}

interface BlockActionsBody {
  team?: { id: string };
  user: { id: string; team_id?: string };
  trigger_id?: string;
  channel?: { id: string };
  container?: { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean; view_id?: string };
  view?: { type?: string };
  actions: { action_id: string; value?: string; selected_option?: { value: string }; action_ts?: string }[];
}

interface ViewSubmissionBody {
  team?: { id: string };
  user: { id: string; team_id?: string };
  view: { private_metadata?: string; state?: { values: Record<string, Record<string, StateValue>> } };
}
