/** Where a Slack turn happens, in the core's terms: the conversation a dialog's state belongs to. */
import type { Incoming } from '../../src/bot.js';

/** The conversation a turn belongs to, for dialog state: the member's own for direct turns, else the channel. */
export function conversation(team: string, user: string, channel?: string): string {
  return channel ? `slack:${team}:${channel}` : `slack:${team}:dm:${user}`;
}

/** A DM (D…) or no channel at all (App Home, a modal opened from it). */
export const isDirect = (channel: string | undefined) => !channel || channel.startsWith('D');

export function whereFields(team: string, user: string, channel: string | undefined): Pick<Incoming, 'conversationId' | 'where' | 'channelExternalId' | 'channelRef'> {
  if (isDirect(channel)) return { conversationId: conversation(team, user), where: 'direct' };
  return { conversationId: conversation(team, user, channel), where: 'channel', channelExternalId: channel, channelRef: { channel } };
}

/** The workspace of an interaction: its team, or (in an org-wide install) the user's. */
export function teamOf(body: { team?: { id: string } | null; user: { team_id?: string } }): string {
  return body.team?.id ?? body.user.team_id ?? '';
}
