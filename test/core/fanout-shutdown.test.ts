/** A fan-out cut short by a graceful shutdown goes on after the restart: everyone once, no errors. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { capabilities } from '../../src/composition.js';
import type { AddressDoc } from '../../models/address.js';
import { Member } from '../../models/member.js';
import type { App } from '../../src/platform.js';
import { startSamla } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import type { Dialog } from '../../src/dialog.js';
import { createLogger } from '../../src/log.js';
import type { Reply } from '../../src/ui.js';
import { startTestApp, stopAndDrop } from '../support/app.js';
import { until } from '../support/wait.js';

const probe: Dialog = {
  id: 'probe',
  commands: { nb: [], nn: [], en: [] },
  templates: () => ({ 'probe:hello': async (_lang, member) => ({ text: `hei ${member.email}` }) }),
};

describe('fan-out and shutdown', () => {
  it('stops after the current message when the app stops, and the next start sends the rest', async () => {
    const sent: string[] = [];
    const record = (app: App) =>
      app.delivery.setFallback({
        platform: 'console',
        async send(address: AddressDoc, _reply: Reply) {
          sent.push(address.externalId);
          return undefined;
        },
      });
    let logged = '';
    const out = new PassThrough();
    out.on('data', (c: Buffer) => (logged += c));

    const t = await startTestApp({ FANOUT_PER_SECOND: '4', LOG_LEVEL: 'info' }, { dialogs: [...capabilities(), probe], log: createLogger('info', out) });
    record(t.app);
    const members = await Member.find({ community: t.community._id }).sort({ _id: 1 }).limit(16);
    await t.app.services.fanout.start({ key: 'probe:stop', template: 'probe:hello', members: members.map((m) => m._id) });
    await until('a few messages', () => sent.length >= 3, 20_000);
    await t.app.stop();
    const firstRun = sent.length;
    expect(firstRun).toBeLessThan(16);

    const again = await startSamla(loadConfig({ ...t.env, FANOUT_PER_SECOND: '50' }), { dialogs: [...capabilities(), probe], log: createLogger('info', out) });
    try {
      record(again);
      await until('the rest', () => sent.length >= 16, 30_000);
      await new Promise((r) => setTimeout(r, 1500)); // nothing more may come
      expect(sent).toHaveLength(16);
      expect(new Set(sent)).toEqual(new Set(members.map((m) => m.email)));
      expect(logged).toContain('job interrupted by shutdown');
      expect(logged).not.toMatch(/"level":50/); // no error was logged on the way
    } finally {
      await stopAndDrop(again);
    }
  });
});
