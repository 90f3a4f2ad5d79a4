/**
 * Socket Mode (SLACK_APP_TOKEN set): the app opens its WebSocket through the Web API at
 * SLACK_API_URL, serves no /slack/events, answers envelopes, and lets go of the socket on stop.
 * Every dialog also runs through Socket Mode in the shared suites (test/shared, "slack socket mode").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/wait.js';
import { FAKE_BOT_USER_ID, FAKE_TEAM_ID, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { dmOf, TEST_APP_TOKEN, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, userIdFor } from '../support/slack-driver.js';

let fake: FakeSlack;
let t: TestApp;
const sara = userIdFor(DEMO_SECRETARIAT_EMAIL);

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.addUser(sara, DEMO_SECRETARIAT_EMAIL, 'Sara Solheim');
  t = await startTestApp({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_APP_TOKEN: TEST_APP_TOKEN, SLACK_API_URL: fake.apiUrl });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const dmEvent = (eventId: string, text: string) => ({
  team_id: FAKE_TEAM_ID,
  api_app_id: 'A0SAMLA',
  type: 'event_callback',
  event_id: eventId,
  event_time: Math.floor(Date.now() / 1000),
  authorizations: [{ team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, is_bot: true }],
  event: { type: 'message', channel_type: 'im', channel: dmOf(sara), user: sara, text, ts: `${Date.now() / 1000}` },
});

const postsTo = (channel: string) => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);

describe('Socket Mode', () => {
  it('connects with the app token through SLACK_API_URL and serves no HTTP endpoint', async () => {
    const open = fake.calls.filter((c) => c.method === 'apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe(TEST_APP_TOKEN);
    expect(fake.socket.connections()).toBe(1);
    const res = await fetch(`${t.app.http.url}/slack/events`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(404);
  });

  it('answers a direct message, and a redelivered envelope has no second effect', async () => {
    const before = postsTo(dmOf(sara)).length;
    const event = dmEvent('EvSocket1', 'status');
    await fake.socket.send('events_api', event);
    const replies = await until('the reply to status', async () => (postsTo(dmOf(sara)).length > before ? postsTo(dmOf(sara)) : null), 10_000);
    expect(JSON.stringify(replies.at(-1)!.args)).toContain('Sara Solheim');
    await fake.socket.send('events_api', event, { retryAttempt: 1 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(postsTo(dmOf(sara)).length).toBe(before + 1);
  });

  it('closes the socket when the app stops', async () => {
    await t.close();
    t = { ...t, close: async () => {} };
    expect(await until('the socket closed', async () => fake.socket.connections() === 0, 5000)).toBe(true);
  });
});
