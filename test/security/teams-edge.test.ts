/**
 * The Teams endpoint exists only when Teams is configured, runs without authentication only when
 * asked for by name (never in production), and refuses crafted or malformed activities with a
 * short 4xx that tells nothing about the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Community } from '../../models/community.js';
import { loadConfig } from '../../src/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { memoryLogger } from '../support/memory-log.js';
import { teamsDriver, TEAMS_TENANT, type TeamsDriver } from '../support/teams-driver.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';

const prod = { NODE_ENV: 'production', SAMLA_SECRET: 'a-production-secret-of-32-characters!!' };

describe('when the Teams endpoint exists', () => {
  it('not without an app id, unless the Emulator mode is asked for; never that in production', async () => {
    expect(loadConfig({ NODE_ENV: 'development' }).teamsEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', TEAMS_EMULATOR: 'true' }).teamsEnabled).toBe(true);
    expect(() => loadConfig({ ...prod, TEAMS_EMULATOR: 'true' })).toThrow(/TEAMS_EMULATOR/);
    expect(loadConfig({ ...prod, MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' }).teamsEnabled).toBe(true);

    const t = await startTestApp({ TEAMS_EMULATOR: undefined, NODE_ENV: 'development', SAMLA_DEMO: 'off' });
    try {
      expect(t.app.adapters.map((a) => a.name)).not.toContain('teams');
      const res = await fetch(`${t.app.http.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/\bat \S+:\d+/);
    } finally {
      await t.close();
    }
  });

  it('the Emulator mode on an address others can reach is announced loudly', async () => {
    const { log, lines } = memoryLogger('info');
    const t = await startTestApp({ TEAMS_EMULATOR: 'true', HOST: '0.0.0.0' }, { log });
    try {
      const warn = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 40 && /WITHOUT authentication/.test(l.msg));
      expect(warn.length).toBe(1);
      expect(warn[0]!.msg).toMatch(/0\.0\.0\.0|every network interface/);
    } finally {
      await t.close();
    }
  });
});

describe('crafted and malformed activities', () => {
  let t: TestApp;
  let d: TeamsDriver;
  beforeAll(async () => {
    t = await startTestApp({ TEAMS_EMULATOR: 'true' });
    d = await teamsDriver(t);
  });
  afterAll(async () => {
    await d?.close();
    await t?.close();
  });

  const raw = (body: string, contentType = 'application/json') =>
    fetch(`${t.app.http.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body }).then(async (r) => ({ status: r.status, text: await r.text() }));

  function expectClean4xx(r: { status: number; text: string }) {
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.text).not.toMatch(/\bat \S+:\d+|SyntaxError|Unexpected token|<html|<pre|entity/i);
  }

  it('an operator as tenant, user or conversation id gets 400 and selects nothing', async () => {
    const before = await Community.find().lean();
    const msg = d.message(DEMO_SECRETARIAT_EMAIL, { text: 'status' });
    for (const over of [
      { channelData: { tenant: { id: { $ne: 'x' } } } },
      { conversation: { id: { $ne: 'x' }, conversationType: 'personal', tenantId: TEAMS_TENANT } },
      { from: { id: { $gt: '' }, name: 'x' } },
      { from: { id: 'x'.repeat(5000) } },
      { type: { $ne: 'x' } },
    ]) {
      expectClean4xx(await raw(JSON.stringify({ ...msg, ...over })));
    }
    expect(await Community.find().lean()).toEqual(before);
  });

  it('malformed, oversized or non-JSON bodies get a short 4xx without the parser’s words', async () => {
    expectClean4xx(await raw('{"type": "message", '));
    expectClean4xx(await raw('null'));
    expectClean4xx(await raw('[]'));
    expectClean4xx(await raw(JSON.stringify({ type: 'message', text: 'x'.repeat(2_000_000) })));
    expectClean4xx(await raw('type=message', 'application/x-www-form-urlencoded'));
  });

  it('a well-formed activity still works', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    expect((await u.say('status')).length).toBeGreaterThan(0);
  });
});
