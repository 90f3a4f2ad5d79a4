/**
 * One member's turns take effect in the order they arrived, however long each takes: the last
 * click a member made is what stands. Other members are not held up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../src/composition.js';
import { Member } from '../../models/member.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Dialog } from '../../src/dialog.js';
import { action } from '../../src/payload.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';

const done: string[] = [];
const slow: Dialog = {
  id: 'slowtest',
  commands: { nb: [], nn: [], en: [] },
  actions: {
    async x(ctx, args) {
      await new Promise((r) => setTimeout(r, Number(args?.ms ?? 0)));
      done.push(`${ctx.member.email}:${String(args?.n)}`);
      return { replies: [{ text: 'ok' }] };
    },
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { runJobs: false, dialogs: [...capabilities(), slow] });
});
afterAll(async () => t?.close());

const click = (email: string, n: number, ms: number) => t.app.core.receive(directMessage(t, email, { kind: 'action', action: action('slowtest', 'x', { n, ms }) }));

describe('turn order', () => {
  it('a slow first click is not overtaken by the member’s quick second one; another member is not held up', async () => {
    const other = DEMO_SECRETARIAT_EMAIL;
    const someone = (await Member.findOne({ community: t.community._id, email: { $ne: other } }))!.email;
    await Promise.all([click(someone, 1, 300), click(someone, 2, 0), click(other, 3, 0)]);
    expect(done.filter((x) => x.startsWith(someone))).toEqual([`${someone}:1`, `${someone}:2`]);
    expect(done.indexOf(`${other}:3`)).toBeLessThan(done.indexOf(`${someone}:1`));
  });
});
