/**
 * An input round's invitation to every member of its audience.
 *
 * 1. Throughput through the Slack adapter to the fake Slack, against the configured rate
 *    (FANOUT_PER_SECOND: Samla paces its own messages below the platforms' limits).
 * 2. A crash: the sending instance (its own process) is killed with SIGKILL halfway and another
 *    is started on the same database. Every member must get the invitation once: no duplicate,
 *    nobody skipped. (The new instance takes the job over once the dead one's lock expires.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Body } from '../models/body.js';
import { roundMembers } from '../dialogs/input/service.js';
import { openRound } from '../test/support/rounds.js';
import { addMembers } from '../test/support/poll-helpers.js';
import type { TestApp } from '../test/support/app.js';
import { record, scale, startBenchApp, until } from './lib.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RATE = 50;

/** A round for everyone on Områdeutval Voss, where the generated members are. */
async function openVossRound(t: TestApp, title: string) {
  const voss = await Body.findOne({ community: t.community._id, key: 'ou-voss' });
  return openRound(t, { title, audience: { bodies: [voss!._id], partyTypes: [] } });
}

export async function fanOut(): Promise<void> {
  const N = scale(200, 2000);
  console.log(`\nFan-out of an input round's invitation to ${N.toLocaleString('en')}+ members (FANOUT_PER_SECOND=${RATE})`);
  const t = await startBenchApp({ FANOUT_PER_SECOND: String(RATE) }, { before: (x) => addMembers(x, 'ou-voss', N, 'fan') });
  try {
    const before = t.slack.fake.calls.length;
    const round = await openVossRound(t, 'Invitasjon til alle');
    const audience = (await roundMembers(round)).length;
    const invitations = () =>
      t.slack.fake.calls
        .slice(before)
        .filter((c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('D') && JSON.stringify(c.args).includes('Invitasjon til alle'));
    await until(() => invitations().length >= audience, N * (2000 / RATE) + 60_000, 100);
    const sent = invitations();
    const times = sent.map((c) => c.at);
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const perSecond = seconds > 0 ? (sent.length - 1) / seconds : NaN;
    const channels = sent.map((c) => String(c.args.channel));
    const dup = channels.length - new Set(channels).size;
    record({
      name: 'messages per second',
      value: perSecond,
      unit: '/s',
      baseline: { name: 'configured rate', value: RATE },
      goal: '≤ configured rate',
      met: perSecond <= RATE * 1.05,
    });
    record({ name: 'members reached', value: new Set(channels).size, unit: `of ${audience}`, goal: `${audience}`, met: new Set(channels).size === audience });
    record({ name: 'duplicates', value: dup, unit: '', goal: '0', met: dup === 0 });
    const opens = t.slack.fake.calls.slice(before).filter((c) => c.method === 'conversations.open').length;
    record({ name: 'conversations.open calls per invitation', value: opens / Math.max(1, sent.length), unit: '' });
  } finally {
    await t.close();
  }
  // This app only prepares the round: the instances in child processes send.
  const prepared = await startBenchApp({ FANOUT_PER_SECOND: String(RATE) }, { runJobs: false, before: (x) => addMembers(x, 'ou-voss', N, 'fan') });
  try {
    await crashHalfway(prepared);
  } finally {
    await prepared.close();
  }
}

async function crashHalfway(t: TestApp): Promise<void> {
  console.log('  … the same with the sending instance killed (SIGKILL) halfway and another started');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-bench-fanout-'));
  const log = path.join(dir, 'deliveries.txt');
  const lines = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
  const children: ChildProcess[] = [];
  const start = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/input-fanout-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...t.env, FANOUT_PER_SECOND: String(RATE), PORT: '0', DELIVERY_LOG: log },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };
  const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));
  try {
    const round = await openVossRound(t, 'Krasjtest');
    const audience = (await roundMembers(round)).map((m) => String(m._id));
    const first = start();
    await until(() => lines().length >= audience.length / 2, 120_000, 20);
    first.kill('SIGKILL');
    await exited(first);
    const killedAt = Date.now();
    const second = start();
    await until(() => new Set(lines()).size >= audience.length, 180_000, 100);
    const resumedIn = Date.now() - killedAt;
    second.kill('SIGTERM');
    await exited(second);
    const all = lines();
    const unique = new Set(all);
    record({ name: 'after the crash: duplicates', value: all.length - unique.size, unit: '', goal: '0', met: all.length === unique.size });
    record({ name: 'after the crash: members skipped', value: audience.filter((m) => !unique.has(m)).length, unit: '', goal: '0', met: audience.every((m) => unique.has(m)) });
    record({ name: 'after the crash: kill → every invitation sent', value: resumedIn, unit: 'ms' });
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
