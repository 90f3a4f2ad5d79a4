/**
 * Clicks: buttons and selects in messages, modals and the Home tab, and the message shortcut
 * («contribute this message»). Each is acknowledged at once; the turn follows the ack.
 */
import type { App as BoltApp, BlockAction, BlockElementAction } from '@slack/bolt';
import { decodePayload } from '../../src/payload.js';
import { isDirect, teamOf } from './conversation.js';
import { DoubleClicks, sha } from './double-clicks.js';
import { publishHome } from './home.js';
import type { Target, Turns } from './turns.js';

/** The message shortcut that turns a message into a contribution to an input round. */
export const CONTRIBUTE_SHORTCUT = 'samla_contribute';

/** Where a click came from, as Slack describes it (its type leaves the container open). */
interface Container {
  type?: string;
  channel_id?: string;
  message_ts?: string;
  is_ephemeral?: boolean;
  view_id?: string;
}

/** What the clicked element carries: a button's value, or the option chosen in a select. */
function clickedValue(a: BlockElementAction): string {
  if ('value' in a && typeof a.value === 'string') return a.value;
  if ('selected_option' in a && a.selected_option && typeof a.selected_option.value === 'string') return a.selected_option.value;
  return '';
}

/** Where the answers to a click go: the ephemeral message's channel, the DM, the channel, or (Home) the DM. */
function targetOf(user: string, channel: string | undefined, container: Container, respond: Target['respond']): Target {
  if (container.is_ephemeral) return { userId: user, channel: isDirect(channel) ? undefined : channel, respond, allPrivate: true };
  if (channel && isDirect(channel)) return { userId: user, dm: channel };
  if (channel) return { userId: user, channel, respond };
  return { userId: user };
}

export function listenForClicks(bolt: BoltApp, turns: Turns): void {
  const { messageAction } = turns.deps;
  const doubleClicks = new DoubleClicks();

  bolt.action<BlockAction>({ type: 'block_actions' }, async ({ body, ack, respond }) => {
    await ack();
    const a = body.actions[0];
    if (!a) return;
    const team = teamOf(body);
    const user = body.user.id;
    const raw = clickedValue(a);
    const container: Container = body.container;
    const where = container.message_ts ?? container.view_id ?? '';
    const delivery = `action:${team}:${user}:${a.action_ts ?? body.trigger_id}`;
    const clicker = sha(`${team}\u0000${user}`);
    if (doubleClicks.isRepeat(clicker, sha(`${where}\u0000${a.action_id}\u0000${raw}`), sha(delivery))) return;
    const channel = container.type === 'message' ? (container.channel_id ?? body.channel?.id) : undefined;
    const payload = decodePayload(raw);
    const out = await turns.run(
      {
        ...turns.from(team, user, channel),
        // Slack's own redelivery of this click carries the same action_ts; a new click has a new one.
        eventId: delivery,
        // Slack's action_ts is the time of the click (seconds.microseconds), whichever instance it reaches.
        ...(a.action_ts ? { at: new Date(Number(a.action_ts) * 1000) } : {}),
        kind: 'action',
        ...(payload ? { action: payload } : {}),
      },
      {
        ...targetOf(user, channel, container, respond),
        triggerId: body.trigger_id,
        ...(channel && container.message_ts ? { source: { channel, ts: container.message_ts, ephemeral: Boolean(container.is_ephemeral) } } : {}),
      },
    );
    // The member was told to click again: that click is theirs, not a double click of this one.
    if (!out || out.notSaved) doubleClicks.forget(clicker);
    // A click on the Home tab may change what it shows.
    if (out && container.type === 'view' && body.view?.type === 'home') await publishHome(turns, team, user);
  });

  bolt.shortcut({ callback_id: CONTRIBUTE_SHORTCUT, type: 'message_action' }, async ({ shortcut, ack, respond }) => {
    await ack();
    if (!messageAction) return;
    const team = teamOf(shortcut);
    const user = shortcut.user.id;
    const channel = shortcut.channel?.id;
    await turns.run(
      {
        ...turns.from(team, user, channel),
        eventId: `shortcut:${shortcut.trigger_id}`,
        kind: 'action',
        action: messageAction,
        text: shortcut.message?.text ?? '',
      },
      // Contributing from a message is the member's own business: answers only they see.
      { userId: user, channel: isDirect(channel) ? undefined : channel, respond, allPrivate: true, triggerId: shortcut.trigger_id },
    );
  });
}
