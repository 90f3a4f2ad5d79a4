/** What members write: the /samla command, a DM to the bot, and a mention in a channel. */
import type { App as BoltApp } from '@slack/bolt';
import { slackUser } from './identity.js';
import { conversation, isDirect } from './conversation.js';
import type { Target, Turns } from './turns.js';

export const SLASH_COMMAND = '/samla';

export function listenForText(bolt: BoltApp, turns: Turns): void {
  const { api } = turns.deps;

  bolt.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const { team_id: team, user_id: user, channel_id: channel } = command;
    const direct = isDirect(channel);
    // In the member's own DM with the bot, answers are ordinary messages that stay; in any other
    // direct conversation the bot is not a party to, only the member sees them (ephemeral).
    const ownDm = direct && channel ? (await api.knownDmChannel(user, team).catch(() => null)) === channel : false;
    const target: Target = ownDm
      ? { userId: user, dm: channel, triggerId: command.trigger_id }
      : // In a channel, replies meant for everyone are posted there; the rest only the member sees.
        { userId: user, channel: direct ? undefined : channel, respond, allPrivate: direct, triggerId: command.trigger_id };
    await turns.run(
      {
        ...turns.from(team, user, channel),
        eventId: `command:${command.trigger_id}`,
        kind: 'text',
        text: command.text ?? '',
      },
      target,
    );
  });

  bolt.event('message', async ({ event, body }) => {
    // Only what a person writes to the bot in its DM; edits, joins and bots' messages are not turns.
    if (event.subtype !== undefined || event.channel_type !== 'im' || event.bot_id || !event.user) return;
    const team = body.team_id;
    await turns.run(
      {
        platform: 'slack',
        tenant: team,
        user: slackUser(api, event.user),
        conversationId: conversation(team, event.user),
        where: 'direct',
        eventId: body.event_id,
        kind: 'text',
        text: event.text ?? '',
      },
      { userId: event.user, dm: event.channel },
    );
  });

  bolt.event('app_mention', async ({ event, body, context }) => {
    const team = body.team_id;
    const user = event.user;
    if (!user) return;
    const mention = context.botUserId ? new RegExp(`<@${context.botUserId}(\\|[^>]*)?>`, 'g') : /^<@[^>]+>/;
    const text = (event.text ?? '').replace(mention, ' ').trim();
    await turns.run(
      {
        ...turns.from(team, user, event.channel),
        eventId: body.event_id,
        kind: 'text',
        text,
      },
      isDirect(event.channel) ? { userId: user, dm: event.channel } : { userId: user, channel: event.channel, thread_ts: event.thread_ts },
    );
  });
}
