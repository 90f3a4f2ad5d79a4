/**
 * Readiness from the first moment of a real start (src/main.ts in a child process): whenever
 * /readyz or /healthz says 200, the platform endpoints are mounted and the demo community is
 * seeded in full. A load balancer or a platform retry hitting the start-up window must never be
 * told "ready" and then get 404 or an empty directory.
 */
import { spawn } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '../../src/demo.js';
import { ROOT } from '../../src/paths.js';
import { testEnv } from '../support/app.js';
import { startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { freePort } from '../support/ports.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('readiness from process start', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(async () => {
    await slack?.close();
  });

  it('is never 200 before POST /api/messages, /slack/events and the demo seeding are there', async () => {
    const port = await freePort();
    const env = testEnv({
      PORT: String(port),
      SAMLA_DEMO: 'on',
      SLACK_SIGNING_SECRET: 'readiness-signing-secret',
      SLACK_BOT_TOKEN: 'xoxb-readiness',
      SLACK_API_URL: slack.apiUrl,
      // Teams configured as in production: /api/messages answers 401 to a request without a token.
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'readiness-test-password',
    });
    const mongo = await MongoClient.connect(env.MONGODB_URI!);
    const members = () => mongo.db(env.SAMLA_DB_NAME).collection('members').countDocuments();
    const expected = demoDirectory().members.length;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    const base = `http://127.0.0.1:${port}`;
    const problems: string[] = [];
    let readySeen = 0;
    let starting = 0;
    try {
      const until = Date.now() + 90_000;
      while (readySeen < 5 && problems.length < 20 && Date.now() < until && child.exitCode === null) {
        for (const probe of ['/readyz', '/healthz']) {
          const r = await fetch(base + probe).catch(() => null);
          if (!r) continue;
          if (r.status !== 200) {
            starting++;
            continue;
          }
          // Said ready: everything must be there now.
          const teams = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'typing' }) });
          const slackEvents = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
          const n = await members();
          if (teams.status === 404 || teams.status === 503) problems.push(`${probe} 200 but POST /api/messages ${teams.status}`);
          if (slackEvents.status === 404 || slackEvents.status === 503) problems.push(`${probe} 200 but POST /slack/events ${slackEvents.status}`);
          if (n !== expected) problems.push(`${probe} 200 with ${n} of ${expected} demo members`);
          if (probe === '/readyz') readySeen++;
        }
        await sleep(5);
      }
      expect(err).not.toMatch(/Samla stopped/);
      expect(problems).toEqual([]);
      expect(readySeen, `never ready; stderr: ${err.slice(-2000)}`).toBe(5);
      expect(starting, 'the start-up window was probed').toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
      await mongo.close();
    }
  }, 120_000);
});
