/**
 * The production path, as the Dockerfile runs it: `npm run build`, then a clean copy with only
 * package.json, package-lock.json and dist/, `npm ci --omit=dev` there, and `node dist/src/main.js`
 * with NODE_ENV=production against a database given by MONGODB_URI (here the embedded server,
 * started by this script, standing in for MongoDB). It must become ready, answer a signed Slack
 * command, refuse an unauthenticated Teams activity, serve /metrics only with its token, and exit
 * 0 on SIGTERM. Teams: an activity signed as the Bot Framework signs it (by a key our stand-in
 * publishes, BOT_OPENID_METADATA_URL) is answered in production, with its answers in the response
 * (expectReplies); one without a token or with a forged one gets 401. Answers through the
 * connector need Entra ID's token service, which would have to be faked over https, so they are
 * shown by a second start of the same copy in the Emulator mode, with the fake connector.
 *
 * `npx tsx test/production/smoke.ts` (.ci/run runs it after the tests). Needs the embedded server
 * built (`npm run db:build`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbedded } from '../../src/db/embedded.js';
import { ROOT } from '../../src/paths.js';
import { FakeConnector } from '../support/fake-connector.js';
import { FAKE_TEAM_ID, startFakeSlack } from '../support/fake-slack.js';
import { freePort } from '../support/ports.js';
import { dmOf, form, postToSlackEndpoint, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, userIdFor } from '../support/slack-driver.js';
import { BOT, TEAMS_TENANT, teamsIdentity } from '../support/teams-driver.js';
import { botFrameworkKeys } from '../support/bot-framework-keys.js';

const started = Date.now();
const step = (what: string) => console.log(`[smoke ${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function check(ok: unknown, what: string): void {
  if (!ok) throw new Error(`production smoke failed: ${what}`);
  step(`ok: ${what}`);
}

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await f().catch(() => null);
    if (v) return v;
    await sleep(50);
  }
  throw new Error(`production smoke failed: ${what} (waited ${ms} ms)`);
}

interface Running {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

async function start(dir: string, env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  // Only what the runtime image has: no tsx, no dev dependencies, no .env.
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const t0 = Date.now();
  await until(
    '/readyz 200',
    async () => {
      if (child.exitCode !== null) throw new Error(`Samla exited with ${child.exitCode}:\n${err.slice(-3000)}`);
      return (await fetch(`${url}/readyz`)).status === 200;
    },
    30_000,
  ).catch((e) => {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${err.slice(-3000)}`);
  });
  step(`ready in ${Date.now() - t0} ms`);
  return { child, url, stderr: () => err };
}

async function stop(r: Running, limitMs: number): Promise<number | null> {
  const exited = new Promise<number | null>((res) => r.child.once('exit', (code) => res(code)));
  const t0 = Date.now();
  r.child.kill('SIGTERM');
  const code = await Promise.race([exited, sleep(limitMs).then(() => 'late' as const)]);
  if (code === 'late') {
    r.child.kill('SIGKILL');
    throw new Error(`did not exit within ${limitMs} ms of SIGTERM:\n${r.stderr().slice(-3000)}`);
  }
  step(`exited with ${code} ${Date.now() - t0} ms after SIGTERM`);
  return code;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-smoke-'));
const app = path.join(work, 'app');
const dataDir = path.join(work, 'db');
let db: Awaited<ReturnType<typeof startEmbedded>> | null = null;
const cleanup: (() => Promise<unknown>)[] = [];
try {
  step('npm run build');
  execFileSync(npm, ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  fs.mkdirSync(app);
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(ROOT, f), path.join(app, f));
  fs.cpSync(path.join(ROOT, 'dist'), path.join(app, 'dist'), { recursive: true });
  step('npm ci --omit=dev in a clean copy');
  execFileSync(npm, ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: app,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  check(!fs.existsSync(path.join(app, 'node_modules', 'tsx')) && !fs.existsSync(path.join(app, 'node_modules', 'typescript')), 'no dev dependency installed');

  fs.mkdirSync(dataDir);
  db = await startEmbedded(dataDir);
  const slack = await startFakeSlack();
  cleanup.push(() => slack.close());
  const dbName = `smoke_${randomBytes(4).toString('hex')}`;
  const metricsToken = randomBytes(24).toString('hex');
  const keys = await botFrameworkKeys();
  cleanup.push(() => keys.close());
  const prod = {
    NODE_ENV: 'production',
    MONGODB_URI: db.uri,
    SAMLA_DB_NAME: dbName,
    SAMLA_SECRET: randomBytes(24).toString('hex'),
    SAMLA_DEMO: 'on',
    LOG_LEVEL: 'info',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    MICROSOFT_APP_ID: '00000000-0000-4000-8000-00000000c0de',
    MICROSOFT_APP_PASSWORD: 'smoke-test-not-a-secret',
    BOT_OPENID_METADATA_URL: keys.metadataUrl,
    METRICS_TOKEN: metricsToken,
    SHUTDOWN_TIMEOUT_SECONDS: '10',
  };

  step('start: node dist/src/main.js, NODE_ENV=production');
  const p = await start(app, prod);
  const lines = p.stderr().split('\n').filter(Boolean);
  check(lines.length > 0 && lines.every((l) => l.startsWith('{') && JSON.parse(l).level), 'every log line is JSON');
  check(!p.stderr().includes(metricsToken) && !p.stderr().includes(prod.SAMLA_SECRET), 'no secret in the logs');

  // In production a Slack workspace belongs to the community that lists it.
  const mongo = await MongoClient.connect(db.uri);
  cleanup.push(() => mongo.close());
  const community = await mongo.db(dbName).collection('communities').findOne({ slug: 'demo' });
  check(community, 'the demo community is seeded');
  await mongo
    .db(dbName)
    .collection('communities')
    .updateOne({ _id: community!._id }, { $addToSet: { slackTeamIds: FAKE_TEAM_ID } });
  const member = await mongo.db(dbName).collection('members').findOne({ community: community!._id });
  const uid = userIdFor(String(member!.email));
  slack.addUser(uid, String(member!.email), String(member!.name));

  const responseUrl = slack.responseUrl();
  const command = form({
    token: 'legacy',
    team_id: FAKE_TEAM_ID,
    team_domain: 'samla-demo',
    channel_id: dmOf(uid),
    channel_name: 'directmessage',
    user_id: uid,
    user_name: 'smoke',
    command: '/samla',
    text: 'hjelp',
    api_app_id: 'A0SAMLA',
    response_url: responseUrl,
    trigger_id: 'smoke.trigger',
  });
  const res = await postToSlackEndpoint(p.url, command, 'application/x-www-form-urlencoded');
  check(res.status === 200, 'a signed /samla command is acknowledged with 200');
  const unsigned = await fetch(`${p.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: command });
  check(unsigned.status === 401, 'an unsigned Slack request gets 401');
  const answer = await until(
    'the answer to /samla hjelp',
    async () => {
      const c = slack.calls.find(
        (x) => (x.method === 'response_url' || x.method === 'chat.postMessage' || x.method === 'chat.postEphemeral') && JSON.stringify(x.args).includes('Samla'),
      );
      return c ?? null;
    },
    15_000,
  );
  check(answer, `the command is answered (${answer.method})`);

  const u = teamsIdentity(String(member!.email));
  const teamsActivity = (serviceUrl: string, id: string) => ({
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
    recipient: BOT,
    locale: 'nb-NO',
    text: 'hjelp',
    conversation: { id: u.personalConversationId, conversationType: 'personal', tenantId: TEAMS_TENANT },
    channelData: { tenant: { id: TEAMS_TENANT } },
  });
  const teams = await fetch(`${p.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(teamsActivity('http://127.0.0.1:9/', 'smoke-1')),
  });
  check(teams.status === 401, 'Teams (app credentials) refuses an activity without a Bot Framework token with 401');
  const forged = await fetch(`${p.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.token(prod.MICROSOFT_APP_ID, 'http://127.0.0.1:9/', { forged: true })}` },
    body: JSON.stringify(teamsActivity('http://127.0.0.1:9/', 'smoke-1b')),
  });
  check(forged.status === 401, 'Teams refuses a token signed by a key the Bot Framework did not publish with 401');

  // A real Bot Framework token (signed by the key the metadata publishes, for our app id), with
  // the answers asked for in the response (deliveryMode expectReplies), so no connector is needed.
  await mongo
    .db(dbName)
    .collection('communities')
    .updateOne({ _id: community!._id }, { $addToSet: { teamsTenantIds: TEAMS_TENANT } });
  await mongo
    .db(dbName)
    .collection('addresses')
    .insertOne({ community: community!._id, platform: 'teams', kind: 'member', externalId: u.aadObjectId, member: member!._id, ref: {} });
  const signed = await fetch(`${p.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.token(prod.MICROSOFT_APP_ID, 'http://127.0.0.1:9/')}` },
    body: JSON.stringify({ ...teamsActivity('http://127.0.0.1:9/', 'smoke-1c'), deliveryMode: 'expectReplies' }),
  });
  const replies = (await signed.json().catch(() => ({}))) as { activities?: unknown[] };
  check(signed.status === 200 && JSON.stringify(replies.activities ?? []).includes('Samla'), 'a Teams activity with a valid Bot Framework token is answered (hjelp)');

  check((await fetch(`${p.url}/metrics`)).status === 401, '/metrics without the token: 401');
  const metrics = await fetch(`${p.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  const text = await metrics.text();
  check(metrics.status === 200 && /samla_turn_duration_seconds_count\{[^}]*platform="slack"[^}]*\} [1-9]/.test(text), '/metrics with the token shows the Slack turn');

  // The Dockerfile's HEALTHCHECK, run as written there.
  const hc = /^HEALTHCHECK .*? CMD (\[.*\])$/m.exec(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
  const [bin, ...args] = JSON.parse(hc![1]!) as string[];
  execFileSync(bin === 'node' ? process.execPath : bin!, args, { env: { ...process.env, PORT: new URL(p.url).port }, stdio: 'inherit' });
  check(true, 'the Dockerfile HEALTHCHECK passes');

  const code = await stop(p, 15_000);
  check(code === 0, 'SIGTERM: exit code 0');
  check(/"msg":"stopped"/.test(p.stderr()), 'the shutdown logged «stopped»');
  check(!/"level":(50|60)/.test(p.stderr()), 'no error logged');

  step('start again outside production, Teams through the Emulator mode, on the same build');
  const connector = new FakeConnector();
  await connector.start();
  cleanup.push(() => connector.close());
  connector.addMember(teamsIdentity(String(member!.email)));
  const dev = await start(app, { ...prod, NODE_ENV: 'development', MICROSOFT_APP_ID: '', MICROSOFT_APP_PASSWORD: '', TEAMS_EMULATOR: 'true', SAMLA_DEMO: 'off' });
  const activity = teamsActivity(connector.url, 'smoke-2');
  const posted = await fetch(`${dev.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  check(posted.status === 200, 'a Teams activity is taken with 200');
  await until('the Teams answer', async () => connector.log.some((e) => e.kind === 'send' && JSON.stringify(e.activity).includes('Samla')), 15_000);
  check(true, 'the Teams activity is answered through the connector');
  check((await stop(dev, 15_000)) === 0, 'SIGTERM: exit code 0');
  step('production smoke passed');
} finally {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  await db?.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(0);
