/** The partner-decision mechanism on the real database, without any case code. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { history } from '../../src/audit.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { onPartnerDecisions, progress, record, remindMissing, sendOut } from '../../dialogs/partner/service.js';
import { progressText } from '../../dialogs/partner/views.js';
import type { Reply } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/wait.js';

describe('partner decisions', () => {
  let t: TestApp;
  const inbox = new Map<string, Reply[]>();
  beforeAll(async () => {
    t = await startTestApp();
    t.app.delivery.setFallback({
      platform: 'console',
      async send(address, reply) {
        const list = inbox.get(address.externalId) ?? [];
        list.push(reply);
        inbox.set(address.externalId, list);
        return undefined;
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tracks decisions per party, refuses outsiders, reminds only the missing, and announces completion once', async () => {
    const c = t.community._id;
    const parties = await Party.find({ community: c, key: { $in: ['askoy', 'fedje', 'helse-bergen'] } });
    const byKey = new Map(parties.map((p) => [p.key, p]));
    const secretariat = await t.member(DEMO_SECRETARIAT_EMAIL);
    const completed: string[] = [];
    onPartnerDecisions('test-subject', {
      async onComplete(_s, e) {
        completed.push(e.subject.id);
      },
    });
    const subject = { kind: 'test-subject', id: 'x1', title: 'Felles plan for utskrivning' };
    await sendOut(t.app.services, { community: c, subject, parties: parties.map((p) => p._id), actor: secretariat._id });

    // Every member of the three parties is told.
    const askoyMembers = await Member.find({ community: c, party: byKey.get('askoy')!._id });
    await until('the request to reach Askøy’s members', async () =>
      askoyMembers.every((m) => (inbox.get(m.email) ?? []).some((r) => r.text.includes('Felles plan for utskrivning'))),
    );

    const p0 = (await progress(c, subject))!;
    expect(progressText(p0, 'nb')).toBe('0 av 3 parter har fattet vedtak — mangler: Askøy kommune, Fedje kommune, Helse Bergen HF');

    // A member of Askøy records Askøy's decision; twice counts once.
    const askoyRep = askoyMembers[0]!;
    const date = new Date('2026-03-12T00:00:00+01:00');
    await record(t.app.services, { community: c, subject, party: byKey.get('askoy')!._id, decision: 'adopted', date, actor: askoyRep });
    const again = await record(t.app.services, { community: c, subject, party: byKey.get('askoy')!._id, decision: 'adopted', date, actor: askoyRep });
    expect(again.changed).toBe(false);
    expect(progressText(again.progress, 'en')).toBe('1 of 3 parties have decided — missing: Fedje kommune, Helse Bergen HF');

    // Someone from Askøy may not record Fedje's decision.
    await expect(record(t.app.services, { community: c, subject, party: byKey.get('fedje')!._id, decision: 'adopted', date, actor: askoyRep })).rejects.toMatchObject({
      code: 'forbidden',
    });
    // A party that was not asked cannot decide.
    const bergen = await Party.findOne({ community: c, key: 'bergen' });
    await expect(record(t.app.services, { community: c, subject, party: bergen!._id, decision: 'adopted', date, actor: secretariat })).rejects.toMatchObject({
      code: 'partner_not_asked',
    });

    // Reminders reach the members of Fedje and Helse Bergen, not Askøy's.
    inbox.clear();
    const r = await remindMissing(t.app.services, c, p0.requestId);
    expect(r.parties).toBe(2);
    const fedje = await Member.find({ community: c, party: byKey.get('fedje')!._id });
    await until('the reminder to reach Fedje’s members', async () =>
      fedje.every((m) => (inbox.get(m.email) ?? []).some((x) => x.text.startsWith('Påminning') || x.text.startsWith('Påminnelse') || x.text.startsWith('Reminder'))),
    );
    await until('the reminder fan-out to finish', async () => (await t.app.services.fanout.progress(`partner:${p0.requestId}:remind:n1`)).pending === 0);
    expect(askoyMembers.some((m) => (inbox.get(m.email) ?? []).length > 0)).toBe(false);

    // The secretariat records the last two; completion is announced once.
    await Promise.all([
      record(t.app.services, {
        community: c,
        subject,
        party: byKey.get('fedje')!._id,
        decision: 'adopted_with_changes',
        date,
        comment: 'Med lokal tilpassing',
        actor: secretariat,
      }),
      record(t.app.services, { community: c, subject, party: byKey.get('helse-bergen')!._id, decision: 'not_adopted', date, actor: secretariat }),
    ]);
    const done = (await progress(c, subject))!;
    expect(done.complete).toBe(true);
    expect(done.counts).toEqual({ adopted: 1, adopted_with_changes: 1, not_adopted: 1 });
    expect(completed).toEqual(['x1']);

    // The subject's own history shows all of it.
    const h = await history(c, 'test-subject', 'x1');
    expect(h.map((e) => e.action)).toEqual([
      'partner_decision.send_out',
      'partner_decision.record',
      'partner_decision.remind',
      'partner_decision.record',
      'partner_decision.record',
    ]);
  });

  it('a scheduled reminder reaches the members of the parties still missing, once', async () => {
    const c = t.community._id;
    const [voss, ulvik] = await Promise.all([Party.findOne({ community: c, key: 'voss' }), Party.findOne({ community: c, key: 'ulvik' })]);
    const subject = { kind: 'test-subject', id: 'x2', title: 'Strategi 2026, versjon 3' };
    const req = await sendOut(t.app.services, { community: c, subject, parties: [voss!._id, ulvik!._id], actor: null, notify: false, remindAt: [new Date(Date.now() + 1500)] });
    const vossRep = (await Member.findOne({ community: c, party: voss!._id }))!;
    await record(t.app.services, { community: c, subject, party: voss!._id, decision: 'adopted', date: new Date(), actor: vossRep });
    inbox.clear();
    const ulvikMembers = await Member.find({ community: c, party: ulvik!._id });
    await until('the scheduled reminder to reach Ulvik’s members', async () =>
      ulvikMembers.every((m) => (inbox.get(m.email) ?? []).some((r) => r.text.includes('Strategi 2026, versjon 3'))),
    );
    await until('the scheduled reminder fan-out to finish', async () => (await t.app.services.fanout.progress(`partner:${String(req._id)}:remind:0`)).pending === 0);
    expect((inbox.get(vossRep.email) ?? []).length).toBe(0);
    expect((inbox.get(ulvikMembers[0]!.email) ?? []).length).toBe(1);
  });
});
