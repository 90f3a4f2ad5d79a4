/** Case numbers and the state machine on the real database, with many secretaries at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { Case, CaseNumber } from '../../models/case.js';
import { Meeting } from '../../models/meeting.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { createMeeting } from '../../dialogs/meeting/service.js';
import { accept, completeAcceptance, decide, propose, reject, takeNumber, type CaseText } from '../../dialogs/case/service.js';
import { startTestApp, type TestApp } from '../support/app.js';

const text = (title: string): CaseText => ({
  title,
  background: 'Bakgrunn for saka.',
  proposedDecision: 'SSU sluttar seg til forslaget.',
  type: 'planning',
  priorityGroups: ['children'],
  links: [],
});

describe('case numbers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { runJobs: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function meetingOf(bodyKey: string, start: Date) {
    const body = (await Body.findOne({ community: t.community._id, key: bodyKey }))!;
    const r = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: body._id, title: `${body.short}-møte`, start, end: new Date(start.getTime() + 3 * 3600_000) },
    });
    return { body, meeting: r.meeting! };
  }

  it('40 acceptances at the same moment in one body get 40 distinct, consecutive numbers, all on the agenda', async () => {
    const sec = await t.member(DEMO_SECRETARIAT_EMAIL);
    const { body, meeting } = await meetingOf('mfu', new Date('2031-03-10T09:00:00+01:00'));
    const cases = [];
    for (let i = 0; i < 40; i++) cases.push(await propose(t.app.services, { community: t.community._id, body, actor: sec, text: text(`Sak ${i + 1}`) }));
    const t0 = Date.now();
    const accepted = await Promise.all(cases.map((c) => accept(t.app.services, { community: t.community._id, caseId: c._id, meetingId: meeting._id, actor: sec })));
    const ms = Date.now() - t0;
    const seqs = accepted.map((c) => c.number!.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(new Set(accepted.map((c) => c.number!.label)).size).toBe(40);
    expect(accepted.every((c) => /^MFU \d+\/2031$/.test(c.number!.label))).toBe(true);
    const agenda = (await Meeting.findById(meeting._id))!.agenda;
    expect(agenda.length).toBe(40);
    expect(new Set(agenda.map((a) => a.caseNumber)).size).toBe(40);
    console.log(`40 concurrent acceptances: ${ms} ms`);

    // Accepting them all again is refused and takes no number.
    const again = await Promise.allSettled(cases.map((c) => accept(t.app.services, { community: t.community._id, caseId: c._id, meetingId: meeting._id, actor: sec })));
    expect(again.every((r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'case_transition')).toBe(true);
    expect(await CaseNumber.countDocuments({ community: t.community._id, body: body._id, year: 2031 })).toBe(40);

    // The next body and the next year start their own sequence at 1.
    const other = await meetingOf('akutt', new Date('2031-03-11T09:00:00+01:00'));
    const c1 = await propose(t.app.services, { community: t.community._id, body: other.body, actor: sec, text: text('Annan') });
    expect((await accept(t.app.services, { community: t.community._id, caseId: c1._id, meetingId: other.meeting._id, actor: sec })).number!.label).toBe('FUAB 1/2031');
  });

  it('a crash between taking the number and writing it neither skips nor repeats a number', async () => {
    const sec = await t.member(DEMO_SECRETARIAT_EMAIL);
    const { body, meeting } = await meetingOf('ou-voss', new Date('2032-01-20T09:00:00+01:00'));
    const a = await propose(t.app.services, { community: t.community._id, body, actor: sec, text: text('A') });
    const b = await propose(t.app.services, { community: t.community._id, body, actor: sec, text: text('B') });
    // «Crash»: the state moved and the number was taken, but never written to the case.
    await Case.updateOne({ _id: a._id }, { $set: { state: 'accepted', meeting: { id: meeting._id, title: meeting.title, start: meeting.start } } });
    expect(await takeNumber(t.community._id, body._id, 2032, a._id)).toBe(1);
    // Taking it again (the heal) finds the same number.
    expect(await takeNumber(t.community._id, body._id, 2032, a._id)).toBe(1);
    const bAccepted = await accept(t.app.services, { community: t.community._id, caseId: b._id, meetingId: meeting._id, actor: sec });
    expect(bAccepted.number!.label).toBe('OU Voss 2/2032');
    const healed = await completeAcceptance((await Case.findById(a._id))!);
    expect(healed.number!.label).toBe('OU Voss 1/2032');
    expect((await Meeting.findById(meeting._id))!.agenda.map((x) => x.caseNumber).sort()).toEqual(['OU Voss 1/2032', 'OU Voss 2/2032']);
  });

  it('illegal transitions are refused without effect', async () => {
    const sec = await t.member(DEMO_SECRETARIAT_EMAIL);
    const { body, meeting } = await meetingOf('ou-bergen', new Date('2033-02-01T09:00:00+01:00'));
    const c = await propose(t.app.services, { community: t.community._id, body, actor: sec, text: text('Aldri på sakliste') });
    await expect(decide(t.app.services, { community: t.community._id, caseId: c._id, text: 'Vedteke', actor: sec })).rejects.toMatchObject({
      code: 'case_transition',
      details: { state: 'submitted', step: 'decide' },
    });
    await reject(t.app.services, { community: t.community._id, caseId: c._id, reason: 'Utanfor mandatet', actor: sec });
    await expect(accept(t.app.services, { community: t.community._id, caseId: c._id, meetingId: meeting._id, actor: sec })).rejects.toMatchObject({
      code: 'case_transition',
      details: { state: 'rejected' },
    });
    expect(await CaseNumber.countDocuments({ community: t.community._id, body: body._id })).toBe(0);
    expect((await Case.findById(c._id))!.state).toBe('rejected');
  });
});
