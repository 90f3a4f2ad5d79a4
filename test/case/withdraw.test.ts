/**
 * Withdrawing a case on the real database: from each state it is allowed in, refused once the
 * case is decided or with the parties, its number kept (the next acceptance gets the next one),
 * and a case on an agenda taken off it — also when the withdrawal races an acceptance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Audit } from '../../models/audit.js';
import { Body, type BodyDoc } from '../../models/body.js';
import { Case, CaseNumber } from '../../models/case.js';
import { Meeting } from '../../models/meeting.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { createMeeting } from '../../dialogs/meeting/service.js';
import { accept, completeAcceptance, decide, propose, returnToProposer, sendToPartners, withdraw, type CaseText } from '../../dialogs/case/service.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { startTestApp, type TestApp } from '../support/app.js';

const text = (title: string): CaseText => ({
  title,
  background: 'Bakgrunn for saka.',
  proposedDecision: 'Organet sluttar seg til forslaget.',
  type: 'project',
  priorityGroups: [],
  links: [],
});

describe('withdrawing a case', () => {
  let t: TestApp;
  let sec: MemberDoc;
  beforeAll(async () => {
    t = await startTestApp({}, { runJobs: false });
    sec = await t.member(DEMO_SECRETARIAT_EMAIL);
  });
  afterAll(async () => {
    await t?.close();
  });

  const community = () => t.community._id;
  async function body(key: string): Promise<BodyDoc> {
    return (await Body.findOne({ community: community(), key }))!;
  }
  /** A member (not the secretariat) of the body, who may propose to it. */
  async function memberOf(b: BodyDoc, nth = 0): Promise<MemberDoc> {
    const ms = (await Member.find({ community: community(), 'memberships.body': b._id }).sort({ _id: 1 })).filter((m) =>
      m.memberships.some((x) => String(x.body) === String(b._id) && x.role === 'member'),
    );
    return ms[nth]!;
  }
  async function meetingOf(b: BodyDoc, start: Date) {
    const r = await createMeeting(t.app.services, {
      community: community(),
      actor: null,
      input: { body: b._id, title: `${b.short}-møte`, start, end: new Date(start.getTime() + 3 * 3600_000) },
    });
    return r.meeting!;
  }
  async function held(meetingId: unknown) {
    const start = new Date(Date.now() - 3 * 3600_000);
    await Meeting.updateOne({ _id: meetingId }, { $set: { start, end: new Date(start.getTime() + 2 * 3600_000) } });
    await Case.updateMany({ 'meeting.id': meetingId }, { $set: { 'meeting.start': start } });
  }
  const agendaOf = async (meetingId: unknown) => (await Meeting.findById(meetingId))!.agenda.map((a) => a.caseNumber);

  it('the proposer withdraws a submitted case, with a reason; it is logged with who and the reason', async () => {
    const b = await body('ou-bergen');
    const proposer = await memberOf(b);
    const c = await propose(t.app.services, { community: community(), body: b, actor: proposer, text: text('Innsendt og trekt') });
    const done = await withdraw(t.app.services, { community: community(), caseId: c._id, actor: proposer, reason: 'Løyst lokalt' });
    expect(done.state).toBe('withdrawn');
    expect(done.withdrawReason).toBe('Løyst lokalt');
    const log = await Audit.findOne({ community: community(), action: 'case.withdraw', 'target.id': String(c._id) });
    expect(String(log!.actor)).toBe(String(proposer._id));
    expect(log!.details).toMatchObject({ reason: 'Løyst lokalt' });
  });

  it('the proposer withdraws a returned case without a reason', async () => {
    const b = await body('ou-bergen');
    const proposer = await memberOf(b);
    const c = await propose(t.app.services, { community: community(), body: b, actor: proposer, text: text('Returnert og trekt') });
    await returnToProposer(t.app.services, { community: community(), caseId: c._id, comment: 'Skriv meir', actor: sec });
    const done = await withdraw(t.app.services, { community: community(), caseId: c._id, actor: proposer });
    expect(done.state).toBe('withdrawn');
    expect(done.withdrawReason).toBe('');
  });

  it('an accepted case is taken off the agenda and keeps its number; the next acceptance gets the next number', async () => {
    const b = await body('ou-nordhordland');
    const proposer = await memberOf(b);
    const meeting = await meetingOf(b, new Date('2034-04-10T09:00:00+02:00'));
    const first = await propose(t.app.services, { community: community(), body: b, actor: proposer, text: text('Første') });
    const second = await propose(t.app.services, { community: community(), body: b, actor: proposer, text: text('Andre') });
    const third = await propose(t.app.services, { community: community(), body: b, actor: proposer, text: text('Tredje') });
    const a1 = await accept(t.app.services, { community: community(), caseId: first._id, meetingId: meeting._id, actor: sec });
    const a2 = await accept(t.app.services, { community: community(), caseId: second._id, meetingId: meeting._id, actor: sec });
    const n1 = a1.number!.label;
    const n2 = a2.number!.label;
    expect(await agendaOf(meeting._id)).toEqual([n1, n2]);

    // The secretariat withdraws the second on the proposer's behalf.
    const w = await withdraw(t.app.services, { community: community(), caseId: second._id, actor: sec, reason: 'Forslagsstillar ringde' });
    expect(w.state).toBe('withdrawn');
    expect(w.number!.label).toBe(n2);
    expect(await agendaOf(meeting._id)).toEqual([n1]);
    const log = await Audit.findOne({ community: community(), action: 'case.withdraw', 'target.id': String(second._id) });
    expect(log!.details).toMatchObject({ onBehalfOf: proposer.name, number: n2 });

    // The number is not given again: the next case gets the one after it.
    const a3 = await accept(t.app.services, { community: community(), caseId: third._id, meetingId: meeting._id, actor: sec });
    expect([a1, a2, a3].map((c) => c.number!.seq)).toEqual([a1.number!.seq, a1.number!.seq + 1, a1.number!.seq + 2]);
    expect(await agendaOf(meeting._id)).toEqual([n1, a3.number!.label]);
    expect((await CaseNumber.find({ community: community(), body: b._id }).sort({ seq: 1 })).map((r) => String(r.case))).toEqual([first, second, third].map((c) => String(c._id)));
  });

  it('is refused once the case is decided or with the parties, after it is withdrawn, and for anyone but the proposer and the secretariat', async () => {
    const b = await body('ou-voss');
    const proposer = await memberOf(b);
    const other = await memberOf(b, 1);
    const meeting = await meetingOf(b, new Date(Date.now() + 5 * 24 * 3600_000));
    const decided = await propose(t.app.services, { community: community(), body: b, actor: proposer, text: text('Vedteken') });
    const atParties = await propose(t.app.services, { community: community(), body: b, actor: proposer, text: text('Hos partane') });
    await accept(t.app.services, { community: community(), caseId: decided._id, meetingId: meeting._id, actor: sec });
    await accept(t.app.services, { community: community(), caseId: atParties._id, meetingId: meeting._id, actor: sec });

    // Someone else on the body may not withdraw the proposer's case.
    await expect(withdraw(t.app.services, { community: community(), caseId: decided._id, actor: other })).rejects.toMatchObject({ code: 'forbidden' });

    await held(meeting._id);
    await decide(t.app.services, { community: community(), caseId: decided._id, text: 'Vedteke.', actor: sec });
    const party = (await Party.findOne({ community: community(), key: 'voss' }))!;
    await sendToPartners(t.app.services, { community: community(), caseId: atParties._id, parties: [party._id], actor: sec });
    for (const [c, state] of [
      [decided, 'decided'],
      [atParties, 'at_partners'],
    ] as const) {
      await expect(withdraw(t.app.services, { community: community(), caseId: c._id, actor: proposer })).rejects.toMatchObject({
        code: 'case_transition',
        details: { step: 'withdraw', state },
      });
      expect((await Case.findById(c._id))!.state).toBe(state);
    }
    expect((await agendaOf(meeting._id)).length).toBe(2);

    // A withdrawn case cannot be withdrawn again, nor accepted.
    const gone = await propose(t.app.services, { community: community(), body: b, actor: proposer, text: text('Trekt') });
    await withdraw(t.app.services, { community: community(), caseId: gone._id, actor: proposer });
    await expect(withdraw(t.app.services, { community: community(), caseId: gone._id, actor: proposer })).rejects.toMatchObject({
      code: 'case_transition',
      details: { state: 'withdrawn' },
    });
    const later = await meetingOf(b, new Date(Date.now() + 9 * 24 * 3600_000));
    await expect(accept(t.app.services, { community: community(), caseId: gone._id, meetingId: later._id, actor: sec })).rejects.toMatchObject({
      code: 'case_transition',
      details: { state: 'withdrawn' },
    });
    expect(await agendaOf(later._id)).toEqual([]);
  });

  it('an acceptance finishing after the withdrawal (the heal of an interrupted one) does not put the case back on the agenda', async () => {
    const b = await body('ou-bergensregionen');
    const proposer = await memberOf(b);
    const meeting = await meetingOf(b, new Date('2036-06-01T09:00:00+02:00'));
    const c = await propose(t.app.services, { community: community(), body: b, actor: proposer, text: text('Avbroten') });
    // The acceptance moved the state, then stopped before numbering and the agenda («crash», or just slow).
    await Case.updateOne({ _id: c._id }, { $set: { state: 'accepted', meeting: { id: meeting._id, title: meeting.title, start: meeting.start } } });
    const stale = (await Case.findById(c._id))!;
    await withdraw(t.app.services, { community: community(), caseId: c._id, actor: proposer, reason: 'Ikkje aktuell' });
    await completeAcceptance(stale);
    expect(await agendaOf(meeting._id)).toEqual([]);
    expect((await Case.findById(c._id))!.state).toBe('withdrawn');
  });

  it('a withdrawal racing an acceptance never leaves a withdrawn case on the agenda, and numbers stay consecutive', async () => {
    const b = await body('ou-bergensregionen');
    const proposer = await memberOf(b);
    const meeting = await meetingOf(b, new Date('2035-05-05T09:00:00+02:00'));
    const cases = [];
    for (let i = 0; i < 12; i++) cases.push(await propose(t.app.services, { community: community(), body: b, actor: proposer, text: text(`Kappløp ${i + 1}`) }));
    await Promise.allSettled(
      cases.flatMap((c) => [
        accept(t.app.services, { community: community(), caseId: c._id, meetingId: meeting._id, actor: sec }),
        withdraw(t.app.services, { community: community(), caseId: c._id, actor: proposer }),
      ]),
    );
    const agenda = (await Meeting.findById(meeting._id))!.agenda.map((a) => String(a.caseId));
    const after = await Case.find({ _id: { $in: cases.map((c) => c._id) } });
    for (const c of after) {
      expect(['accepted', 'withdrawn']).toContain(c.state);
      expect(agenda.includes(String(c._id))).toBe(c.state === 'accepted');
    }
    const withdrawnWithNumber = after.filter((c) => c.state === 'withdrawn' && c.number).length;
    console.log(
      `race: ${after.filter((c) => c.state === 'accepted').length} accepted, ${after.filter((c) => c.state === 'withdrawn').length} withdrawn (${withdrawnWithNumber} after being numbered)`,
    );
    const seqs = (await CaseNumber.find({ community: community(), body: b._id, year: 2035 })).map((r) => r.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });
});
