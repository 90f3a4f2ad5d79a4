/** Typed messages pass the same identity-number guard as forms, before any dialog sees them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../src/composition.js';
import { DialogState } from '../../models/dialog-state.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Dialog } from '../../src/dialog.js';
import { startTestApp, type TestApp } from '../support/app.js';

const heard: string[] = [];
const echo: Dialog = {
  id: 'echo',
  commands: { nb: ['ekko'], nn: [], en: [] },
  async command(_ctx, args) {
    heard.push(args);
    return { replies: [{ text: `ekko: ${args}` }], state: { on: true } };
  },
  async text(_ctx, text) {
    heard.push(text);
    return { replies: [{ text: `ekko: ${text}` }], state: { on: true, last: text } };
  },
  actions: {
    async x(ctx) {
      heard.push(ctx.text ?? '');
      return { replies: [{ text: 'ok' }] };
    },
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { dialogs: [...capabilities(), echo] });
});
afterAll(async () => t?.close());

const turn = (text: string, extra: object = {}) =>
  t.app.core.receive({
    platform: 'console',
    communityId: String(t.community._id),
    user: { externalId: DEMO_SECRETARIAT_EMAIL, lookupEmail: async () => DEMO_SECRETARIAT_EMAIL },
    conversationId: 'guard',
    where: 'direct',
    kind: 'text',
    text,
    ...extra,
  });

describe('identity numbers in typed text', () => {
  it('are refused with an explanation, and neither the dialog nor the database sees them', async () => {
    expect((await turn('ekko hei')).replies[0]?.text).toBe('ekko: hei');
    const out = await turn('pasienten har fnr 150385 10190');
    expect(out.replies[0]?.text).toMatch(/fødselsnummer/);
    expect(out.replies[0]?.visibility).toBe('private');
    const shared = await turn('Innspill om 55038510184', { kind: 'action', action: { d: 'echo', s: 'x' } });
    expect(shared.replies[0]?.text).toMatch(/fødselsnummer/);
    expect(heard).toEqual(['hei']);
    const state = await DialogState.findOne({ conversation: 'guard' }).lean();
    expect(JSON.stringify(state)).not.toContain('10190');
  });
});
