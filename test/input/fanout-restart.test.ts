/**
 * The invitation fan-out survives a crash: an instance sending slowly (FANOUT_PER_SECOND=2) is
 * killed with SIGKILL in the middle, a new instance is started on the same database, and in the
 * end every member of the audience got the invitation exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FanOutRecipient } from '../../models/fanout.js';
import { roundMembers } from '../../dialogs/input/service.js';
import { openRound } from '../support/rounds.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/wait.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('invitation fan-out after a crash', () => {
  let t: TestApp;
  let dir: string;
  const children: ChildProcess[] = [];

  function startInstance(log: string): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/input-fanout-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...t.env, FANOUT_PER_SECOND: '2', PORT: '0', DELIVERY_LOG: log },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    return child;
  }

  const exited = (c: ChildProcess) => new Promise<void>((res) => (c.exitCode !== null || c.signalCode !== null ? res() : c.once('exit', () => res())));

  beforeAll(async () => {
    // This process only prepares the round; the instances in child processes send.
    t = await startTestApp({}, { runJobs: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-fanout-'));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  // The second instance can take over only when the killed one's 30 s job lock has expired.
  it('every member is messaged exactly once after a SIGKILL and a restart', { timeout: 180_000 }, async () => {
    const round = await openRound(t, { title: 'Krasjtest', question: 'Kjem alle med?', deadline: new Date(Date.now() + 86_400_000) });
    const key = `round:${String(round._id)}:invite`;
    const audience = (await roundMembers(round)).map((m) => String(m._id)).sort();
    expect(audience.length).toBeGreaterThan(20);
    const log = path.join(dir, 'deliveries.txt');
    const lines = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
    const count = (state: string) => FanOutRecipient.countDocuments({ key, state });

    // First instance: kill it while it waits between two messages (a few have gone, none is half-sent).
    const first = startInstance(log);
    await until('a few invitations', async () => (await count('sent')) >= 4 && (await count('sending')) === 0, 60_000);
    first.kill('SIGKILL');
    await exited(first);
    const before = lines();
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.length).toBeLessThan(audience.length);
    expect(await count('sent')).toBe(before.length);

    // The killed instance still holds agenda's lock on the fan-out job; the fan-out job's lock
    // lifetime is 30 s (it touches the lock while it runs), so the next instance takes over then.
    // Second instance: picks the fan-out up where it stopped.
    const second = startInstance(log);
    await until('the rest of the invitations', async () => (await count('pending')) + (await count('sending')) === 0 && (await count('sent')) > 0, 90_000);
    second.kill('SIGTERM');
    await exited(second);

    const all = lines();
    expect(all.length).toBe(audience.length);
    expect([...new Set(all)].sort()).toEqual(audience);
    expect(await count('sent')).toBe(audience.length);
  });
});
