/**
 * The chat page over real HTTP without a browser: Direct Line in, the Teams adapter's turn, the
 * connector's transcript out; and every path a 404 in production or beside a real directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { importDirectory } from '../../src/directory-import.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directLine, roster, type DirectLineActivity } from '../support/directline.js';
import { until } from '../support/wait.js';

const WEBCHAT = { SAMLA_WEBCHAT: 'on', TEAMS_EMULATOR: undefined, LOG_LEVEL: process.env.TLOG ?? 'silent' };

function textOf(a: DirectLineActivity): string {
  const card = a.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  return card ? JSON.stringify(card) : String(a.text ?? '');
}

describe('the chat page with the demo community', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(WEBCHAT);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the page, the Web Chat bundle from the npm package, and the demo members', async () => {
    const page = await fetch(`${t.app.http.url}/chat`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/chat/webchat.js');
    const bundle = await fetch(`${t.app.http.url}/chat/webchat.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
    const r = await roster(t.app.http.url);
    expect(r.members.find((m) => m.email === DEMO_SECRETARIAT_EMAIL)?.secretariat).toBe(true);
    expect(r.bodies.map((b) => b.key)).toContain('ssu');
    expect(t.app.adapters.find((a) => a.page)?.page?.url).toMatch(/^http:\/\/localhost:\d+\/chat$/);
  });

  it('a message goes through the Teams adapter and its answer comes back to the page', async () => {
    const r = await roster(t.app.http.url);
    const sara = r.members.find((m) => m.email === DEMO_SECRETARIAT_EMAIL)!;
    const dl = await directLine(t.app.http.url, `dm.${sara.id}`);
    const posted = await dl.post({ type: 'message', text: 'status', from: { id: sara.userId }, channelData: { clientActivityID: 'c1' } });
    expect(posted.status).toBe(200);
    const seen: DirectLineActivity[] = [];
    await until('the answer to «status»', async () => {
      seen.push(...(await dl.poll()));
      return seen.some((a) => a.from.role === 'bot' && /Sekretariat|SSU/.test(textOf(a)));
    });
    // The echo Web Chat waits for, with its client id, before the answer.
    const echo = seen.find((a) => a.id === posted.id)!;
    expect(echo.channelData?.clientActivityID).toBe('c1');
    expect(echo.from.role).toBe('user');
  });

  it('refuses a conversation that is no demo member’s', async () => {
    const res = await fetch(`${t.app.http.url}/v3/directline/conversations/dm.000000000000000000000000/activities?watermark=`);
    expect(res.status).toBe(404);
  });
});

const PATHS = ['/chat', '/chat/webchat.js', '/chat/api/roster', '/v3/directline/conversations/dm.x/activities', '/chat/connector/v3/conversations/x/activities'];

async function statuses(base: string): Promise<number[]> {
  return Promise.all(
    PATHS.map(async (p) => {
      const r = await fetch(`${base}${p}`, {
        method: p.endsWith('/activities') ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json' },
        body: p.endsWith('/activities') ? '{}' : undefined,
      });
      return r.status;
    }),
  );
}

describe('where the chat page does not exist', () => {
  it('in production: refused by name, and 404 by default', async () => {
    const prod = { NODE_ENV: 'production', SAMLA_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ ...prod, SAMLA_WEBCHAT: 'on' })).toThrow(/SAMLA_WEBCHAT/);
    expect(loadConfig(prod).webchatEnabled).toBe(false);
    const t = await startTestApp({ NODE_ENV: 'production', TEAMS_EMULATOR: undefined });
    try {
      expect(await statuses(t.app.http.url)).toEqual(PATHS.map(() => 404));
    } finally {
      await t.close();
    }
  });

  it('beside a real directory: 404 everywhere, also with SAMLA_WEBCHAT=on', async () => {
    const t = await startTestApp(WEBCHAT);
    try {
      await importDirectory({
        community: { slug: 'ekte', name: 'Et ekte helsefellesskap', defaultLang: 'nb', contact: 'post@example.no' },
        parties: [{ key: 'sse', name: 'Sekretariatet', type: 'secretariat' }],
        bodies: [{ key: 'ssu', short: 'SSU', name: { nb: 'SSU', nn: 'SSU', en: 'SSU' }, kind: 'strategic' }],
        members: [{ name: 'Ekte Person', email: 'ekte.person@example.no', party: 'sse', memberships: [{ body: 'ssu', role: 'secretariat' }] }],
      } as never);
      expect(await statuses(t.app.http.url)).toEqual(PATHS.map(() => 404));
    } finally {
      await t.close();
    }
  });
});
