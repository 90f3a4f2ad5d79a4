/**
 * The Teams endpoint with app credentials: a request is taken only with a token signed as the
 * Bot Framework signs it — by a key its OpenID metadata publishes, for this bot's app id and the
 * service URL the activity names. The keys are a local stand-in (BOT_OPENID_METADATA_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Address } from '../../models/address.js';
import { Community } from '../../models/community.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { botFrameworkKeys, type BotFrameworkKeys } from '../support/bot-framework-keys.js';
import { BOT, TEAMS_TENANT, teamsIdentity } from '../support/teams-driver.js';

const APP_ID = '00000000-0000-4000-8000-00000000a17f';
const SERVICE = 'http://127.0.0.1:9/';
let keys: BotFrameworkKeys;
let t: TestApp;

beforeAll(async () => {
  keys = await botFrameworkKeys();
  t = await startTestApp({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'test-not-a-secret', BOT_OPENID_METADATA_URL: keys.metadataUrl, TEAMS_EMULATOR: 'false' });
  await Community.updateOne({ _id: t.community._id }, { $addToSet: { teamsTenantIds: TEAMS_TENANT } });
  const sec = await t.member(DEMO_SECRETARIAT_EMAIL);
  await Address.create({ community: t.community._id, platform: 'teams', kind: 'member', externalId: teamsIdentity(sec.email).aadObjectId, member: sec._id, ref: {} });
});
afterAll(async () => {
  await t?.close();
  await keys?.close();
});

function activity(id: string) {
  const u = teamsIdentity(DEMO_SECRETARIAT_EMAIL);
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl: SERVICE,
    timestamp: new Date().toISOString(),
    from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
    recipient: BOT,
    text: 'hjelp',
    conversation: { id: u.personalConversationId, conversationType: 'personal', tenantId: TEAMS_TENANT },
    channelData: { tenant: { id: TEAMS_TENANT } },
    // The answers in the response, so this test needs no connector.
    deliveryMode: 'expectReplies',
  };
}

const post = (body: unknown, token?: string) =>
  fetch(`${t.app.http.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('Teams with app credentials', () => {
  it('answers an activity with a valid token', async () => {
    const res = await post(activity('auth-1'), keys.token(APP_ID, SERVICE));
    expect(res.status).toBe(200);
    // The answer is an Adaptive Card (its text in the card's body).
    const body = (await res.json()) as { activities?: unknown[] };
    expect(body.activities?.length).toBeGreaterThan(0);
    expect(JSON.stringify(body.activities)).toContain('Dette kan du gjøre med Samla');
  });

  it('refuses no token, a forged one, one for another bot and one for another service URL with 401', async () => {
    expect((await post(activity('auth-2'))).status).toBe(401);
    expect((await post(activity('auth-3'), keys.token(APP_ID, SERVICE, { forged: true }))).status).toBe(401);
    expect((await post(activity('auth-4'), keys.token('00000000-0000-4000-8000-0000000000ff', SERVICE))).status).toBe(401);
    expect((await post(activity('auth-5'), keys.token(APP_ID, 'https://smba.trafficmanager.net/emea/'))).status).toBe(401);
  });
});
