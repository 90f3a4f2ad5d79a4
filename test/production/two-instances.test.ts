/**
 * Two real Samla processes (src/main.ts, each its own node process) on one database, behind the
 * same fake Slack: a poll voted on through both — with Slack's redeliveries and members' changes
 * of mind landing on the other instance — keeps each voter's last choice and the exact tally, the
 * channel message is updated at most once per 2-second window between them, and the poll's reminder, due once, reaches each member who has not voted
 * once. Both then stop cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Member } from '../../models/member.js';
import { ROOT } from '../../src/paths.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startFakeSlack, type FakeSlack, type RecordedCall } from '../support/fake-slack.js';
import { freePort } from '../support/ports.js';
import { addMembers, createPoll } from '../support/poll-helpers.js';
import { clickBody, postedButtons, type Button } from '../support/slack-clicks.js';
import { channelFor, dmOf, postToSlackEndpoint, slackDriver, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, userIdFor } from '../support/slack-driver.js';
import { until } from '../support/wait.js';

const QUESTION = 'Kva instans tel røystene?';
const WINDOW_MS = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Instance {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const ready = await until(
    'the instance ready',
    async () => {
      if (child.exitCode !== null) throw new Error(`instance exited: ${err.slice(-2000)}`);
      const r = await fetch(`${url}/readyz`).catch(() => null);
      return r?.status === 200 ? true : null;
    },
    60_000,
  );
  expect(ready).toBe(true);
  return { child, url, stderr: () => err };
}

async function stopInstance(i: Instance): Promise<number | null> {
  if (i.child.exitCode !== null) return i.child.exitCode;
  const exited = new Promise<number | null>((r) => i.child.once('exit', (code) => r(code)));
  i.child.kill('SIGTERM');
  const code = await Promise.race([exited, sleep(20_000).then(() => 'timeout' as const)]);
  if (code === 'timeout') {
    i.child.kill('SIGKILL');
    return -1;
  }
  return code;
}

describe('two Samla processes on one database', () => {
  let fake: FakeSlack;
  let t: TestApp;
  let mongo: MongoClient;
  let instances: Instance[] = [];
  let dbName = '';

  beforeAll(async () => {
    fake = await startFakeSlack();
    // The directory, the poll and its channel message are made by a setup app that runs no jobs
    // and is gone before the two instances start: the reminder and the updates are theirs.
    t = await startTestApp({}, { runJobs: false });
    await addMembers(t, 'akutt', 40, 'duo');
    await slackDriver(t, fake);
    dbName = t.env.SAMLA_DB_NAME!;
    mongo = await MongoClient.connect(t.env.MONGODB_URI!);
  }, 120_000);

  afterAll(async () => {
    for (const i of instances) await stopInstance(i);
    await mongo
      ?.db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await mongo?.close();
    await fake?.close();
  });

  it('count every vote once, update the channel once per window, and send the reminder once', { timeout: 120_000 }, async () => {
    const closesAt = new Date(Date.now() + 90_000);
    // Due about 18 s from now: after the voting, while both instances poll for jobs every second.
    const poll = await createPoll(t, 'akutt', { question: QUESTION, closesAt }, { remindBeforeMs: 72_000 });
    const channel = channelFor('akutt');
    const posted = postedButtons(fake, channel, QUESTION);
    expect(posted?.buttons.length).toBe(3);
    const members = await Member.find({ community: t.community._id, email: /^duo\./ }).sort({ _id: 1 });
    // Stopped without dropping: the two instances work on its database.
    await t.app.stop();

    const env = {
      NODE_ENV: 'test',
      MONGODB_URI: t.env.MONGODB_URI!,
      SAMLA_DB_NAME: dbName,
      SAMLA_SECRET: t.env.SAMLA_SECRET!,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SAMLA_DEMO: 'off',
      SCHEDULER_POLL_SECONDS: '1',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      TEAMS_EMULATOR: 'false',
    };
    instances = await Promise.all([startInstance(env), startInstance(env)]);
    const [a, b] = instances as [Instance, Instance];

    // 30 of the 40 vote, alternating between the instances, over about five seconds; every fifth
    // click is redelivered by Slack to the other instance; ten voters change their mind.
    const voters = members.slice(0, 30);
    const final = new Map<string, string>();
    const click = async (to: Instance, email: string, button: Button, actionTs: string) => {
      const body = clickBody(fake, { email, button, channel, messageTs: posted!.ts, actionTs });
      const r = await postToSlackEndpoint(to.url, body, 'application/x-www-form-urlencoded');
      expect(r.status).toBe(200);
    };
    const clicks: Promise<void>[] = [];
    const firstClick = Date.now();
    for (const [i, m] of voters.entries()) {
      const button = posted!.buttons[i % 3]!;
      final.set(m.email, button.value);
      const ts = `17900${String(i).padStart(5, '0')}.000001`;
      clicks.push(click(i % 2 ? a : b, m.email, button, ts));
      if (i % 5 === 0) clicks.push(sleep(30).then(() => click(i % 2 ? b : a, m.email, button, ts)));
      await sleep(170);
    }
    // Ten change their mind, each through the other instance than their first click: the two
    // clicks may then run out of order, and the later click (Slack's action_ts) must win.
    for (const [i, m] of voters.slice(0, 10).entries()) {
      const button = posted!.buttons[(i + 1) % 3]!;
      final.set(m.email, button.value);
      clicks.push(click(i % 2 ? b : a, m.email, button, `17910${String(i).padStart(5, '0')}.000001`));
      await sleep(170);
    }
    await Promise.all(clicks);
    const lastClick = Date.now();

    // The exact tally in the database: one ballot per voter, with their last choice. Slack has its
    // answer (200) before the turn runs, so the last clicks may still be on their way in: wait for
    // them, then the tally must be exact — and stay so.
    const votes = mongo.db(dbName).collection('votes');
    const expected = [0, 0, 0];
    for (const v of final.values()) expected[posted!.buttons.findIndex((x) => x.value === v)]!++;
    const optionIds = posted!.buttons.map((_, k) => String(k + 1));
    // Counts alone could match while two voters' last choices are both still on their way.
    const optionOf = (buttonValue: string) => String((JSON.parse(buttonValue) as { a: { o: string } }).a.o);
    const counted = async () => {
      const stored = await votes.find({ poll: new ObjectId(String(poll._id)) }).toArray();
      const choiceOf = new Map(stored.map((s) => [String(s.castBy), (s.choices as string[]).join()]));
      const notLast = voters.filter((m) => choiceOf.get(String(m._id)) !== optionOf(final.get(m.email)!)).map((m) => m.email);
      return { ballots: stored.length, perOption: optionIds.map((o) => stored.filter((s) => (s.choices as string[]).includes(o)).length), notLast };
    };
    const logs = () => `${a.stderr().slice(-3000)}\n${b.stderr().slice(-3000)}`;
    const want = { ballots: 30, perOption: expected, notLast: [] as string[] };
    await until('every last choice stored', async () => (JSON.stringify(await counted()) === JSON.stringify(want) ? true : null), 20_000).catch(() => undefined);
    expect(await counted(), logs()).toEqual(want);

    // The channel message: updated after the last click, and never twice within a window.
    const updates = () => fake.calls.filter((c) => c.method === 'chat.update' && c.args.channel === channel && c.args.ts === posted!.ts);
    await until('an update after the last click', async () => (updates().some((u) => u.at > lastClick) ? true : null), 4 * WINDOW_MS);
    await sleep(WINDOW_MS + 500);
    const ups = updates();
    const last = ups.at(-1)!;
    // Seconds later, still exact: no early click arrived late and overwrote a change of mind.
    expect(await counted(), logs()).toEqual(want);
    expect(JSON.stringify(last.args.blocks)).toMatch(/30 av \d+/);
    for (let k = 1; k < ups.length; k++) expect(ups[k]!.at - ups[k - 1]!.at).toBeGreaterThanOrEqual(WINDOW_MS - 50);
    expect(ups.length).toBeLessThanOrEqual(Math.floor((last.at - firstClick) / WINDOW_MS) + 1);
    expect(ups.length).toBeGreaterThanOrEqual(2);

    // The reminder: once to each of the ten who did not vote, never to a voter, never twice.
    const reminders = (): RecordedCall[] =>
      fake.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('D') && JSON.stringify([c.args.text, c.args.blocks]).includes(QUESTION));
    const nonVoters = members.slice(30).map((m) => dmOf(userIdFor(m.email)));
    await until('the reminder to every non-voter', async () => (nonVoters.every((dm) => reminders().some((r) => r.args.channel === dm)) ? true : null), 45_000);
    // Long enough for the other instance to have sent its copy, if it were going to.
    await sleep(3000);
    const perChannel = new Map<string, number>();
    for (const r of reminders()) perChannel.set(String(r.args.channel), (perChannel.get(String(r.args.channel)) ?? 0) + 1);
    for (const dm of nonVoters) expect(perChannel.get(dm)).toBe(1);
    for (const m of voters) expect(perChannel.get(dmOf(userIdFor(m.email)))).toBeUndefined();
    expect([...perChannel.values()].every((n) => n === 1)).toBe(true);

    // Both stop by themselves on SIGTERM, in time and cleanly.
    const codes = await Promise.all(instances.map(stopInstance));
    expect(codes, `${a.stderr().slice(-1500)}\n${b.stderr().slice(-1500)}`).toEqual([0, 0]);
    for (const i of instances) expect(i.stderr()).not.toMatch(/"level":(50|60)/);
  });
});
