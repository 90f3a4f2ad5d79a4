/**
 * Clicks on a message's buttons as Slack sends them (signed `block_actions` over HTTP), for tests
 * and benchmarks that click many at once.
 */
import type { FakeSlack } from './fake-slack.js';
import { FAKE_TEAM_ID } from './fake-slack.js';
import { form, userIdFor } from './slack-driver.js';

export interface Button {
  label: string;
  action_id: string;
  block_id?: string;
  value: string;
}

/** The buttons of the first message posted in the channel whose blocks mention `text`, with its ts. */
export function postedButtons(fake: FakeSlack, channel: string, text: string): { ts: string; buttons: Button[] } | null {
  const posted = fake.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === channel && JSON.stringify(c.args.blocks).includes(text));
  if (!posted) return null;
  const ts = posted.ts ?? '';
  const buttons: Button[] = (posted.args.blocks as any[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements.filter((e: any) => e.type === 'button').map((e: any) => ({ label: e.text.text, action_id: e.action_id, block_id: b.block_id, value: e.value })));
  return { ts, buttons };
}

/** The form body of one click by the member with this e-mail on a channel message's button. */
export function clickBody(fake: FakeSlack, o: { email: string; button: Button; channel: string; messageTs: string; actionTs: string; responseUrl?: string }): string {
  return form({
    payload: JSON.stringify({
      type: 'block_actions',
      team: { id: FAKE_TEAM_ID, domain: 'samla-demo' },
      user: { id: userIdFor(o.email), team_id: FAKE_TEAM_ID },
      api_app_id: 'A0SAMLA',
      trigger_id: `${o.actionTs}.trigger`,
      // A response URL of the caller's, to tell this click's answers from the others'.
      response_url: o.responseUrl ?? fake.responseUrl(),
      container: { type: 'message', message_ts: o.messageTs, channel_id: o.channel, is_ephemeral: false },
      channel: { id: o.channel },
      actions: [
        {
          type: 'button',
          action_id: o.button.action_id,
          block_id: o.button.block_id,
          value: o.button.value,
          text: { type: 'plain_text', text: o.button.label },
          action_ts: o.actionTs,
        },
      ],
    }),
  });
}
