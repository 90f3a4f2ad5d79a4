/**
 * Opening a form is checked like submitting it: a member who may not use a secretariat's form
 * is refused when opening it with a crafted button, and sees none of what it would show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { createMeeting } from '../../dialogs/meeting/service.js';
import { propose } from '../../dialogs/case/service.js';
import { action } from '../../src/payload.js';
import { formsIn } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';

let t: TestApp;
let member: MemberDoc;
let observer: MemberDoc;
let caseId: string;
let ssuId: string;

beforeAll(async () => {
  t = await startTestApp({}, { runJobs: false });
  const ssu = (await Body.findOne({ community: t.community._id, key: 'ssu' }))!;
  ssuId = String(ssu._id);
  const all = await Member.find({ community: t.community._id, 'memberships.body': ssu._id }).sort({ _id: 1 });
  const role = (m: MemberDoc) => m.memberships.find((x) => String(x.body) === ssuId)?.role;
  member = all.find((m) => role(m) === 'member')!;
  observer = all.find((m) => role(m) === 'observer')!;
  const start = new Date(Date.now() + 30 * 24 * 3600_000);
  await createMeeting(t.app.services, { community: t.community._id, actor: null, input: { body: ssu._id, title: 'SSU-møte', start, end: new Date(start.getTime() + 3600_000) } });
  const c = await propose(t.app.services, {
    community: t.community._id,
    body: ssu,
    actor: member,
    text: { title: 'Felles rutine', background: 'Bakgrunn.', proposedDecision: 'Vedtak.', type: 'project', priorityGroups: [], links: [] },
  });
  caseId = String(c._id);
});
afterAll(async () => t?.close());

const open = (m: MemberDoc, d: string, a: Record<string, string>) => t.app.core.receive(directMessage(t, m.email, { kind: 'action', action: action(d, '@form', a) }));

describe('opening a form', () => {
  it.each(['accept', 'return', 'refer', 'reject', 'decide'])('a member or observer cannot open the secretariat’s «%s» form', async (f) => {
    for (const who of [member, observer]) {
      const out = await open(who, 'case', { '@f': f, c: caseId });
      expect(out.replies.flatMap(formsIn)).toEqual([]);
      expect(out.replies.map((r) => r.text).join()).not.toMatch(/SSU-møte/);
    }
  });

  it('a member cannot open the form to create a poll in a body they do not lead', async () => {
    const out = await open(member, 'poll', { '@f': 'new', b: ssuId });
    expect(out.replies.flatMap(formsIn)).toEqual([]);
  });

  it('the secretariat can', async () => {
    const sec = await t.member('sara.solheim@demo.samla.no');
    const out = await open(sec, 'case', { '@f': 'accept', c: caseId });
    expect(out.replies.flatMap(formsIn).map((f) => f.id)).toEqual(['case-accept']);
  });
});

describe('a crafted step name', () => {
  // Actions and forms are looked up by the name a button carries; only the dialog's own entries count.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('«%s» is an outdated button, not a call into Object', async (s) => {
    const sec = await t.member('sara.solheim@demo.samla.no');
    for (const inc of [
      { kind: 'action' as const, action: action('poll', s) },
      { kind: 'action' as const, action: action('case', '@form', { '@f': s }) },
      { kind: 'submit' as const, action: action('case', s), values: { text: 'x' } },
    ]) {
      const out = await t.app.core.receive(directMessage(t, sec.email, inc));
      expect(out.replies.map((r) => r.text).join(' ')).toMatch(/eldre melding/);
    }
  });
});

describe('a crafted word', () => {
  it('«språk constructor» is a language the bot does not know, said kindly, and nothing changes', async () => {
    const sec = await t.member('sara.solheim@demo.samla.no');
    for (const inc of [
      { kind: 'text' as const, text: 'språk constructor' },
      { kind: 'action' as const, action: action('lang', 'set', { l: 'constructor' }) },
    ]) {
      const out = await t.app.core.receive(directMessage(t, sec.email, inc));
      expect(out.replies.map((r) => r.text).join(' ')).toContain('constructor');
      expect((await t.member(sec.email)).lang ?? null).toBe(sec.lang ?? null);
    }
  });
});
