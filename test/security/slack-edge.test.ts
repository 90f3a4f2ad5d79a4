/**
 * The Slack endpoint as an attacker with the signing secret (or a bad day) would use it: signed
 * but crafted or malformed envelopes get a fast 4xx without internals, unknown types a fast 2xx,
 * and nothing changes; Slack's own content type with a charset is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { Poll } from '../../models/poll.js';
import { propose } from '../../dialogs/case/service.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { action, encodePayload } from '../../src/payload.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { FAKE_TEAM_ID } from '../support/fake-slack.js';
import { createPoll } from '../support/poll-helpers.js';
import { channelFor, form, postToSlackEndpoint, slackDriver, userIdFor, type SlackDriver } from '../support/slack-driver.js';

let t: TestApp;
let d: SlackDriver;
beforeAll(async () => {
  t = await startTestApp();
  d = await slackDriver(t);
});
afterAll(async () => {
  await d?.close();
  await t?.close();
});

const FORM = 'application/x-www-form-urlencoded';
const sec = () => userIdFor(DEMO_SECRETARIAT_EMAIL);

const blockActions = (over: Record<string, unknown>, value: string) => ({
  type: 'block_actions',
  team: { id: FAKE_TEAM_ID },
  user: { id: sec(), team_id: FAKE_TEAM_ID },
  api_app_id: 'A0SAMLA',
  trigger_id: `${Date.now()}.trigger`,
  container: { type: 'message', message_ts: '1790000000.000100', channel_id: channelFor('ssu') },
  channel: { id: channelFor('ssu') },
  actions: [{ type: 'button', action_id: 'a1', value, action_ts: `${Date.now() / 1000}` }],
  ...over,
});

async function send(body: string, contentType = FORM) {
  const started = Date.now();
  const res = await postToSlackEndpoint(d.baseUrl, body, contentType);
  const text = await res.text();
  return { status: res.status, text, ms: Date.now() - started };
}
const interactive = (payload: unknown) => send(form({ payload: JSON.stringify(payload) }));

function expectClean4xx(r: { status: number; text: string; ms: number }) {
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(r.text).not.toMatch(/\bat \S+:\d+|Error|<html|<pre/i);
  expect(r.ms).toBeLessThan(1500);
}

describe('the Slack endpoint refuses crafted and malformed envelopes', () => {
  it('an id that is not a string (a query operator) gets 400 and closes nothing', async () => {
    const poll = await createPoll(t, 'ssu', { question: 'Ikkje lukk meg' });
    const close = encodePayload(action('poll', 'close', { p: String(poll._id) }));
    const r = await interactive(blockActions({ user: { id: { $ne: 'x' }, team_id: FAKE_TEAM_ID } }, close));
    expectClean4xx(r);
    const r2 = await interactive(blockActions({ team: { id: { $gt: '' } } }, close));
    expectClean4xx(r2);
    await d.settle();
    expect((await Poll.findById(poll._id))!.state).toBe('open');
  });

  it.each([
    ['payload=null', form({ payload: 'null' })],
    ['payload that is not JSON', form({ payload: '{nope' })],
    ['block_actions without a user', form({ payload: JSON.stringify({ ...blockActions({}, 'x'), user: undefined }) })],
    ['block_actions without actions', form({ payload: JSON.stringify({ ...blockActions({}, 'x'), actions: [] }) })],
    ['view_submission without a view', form({ payload: JSON.stringify({ type: 'view_submission', team: { id: FAKE_TEAM_ID }, user: { id: 'U1' } }) })],
    ['a slash command without a user', form({ command: '/samla', team_id: FAKE_TEAM_ID, text: 'hjelp', trigger_id: 't' })],
    ['a very long id', form({ payload: JSON.stringify(blockActions({ user: { id: 'U'.repeat(5000) } }, 'x')) })],
  ])('%s gets a short 4xx', async (_what, body) => {
    expectClean4xx(await send(body));
  });

  it.each([
    ['event: null', { type: 'event_callback', team_id: FAKE_TEAM_ID, event_id: 'Ev1', event: null }],
    ['an event without a type', { type: 'event_callback', team_id: FAKE_TEAM_ID, event_id: 'Ev2', event: { user: 'U1' } }],
    ['a JSON array', []],
    ['a JSON string', 'hei'],
  ])('%s gets a short 4xx', async (_what, body) => {
    expectClean4xx(await send(JSON.stringify(body), 'application/json'));
  });

  it.each([
    ['an action whose type is not a string', { channel: { id: 'CSSU' }, actions: [{ type: [], action_id: 'a1', block_id: 'b1', value: 'x', action_ts: '1790000001.000001' }] }],
    ['channel: null', { channel: null, actions: [{ type: 'button', action_id: 'a1', block_id: 'b1', value: 'x', action_ts: '1790000001.000001' }] }],
  ])('a block_actions body sent as JSON with %s gets a 4xx, not a 500 (found by the fuzz test)', async (_what, over) => {
    const body = {
      type: 'block_actions',
      team: { id: FAKE_TEAM_ID },
      user: { id: 'U0FUZZNOBODY', team_id: FAKE_TEAM_ID },
      trigger_id: '1.2.t',
      api_app_id: 'A0SAMLA',
      response_url: d.fake.responseUrl(),
      container: { type: 'message', message_ts: '1790000000.000100', channel_id: 'CSSU', is_ephemeral: false },
      ...over,
    };
    const r = await send(JSON.stringify(body), 'application/json');
    expect(r.status).toBeGreaterThanOrEqual(200);
    expect(r.status).toBeLessThan(500);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('team id %s gets a 4xx, not a 500', async (team) => {
    expectClean4xx(await send(form({ command: '/samla', team_id: team, user_id: sec(), text: 'status', trigger_id: 't1', response_url: d.fake.responseUrl() })));
    expectClean4xx(await interactive(blockActions({ team: { id: team }, user: { id: sec(), team_id: team } }, 'x')));
    expectClean4xx(
      await send(
        JSON.stringify({
          type: 'event_callback',
          team_id: team,
          event_id: `Ev-${team}`,
          event: { type: 'message', channel_type: 'im', user: sec(), channel: 'D1', text: 'status' },
        }),
        'application/json',
      ),
    );
  });

  it('unknown payload types are answered at once, and do nothing', async () => {
    for (const type of ['view_closed', 'shortcut', 'interactive_message', 'something_new']) {
      const r = await interactive({ type, team: { id: FAKE_TEAM_ID }, user: { id: sec() }, callback_id: 'x', trigger_id: 't' });
      expect(r.status, type).toBe(200);
      expect(r.ms, type).toBeLessThan(1000);
    }
  });

  it('accepts the content type Slack sends, with its charset', async () => {
    const mark = d.fake.calls.length;
    const r = await send(
      form({ command: '/samla', team_id: FAKE_TEAM_ID, user_id: sec(), channel_id: channelFor('ssu'), text: 'hjelp', trigger_id: 'tc', response_url: d.fake.responseUrl() }),
      `${FORM}; charset=utf-8`,
    );
    expect(r.status).toBe(200);
    await d.settle();
    expect(d.fake.calls.slice(mark).some((c) => c.method === 'response_url')).toBe(true);
  });

  it.each(['__proto__', 'constructor', 'toString'])('a crafted handling-form name %s is an expired button, not an error', async (f) => {
    const ssu = (await Body.findOne({ community: t.community._id, key: 'ssu' }))!;
    const me = await t.member(DEMO_SECRETARIAT_EMAIL);
    const c = await propose(t.app.services, {
      community: t.community._id,
      body: ssu,
      actor: me,
      text: { title: `Sak ${f}`, background: 'B.', proposedDecision: 'V.', type: 'project', priorityGroups: [], links: [] },
    });
    const out = await t.app.core.receive({
      platform: 'slack',
      tenant: FAKE_TEAM_ID,
      user: { externalId: sec() },
      conversationId: 'x',
      where: 'direct',
      kind: 'action',
      action: action('case', 'open', { c: String(c._id), f }),
    });
    expect(out.replies.map((r) => r.text).join()).not.toMatch(/gikk galt|gjekk gale/);
  });
});
