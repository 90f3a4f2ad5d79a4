/** The new-meeting form as each platform shows it: a choice of bodies, no empty extra boxes, format hints only in the terminal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { Member } from '../../models/member.js';
import { fieldPrompt } from '../../adapters/console/render.js';
import { renderModal } from '../../adapters/slack/render.js';
import { renderReply as teamsReply } from '../../adapters/teams/render.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { formsIn, type Form } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';

describe('the new-meeting form', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { runJobs: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function newMeetingForm(email: string, text = 'møte ny'): Promise<Form> {
    const out = await t.app.core.receive(directMessage(t, email, { text }));
    const form = out.replies.flatMap(formsIn)[0];
    if (!form) throw new Error(`no form: ${out.replies.map((r) => r.text).join(' | ')}`);
    return form;
  }

  it('offers the bodies the member keeps the secretariat for, by name, as a choice', async () => {
    const ssu = (await Body.findOne({ community: t.community._id, key: 'ssu' }))!;
    const mfu = (await Body.findOne({ community: t.community._id, key: 'mfu' }))!;
    const sec = await Member.create({
      community: t.community._id,
      name: 'Siv Sekretær',
      email: 'siv.sekretaer@example.no',
      party: (await t.member(DEMO_SECRETARIAT_EMAIL)).party,
      lang: 'nn',
      memberships: [
        { body: ssu._id, role: 'secretariat' },
        { body: mfu._id, role: 'secretariat' },
        { body: (await Body.findOne({ community: t.community._id, key: 'pm' }))!._id, role: 'observer' },
      ],
    });
    const form = await newMeetingForm(sec.email);
    const body = form.fields.find((f) => f.id === 'body')!;
    expect(body.kind).toBe('choice');
    expect(body.options?.map((o) => o.label)).toEqual([ssu.name.nn, mfu.name.nn]);
    expect(body.hint ?? '').not.toMatch(/ssu|ou-bergen/);
  });

  it('«møte ny ssu» preselects the body; an unknown one is said on the form and not preselected', async () => {
    expect((await newMeetingForm(DEMO_SECRETARIAT_EMAIL, 'møte ny ssu')).values?.body).toBe('ssu');
    const bad = await newMeetingForm(DEMO_SECRETARIAT_EMAIL, 'møte ny finnes-ikke');
    expect(bad.values?.body).toBeUndefined();
    expect(bad.errors?.body).toContain('finnes-ikke');
  });

  it('Slack shows no empty «Saksliste (fortsetter)» box, and only the terminal hints at how to write a time', async () => {
    const form = await newMeetingForm(DEMO_SECRETARIAT_EMAIL);
    const modal = JSON.stringify(renderModal(form, { d: form.action.d, s: form.action.s } as never, 'nb'));
    expect(modal).not.toContain('fortsetter');
    expect(modal).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const card = JSON.stringify(teamsReply({ text: form.title, elements: [{ type: 'form', form }] }, { lang: 'nb' }));
    expect(card).not.toMatch(/som \d{4}-\d{2}-\d{2}/);
    const start = form.fields.find((f) => f.id === 'start')!;
    expect(fieldPrompt(start, undefined, 'nb')).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(fieldPrompt(start, undefined, 'nn')).toMatch(/t\.d\. \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  });
});
