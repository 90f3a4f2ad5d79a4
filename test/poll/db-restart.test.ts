/**
 * Votes clicked while the embedded database is killed (and brought back by the app's watchdog):
 * every click Slack got a 200 for is either stored, or the member is told privately that it was
 * not and to click again. The app runs on an embedded server of its own in a temporary folder;
 * clicks are signed requests to the real Slack endpoint.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vote } from '../../models/vote.js';
import { setRetryWindow } from '../../src/db/retry.js';
import type { MemberDoc } from '../../models/member.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { addMembers, createPoll } from '../support/poll-helpers.js';
import { memoryLogger } from '../support/memory-log.js';
import { clickBody, postedButtons } from '../support/slack-clicks.js';
import { channelFor, postToSlackEndpoint, slackDriver, type SlackDriver } from '../support/slack-driver.js';
import { until } from '../support/wait.js';

let dir: string;
let t: TestApp;
let d: SlackDriver;
/** Voters per body, all new to the bot. */
const voters = new Map<string, MemberDoc[]>();
const BODIES = ['ou-voss', 'ou-nordhordland'];
const { log } = memoryLogger('warn');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-vote-kill-'));
  t = await startTestApp({ MONGODB_URI: undefined, SAMLA_DATA_DIR: dir, LOG_LEVEL: 'warn' }, { log });
  for (const [i, key] of BODIES.entries()) voters.set(key, await addMembers(t, key, 41, `kill${i}`));
  d = await slackDriver(t); // every member known to the workspace, every body's channel bound
}, 120_000);
afterAll(async () => {
  await d?.close();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const serverPid = () => (JSON.parse(fs.readFileSync(path.join(dir, 'server.json'), 'utf8')) as { pid: number }).pid;

/** SIGKILLs the database server and resolves once the watchdog has another one running. */
async function killDatabase(): Promise<void> {
  const pid = serverPid();
  process.kill(pid, 'SIGKILL');
  await until(
    'the watchdog to restart the database',
    () => {
      try {
        return serverPid() !== pid;
      } catch {
        return false;
      }
    },
    20_000,
  );
}

const NOT_SAVED = /ikke lagret|ikkje lagra|not saved/i;

/**
 * 41 clicks 90 ms apart through the signed Slack endpoint while the database is SIGKILLed twice
 * (the second time once the watchdog has it back). Checks that nobody's click is lost without a
 * word, and returns how many votes were stored and how many voters were told to click again.
 */
async function burst(bodyKey: string): Promise<{ stored: number; told: number }> {
  const members = voters.get(bodyKey)!;
  const poll = await createPoll(t, bodyKey);
  await d.settle();
  const channel = channelFor(bodyKey);
  const posted = postedButtons(d.fake, channel, poll.question);
  const buttons = posted!.buttons.filter((b) => /^Modell/.test(b.label));
  expect(buttons).toHaveLength(3);

  const urls = new Map<string, string>();
  const clicks: Promise<number>[] = [];
  const killer = (async () => {
    for (let k = 0; k < 2; k++) {
      await new Promise((r) => setTimeout(r, 600));
      await killDatabase();
    }
  })();
  for (const [i, m] of members.entries()) {
    const responseUrl = d.fake.responseUrl();
    urls.set(String(m._id), responseUrl.split('/').pop()!);
    const body = clickBody(d.fake, { email: m.email, button: buttons[i % 3]!, channel, messageTs: posted!.ts, actionTs: `1790000001.${String(i).padStart(6, '0')}`, responseUrl });
    clicks.push(postToSlackEndpoint(d.baseUrl, body, 'application/x-www-form-urlencoded').then((r) => r.status));
    await new Promise((r) => setTimeout(r, 90));
  }
  expect((await Promise.all(clicks)).filter((s) => s !== 200)).toEqual([]);
  await killer;
  await d.settle();

  const stored = new Set((await Vote.find({ poll: poll._id }).lean()).map((v) => v.voterKey));
  const answers = (m: MemberDoc) => d.fake.calls.filter((c) => c.method === 'response_url' && c.responseId === urls.get(String(m._id))).map((c) => JSON.stringify(c.args));
  const isStored = (m: MemberDoc) => stored.has(`m:${String(m._id)}`);
  const lost = members.filter((m) => !isStored(m) && !answers(m).some((a) => NOT_SAVED.test(a)));
  expect(lost.map((m) => ({ email: m.email, told: answers(m) }))).toEqual([]);
  // Nobody is told their vote counts when it does not.
  for (const m of members.filter((x) => answers(x).some((a) => /registrert|registrerte/.test(a)))) expect(isStored(m), m.email).toBe(true);
  const told = members.filter((m) => !isStored(m));

  // Told to click again, they do — at once, on the same button — and now it counts.
  const again = await Promise.all(
    told.map((m) => {
      const i = members.indexOf(m);
      const body = clickBody(d.fake, { email: m.email, button: buttons[i % 3]!, channel, messageTs: posted!.ts, actionTs: `1790000002.${String(i).padStart(6, '0')}` });
      return postToSlackEndpoint(d.baseUrl, body, 'application/x-www-form-urlencoded').then((r) => r.status);
    }),
  );
  expect(again.filter((s) => s !== 200)).toEqual([]);
  await d.settle();
  const now = new Set((await Vote.find({ poll: poll._id }).lean()).map((v) => v.voterKey));
  expect(told.filter((m) => !now.has(`m:${String(m._id)}`)).map((m) => m.email)).toEqual([]);
  return { stored: stored.size, told: told.length };
}

describe('votes while the database restarts', () => {
  it('every acknowledged click is stored, or the member is told privately to click again', { timeout: 120_000 }, async () => {
    const r = await burst('ou-voss');
    expect(r.stored + r.told).toBe(41);
  });

  it('when writes give up before the database is back, whoever lost a vote is told to click again', { timeout: 120_000 }, async () => {
    // No retries at all: the clicks that meet the dead server fail, and must not fail silently.
    const before = setRetryWindow(0);
    try {
      const r = await burst('ou-nordhordland');
      expect(r.stored + r.told).toBe(41);
    } finally {
      setRetryWindow(before);
    }
  });
});
