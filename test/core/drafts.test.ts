/** What a member typed into a form that could not be saved is kept, and comes back usable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../src/composition.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Dialog } from '../../src/dialog.js';
import { formsIn, type Form } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';
import { defineForm, field, formHandler } from '../../src/form-spec.js';
import { testCatalog } from '../support/catalog.js';

let options = ['ssu', 'pm'];
const wishSpec = defineForm(
  testCatalog('wish', { 'wish.form.wish.text.label': 'Tekst', 'wish.form.wish.to.label': 'Til', 'wish.form.wish.groups.label': 'Grupper' }),
  'wish',
  'wish',
  {
    text: field.longtext({ maxLength: 20 }).required(),
    to: field.choice().required(),
    groups: field.multichoice(),
  },
);
const wish = (): Form =>
  wishSpec.render('nb', {
    title: 'Ønske',
    submitLabel: 'Send',
    options: { to: options.map((v) => ({ value: v, label: v.toUpperCase() })), groups: ['barn', 'eldre'].map((v) => ({ value: v, label: v })) },
  });
const saved: string[] = [];
const wishDialog: Dialog = {
  id: 'wish',
  commands: { nb: ['ønske'], nn: [], en: [] },
  async command() {
    return { replies: [{ text: 'Ønske', elements: [{ type: 'form', form: wish() }] }] };
  },
  forms: {
    wish: formHandler(wishSpec, {
      build: async () => wish(),
      async submit(_ctx, values) {
        saved.push(values.text);
        return { replies: [{ text: 'Lagret' }] };
      },
    }),
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { dialogs: [...capabilities(), wishDialog] });
});
afterAll(async () => t?.close());

const send = (over: Parameters<typeof directMessage>[2]) => t.app.core.receive(directMessage(t, DEMO_SECRETARIAT_EMAIL, over));
const shownForm = async () => formsIn((await send({ text: 'ønske' })).replies[0]!)[0]!;

describe('drafts', () => {
  it('keep a rejected submission for the next time the form is opened, on any platform', async () => {
    const out = await send({ kind: 'submit', action: wish().action, values: { text: 'x'.repeat(25), to: 'ssu', groups: ['barn'] } });
    expect(out.rejectedForm?.errors).toEqual({ text: 'For langt: 25 tegn, maks 20. Kort det ned.' });
    expect((await shownForm()).values).toEqual({ text: 'x'.repeat(25), to: 'ssu', groups: ['barn'] });
  });

  it('bring back only choices the form still offers', async () => {
    await send({ kind: 'submit', action: wish().action, values: { text: 'y'.repeat(25), to: 'pm', groups: ['barn', 'gone'] } });
    options = ['ssu']; // PM is no longer a choice
    try {
      expect((await shownForm()).values).toEqual({ text: 'y'.repeat(25), groups: ['barn'] });
    } finally {
      options = ['ssu', 'pm'];
    }
  });

  it('answer a required choice that has one option only, beside what the member typed before', async () => {
    await send({ kind: 'submit', action: wish().action, values: { text: 'z'.repeat(25) } });
    options = ['ssu']; // one body to send to: nobody should have to pick it
    try {
      expect((await shownForm()).values).toEqual({ text: 'z'.repeat(25), to: 'ssu' });
    } finally {
      options = ['ssu', 'pm'];
    }
    // With a real choice, none is made for the member.
    expect((await shownForm()).values).toEqual({ text: 'z'.repeat(25) });
  });

  it('are gone once the form is saved', async () => {
    const ok = await send({ kind: 'submit', action: wish().action, values: { text: 'kort', to: 'ssu' } });
    expect(ok.replies[0]?.text).toBe('Lagret');
    expect(saved).toEqual(['kort']);
    expect((await shownForm()).values).toBeUndefined();
  });
});
