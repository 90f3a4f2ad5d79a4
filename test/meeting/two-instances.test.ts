/**
 * Two bot instances on one database: every notice and reminder is delivered exactly once.
 * The instances are child processes (test/support/meeting-worker.ts); this process runs no jobs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { Member } from '../../models/member.js';
import { createMeeting, jobPrefix } from '../../dialogs/meeting/service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/wait.js';

const root = path.resolve(import.meta.dirname, '../..');

function worker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['test/support/meeting-worker.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

describe('two instances', () => {
  let t: TestApp;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    t = await startTestApp({ FANOUT_PER_SECOND: '20' }, { runJobs: false });
    workers.push(...(await Promise.all([worker(t.env), worker(t.env)])));
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => new Promise<void>((res) => (w.exitCode !== null ? res() : (w.once('exit', () => res()), w.kill('SIGTERM'))))));
    await t?.close();
  });

  it('each member gets the notice once and each reminder once', async () => {
    const body = await Body.findOne({ community: t.community._id, key: 'ag-strategi' });
    const members = (await Member.find({ community: t.community._id, 'memberships.body': body!._id })).filter((m) =>
      m.memberships.some((x) => String(x.body) === String(body!._id) && x.role !== 'secretariat'),
    );
    const start = new Date(Date.now() + 12_000);
    const { meeting } = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: {
        body: body!._id,
        title: 'Strategimøte',
        start,
        end: new Date(start.getTime() + 1000),
        schedule: { noticeBefore: 3600, remindersBefore: [8, 5], minutesAfter: 3600 },
      },
    });
    const deliveries = () => mongoose.connection.collection('test_deliveries');
    const expected = members.length * 3; // notice + two reminders
    await until('every delivery', async () => (await deliveries().countDocuments({ kind: 'member' })) >= expected, 40_000);
    // Wait until no meeting job and no fan-out is left to run, so a late duplicate would be counted.
    await until('the jobs to finish', async () => (await t.app.scheduler.pending(jobPrefix(meeting!._id))).every((p) => p.name === 'samla:meeting:minutes'), 30_000);
    await until(
      'the fan-outs to finish',
      async () => (await mongoose.connection.collection('fanoutrecipients').countDocuments({ state: { $in: ['pending', 'sending'] } })) === 0,
      30_000,
    );
    const rows = await deliveries().find({ kind: 'member' }).toArray();
    for (const m of members) {
      const mine = rows.filter((r) => r.to === m.email);
      expect(
        mine.filter((r) => /Innkalling|Notice/.test(String(r.text))),
        m.email,
      ).toHaveLength(1);
      expect(
        mine.filter((r) => /Påminn|Reminder/.test(String(r.text))),
        m.email,
      ).toHaveLength(2);
    }
    expect(rows).toHaveLength(expected);
    expect(await deliveries().countDocuments({ kind: 'channel' })).toBe(1);
  });
});
