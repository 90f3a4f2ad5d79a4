/**
 * In Socket Mode the Slack SDK writes every envelope it receives to its debug log: who clicked,
 * and the button's value, which in a poll names the choice. Samla's logs keep none of it, at any
 * level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { FAKE_TEAM_ID, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { memoryLogger, type MemoryLog } from '../support/memory-log.js';
import { TEST_APP_TOKEN, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, userIdFor } from '../support/slack-driver.js';

let fake: FakeSlack;
let t: TestApp;
let logs: MemoryLog;
const sara = userIdFor(DEMO_SECRETARIAT_EMAIL);

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.addUser(sara, DEMO_SECRETARIAT_EMAIL, 'Sara Solheim');
  logs = memoryLogger('trace');
  t = await startTestApp(
    { LOG_LEVEL: 'trace', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_APP_TOKEN: TEST_APP_TOKEN, SLACK_API_URL: fake.apiUrl },
    { log: logs.log },
  );
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

describe('Socket Mode logs', () => {
  it('hold no envelope: neither who clicked nor what', async () => {
    const marker = 'CHOICE-MARKER-7f3a';
    await fake.socket.send('interactive', {
      type: 'block_actions',
      team: { id: FAKE_TEAM_ID },
      user: { id: sara, team_id: FAKE_TEAM_ID },
      trigger_id: '1.9.t',
      container: { type: 'message', message_ts: '1.1', channel_id: 'C0SSU' },
      channel: { id: 'C0SSU' },
      actions: [{ type: 'button', action_id: 'a1', value: marker, action_ts: '1790000009.000001' }],
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.text()).not.toContain(marker);
  });
});
