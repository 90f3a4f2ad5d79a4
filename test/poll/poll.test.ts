/**
 * Polls on the real database: concurrent votes counted exactly, one voice per party, every type's
 * results, refusals, the reminder to those who have not voted, and the live-update coalescing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Address } from '../../models/address.js';
import { Body } from '../../models/body.js';
import { Member } from '../../models/member.js';
import { Poll } from '../../models/poll.js';
import { Vote } from '../../models/vote.js';
import { Coalescer, UPDATE_EVERY_MS } from '../../dialogs/poll/coalescer.js';
import { PollService } from '../support/polls.js';
import { history } from '../../src/audit.js';
import { formsIn } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';
import { addMembers, allText, bindChannel, clickVote, createPoll, recordingSender, submitBallot } from '../support/poll-helpers.js';
import { until } from '../support/wait.js';

let t: TestApp;
let rec: ReturnType<typeof recordingSender>;

beforeAll(async () => {
  t = await startTestApp();
  rec = recordingSender('slack');
  t.app.delivery.register(rec.sender);
  for (const b of ['ssu', 'mfu', 'akutt', 'ou-voss', 'ou-bergen']) await bindChannel(t, b);
});
afterAll(async () => {
  await t?.close();
});

const polls = () => PollService.for(t.app.services);
const replyText = (o: { replies: { text: string }[] }) => o.replies.map((r) => r.text).join('\n');
const sentTo = (bodyKey: string) => rec.sends.filter((s) => s.address.externalId === `C-${bodyKey}`);

describe('votes are never lost or doubled', () => {
  it('200 members voting at the same moment, with retries and double clicks, give the exact tally', { timeout: 240_000 }, async () => {
    const members = await addMembers(t, 'ou-bergen', 200, 'many');
    const poll = await createPoll(t, 'ou-bergen');
    const expected = [0, 0, 0];
    const clicks = members.map((m, i) => {
      expected[i % 3]!++;
      return clickVote(t, m.email, poll, String((i % 3) + 1), `ev-${i}`);
    });
    // Platform retries of the same event, and double clicks (a new event each, same choice).
    const retries = members.slice(0, 25).map((m, i) => clickVote(t, m.email, poll, String((i % 3) + 1), `ev-${i}`));
    const doubles = members.slice(25, 50).map((m, i) => clickVote(t, m.email, poll, String(((i + 25) % 3) + 1), `dbl-${i}`));
    const outcomes = await Promise.all([...clicks, ...retries, ...doubles]);

    expect(outcomes.filter((o) => o.duplicate)).toHaveLength(25);
    expect(outcomes.some((o) => /gikk galt|went wrong/.test(replyText(o)))).toBe(false);
    expect(await Vote.countDocuments({ poll: poll._id })).toBe(200);
    const tally = await polls().tally(poll);
    expect(tally.counts.map((c) => c.count)).toEqual(expected);
    const part = await polls().participation(poll);
    expect(part.voted).toBe(200);
  });
});

describe('one voice per party', () => {
  it('two members of the same party share one vote; the record keeps who cast it last', async () => {
    const poll = await createPoll(t, 'ssu', { voters: 'party' });
    const leader = await Member.findOne({ community: t.community._id, title: 'Kommunalsjef helse', 'memberships.role': 'leader', 'memberships.body': poll.body });
    const other = await Member.findOne({ community: t.community._id, title: 'Etatsdirektør' });
    expect(String(leader!.party)).toBe(String(other!.party));

    const first = await clickVote(t, leader!.email, poll, '1');
    expect(replyText(first)).toContain('Bergen kommune');
    const second = await clickVote(t, other!.email, poll, '2');
    expect(replyText(second)).toMatch(/endret til: «Modell B»/);

    const votes = await Vote.find({ poll: poll._id });
    expect(votes).toHaveLength(1);
    expect(votes[0]!.choices).toEqual(['2']);
    expect(String(votes[0]!.castBy)).toBe(String(other!._id));
    const audit = await history(t.community._id, 'poll', poll._id);
    expect(audit.filter((a) => a.action.startsWith('poll.vote')).map((a) => String(a.actor))).toEqual([String(leader!._id), String(other!._id)]);

    const part = await polls().participation(poll);
    expect(part).toMatchObject({ unit: 'parties', voted: 1, eligible: 8 });
    expect(part.missing).toContain('Helse Bergen HF');
    expect(part.missing).not.toContain('Bergen kommune');
  });
});

describe('who may vote, and until when', () => {
  it('an observer and the secretariat get a private explanation, not an error', async () => {
    const poll = await createPoll(t, 'ssu');
    const ks = await Member.findOne({ community: t.community._id, title: 'Rådgiver, KS Vestland' });
    const o1 = await clickVote(t, ks!.email, poll, '1');
    expect(replyText(o1)).toContain('Observatører stemmer ikke');
    expect(o1.replies[0]!.visibility).toBe('private');
    const o2 = await clickVote(t, 'sara.solheim@demo.samla.no', poll, '1');
    expect(replyText(o2)).toContain('Sekretariatet styrer avstemningen');
    const outsider = await Member.findOne({ community: t.community._id, title: 'Seksjonsleder' });
    expect(replyText(await clickVote(t, outsider!.email, poll, '1'))).toContain('Bare medlemmene i Strategisk samarbeidsutvalg');
    expect(await Vote.countDocuments({ poll: poll._id })).toBe(0);
  });

  it('observers vote when the poll allows it', async () => {
    const poll = await createPoll(t, 'ssu', { observersMayVote: true });
    const ks = await Member.findOne({ community: t.community._id, title: 'Rådgiver, KS Vestland' });
    expect(replyText(await clickVote(t, ks!.email, poll, '3'))).toContain('registrert');
  });

  it('votes can be changed until close, and a vote after close is refused clearly', async () => {
    const poll = await createPoll(t, 'ssu');
    const m = await Member.findOne({ community: t.community._id, title: 'Fagdirektør' });
    expect(replyText(await clickVote(t, m!.email, poll, '1'))).toContain('registrert: «Modell A»');
    expect(replyText(await clickVote(t, m!.email, poll, '1'))).toContain('allerede registrert');
    expect(replyText(await clickVote(t, m!.email, poll, '3'))).toContain('endret til: «Modell C»');
    await polls().close(poll._id, await t.member('sara.solheim@demo.samla.no'));
    const late = await clickVote(t, m!.email, poll, '2');
    expect(replyText(late)).toMatch(/ble stengt .*, så du kan ikke lenger stemme eller endre stemmen din/);
    expect((await Vote.findOne({ poll: poll._id }))!.choices).toEqual(['3']);
  });

  it('a ranking with the same option twice is refused per field, with what was chosen kept', async () => {
    const poll = await createPoll(t, 'ssu', { type: 'ranking', options: ['Modell A', 'Modell B', 'Modell C'] });
    const m = await Member.findOne({ community: t.community._id, title: 'Direktør', party: { $exists: true } });
    const bad = await submitBallot(t, m!.email, poll, { rank1: '2', rank2: '2', rank3: '1' });
    expect(bad.rejectedForm?.errors?.rank2).toContain('«Modell B» står allerede på plass 1');
    expect(bad.rejectedForm?.values).toMatchObject({ rank1: '2', rank3: '1' });
    const long = await submitBallot(t, m!.email, poll, { rank1: '2', rank2: '3', reason: 'x'.repeat(501) });
    expect(long.rejectedForm?.errors?.reason).toContain('maks 500');
    const ok = await submitBallot(t, m!.email, poll, { rank1: '2', rank2: '3', reason: 'B er mest realistisk' });
    expect(replyText(ok)).toContain('1. Modell B, 2. Modell C');
  });
});

describe('when results are shown', () => {
  it('after voting: not in the channel, but to each voter once they voted', async () => {
    const poll = await createPoll(t, 'ssu', { results: 'after_vote', question: 'Vis etter stemme' });
    const msg = sentTo('ssu').find((s) => s.reply.text.includes('Vis etter stemme'))!;
    expect(msg.reply.elements!.some((e) => e.type === 'bars')).toBe(false);
    expect(allText(msg.reply)).toContain('Resultatet vises for deg når du har stemt');
    const m = await Member.findOne({ community: t.community._id, title: 'Fagdirektør' });
    const out = await clickVote(t, m!.email, poll, '2');
    expect(out.replies[0]!.elements!.some((e) => e.type === 'bars')).toBe(true);
  });

  it('at close: nobody sees a tally before, the secretariat included', async () => {
    const poll = await createPoll(t, 'ssu', { results: 'at_close', question: 'Vis ved stenging' });
    const m = await Member.findOne({ community: t.community._id, title: 'Fagdirektør' });
    const out = await clickVote(t, m!.email, poll, '2');
    expect(out.replies[0]!.elements!.some((e) => e.type === 'bars')).toBe(false);
    const sara = await t.app.core.receive(directMessage(t, 'sara.solheim@demo.samla.no', { conversationId: 'console:sara', text: `avstemning ${poll.number}` }));
    expect(sara.replies[0]!.elements!.some((e) => e.type === 'bars')).toBe(false);
    expect(allText(sara.replies[0]!)).toContain('1 av 11 medlemmer har stemt');
  });
});

describe('results per poll type', () => {
  // Filtered here rather than with $elemMatch on two fields, which FerretDB 1.x does not support.
  const ssuVoters = async () => {
    const ssu = (await Body.findOne({ community: t.community._id, key: 'ssu' }))!;
    const all = await Member.find({ community: t.community._id, 'memberships.body': ssu._id }).sort({ _id: 1 });
    return all.filter((m) => m.memberships.some((x) => String(x.body) === String(ssu._id) && ['leader', 'deputy_leader', 'member'].includes(x.role))).map((m) => m.email);
  };

  async function closeAndGetResults(pollId: unknown) {
    await polls().close(String(pollId), await t.member('sara.solheim@demo.samla.no'));
    const poll = (await Poll.findById(pollId))!;
    const r = rec.sends.find((s) => s.reply.text.startsWith('Resultat:') && allText(s.reply).includes(`Avstemning #${poll.number} `));
    expect(r, 'results posted in the channel').toBeTruthy();
    return { poll, text: allText(r!.reply), reply: r!.reply };
  }

  it('single choice: bars, counts and participation', async () => {
    const poll = await createPoll(t, 'ssu');
    const voters = await ssuVoters();
    for (const [i, e] of voters.slice(0, 5).entries()) await clickVote(t, e, poll, i < 3 ? '2' : '1');
    const { text, reply } = await closeAndGetResults(poll._id);
    const bars = reply.elements!.find((e) => e.type === 'bars');
    expect(bars && bars.type === 'bars' && bars.bars.map((b) => [b.label, b.count, b.total])).toEqual([
      ['Modell A', 2, 5],
      ['Modell B', 3, 5],
      ['Modell C', 0, 5],
    ]);
    expect(text).toContain(`5 av ${voters.length} medlemmer har stemt`);
  });

  it('multiple choice: each option counted per voter', async () => {
    const poll = await createPoll(t, 'ssu', { type: 'multiple', maxChoices: 2 });
    const voters = await ssuVoters();
    await submitBallot(t, voters[0]!, poll, { choices: ['1', '2'] });
    await submitBallot(t, voters[1]!, poll, { choices: ['2'] });
    const tooMany = await submitBallot(t, voters[2]!, poll, { choices: ['1', '2', '3'] });
    expect(tooMany.rejectedForm?.errors?.choices).toMatch(/h(øy|øg)st 2/);
    const { text } = await closeAndGetResults(poll._id);
    expect(text).toContain('Modell A 1/2');
    expect(text).toContain('Modell B 2/2');
  });

  it('scale: distribution and mean', async () => {
    const poll = await createPoll(t, 'ssu', { type: 'scale', question: 'Kor viktig er det med fleire samarbeidsutval?', options: ['Lite viktig', 'Svært viktig'] });
    const voters = await ssuVoters();
    for (const [i, v] of [5, 4, 4, 2].entries()) expect(replyText(await clickVote(t, voters[i]!, poll, String(v)))).toMatch(/registrert|registrert/);
    const { text } = await closeAndGetResults(poll._id);
    expect(text).toContain('Gjennomsnitt: *3,8* (av 4 svar)');
    expect(text).toContain('1 – Lite viktig 0/4');
    expect(text).toContain('4 2/4');
    expect(text).toContain('5 – Svært viktig 1/4');
  });

  it('ranking: the Borda order', async () => {
    const poll = await createPoll(t, 'ssu', { type: 'ranking', options: ['A', 'B', 'C', 'D'] });
    const voters = await ssuVoters();
    await submitBallot(t, voters[0]!, poll, { rank1: '2', rank2: '1', rank3: '3', rank4: '4' });
    await submitBallot(t, voters[1]!, poll, { rank1: '1', rank2: '2' });
    await submitBallot(t, voters[2]!, poll, { rank1: '3', rank2: '2', rank3: '1', rank4: '4' });
    const { text } = await closeAndGetResults(poll._id);
    expect(text).toContain('1. B: 7 poeng\n2. A: 6 poeng\n3. C: 4 poeng\n4. D: 0 poeng');
  });

  it('open: pros and cons listed', async () => {
    const poll = await createPoll(t, 'ssu', { type: 'open', options: [] });
    const voters = await ssuVoters();
    const empty = await submitBallot(t, voters[0]!, poll, {});
    expect(empty.rejectedForm?.errors?._form).toContain('minst en fordel');
    await submitBallot(t, voters[0]!, poll, { pros: 'Nærmere innbyggerne', cons: 'Flere møter' });
    await submitBallot(t, voters[1]!, poll, { cons: 'Mer byråkrati' });
    const { text } = await closeAndGetResults(poll._id);
    expect(text).toMatch(/Fordeler\*?\n• Nærmere innbyggerne/);
    expect(text).toContain('• Flere møter');
    expect(text).toContain('• Mer byråkrati');
  });

  it('closing twice posts the results once, and the channel message loses its buttons', async () => {
    const poll = await createPoll(t, 'ssu');
    const sara = await t.member('sara.solheim@demo.samla.no');
    await polls().close(poll._id, sara);
    await polls().close(poll._id, sara);
    await polls().close(poll._id, null);
    const results = rec.sends.filter((s) => s.reply.text.startsWith('Resultat:') && allText(s.reply).includes(`Avstemning #${poll.number} `));
    expect(results).toHaveLength(1);
    const closedMsg = rec.updates.filter((u) => u.reply.updateKey === `poll:${String(poll._id)}`).at(-1)!;
    expect(closedMsg.reply.elements!.some((e) => e.type === 'buttons')).toBe(false);
    expect(allText(closedMsg.reply)).toContain('Stengt');
  });
});

describe('the reminder', () => {
  it('reaches only those who have not voted, once', async () => {
    const mfu = await Body.findOne({ community: t.community._id, key: 'mfu' });
    const members = (await Member.find({ community: t.community._id, 'memberships.body': mfu!._id })).filter((m) =>
      m.memberships.some((x) => String(x.body) === String(mfu!._id) && x.role !== 'secretariat'),
    );
    for (const m of members) {
      await Address.updateOne(
        { community: t.community._id, platform: 'slack', kind: 'member', externalId: `U-${String(m._id)}` },
        { $set: { member: m._id, ref: {} } },
        { upsert: true },
      );
    }
    const voter = members[0]!;
    const poll = await createPoll(t, 'mfu', { closesAt: new Date(Date.now() + 120_000) }, { remindBeforeMs: 118_000 });
    await clickVote(t, voter.email, poll, '1');
    const reminded = await until(
      'the reminder fan-out',
      async () => {
        const p = await t.app.services.fanout.progress(`poll:${String(poll._id)}:remind`);
        return p.sent + p.skipped === members.length && p.pending === 0 && p.sending === 0 ? p : null;
      },
      20_000,
    );
    expect(reminded.sent).toBe(members.length - 1);
    const dms = rec.sends.filter((s) => s.address.kind === 'member' && s.reply.text.startsWith('Påminnelse'));
    expect(dms.map((d) => String(d.address.member)).sort()).toEqual(
      members
        .slice(1)
        .map((m) => String(m._id))
        .sort(),
    );
    await polls().close(poll._id, null);
  });
});

describe('live tally updates', () => {
  it('at most one channel update every 2 seconds, however fast votes come, and the last shows every vote', async () => {
    const members = await addMembers(t, 'akutt', 40, 'fast');
    const poll = await createPoll(t, 'akutt');
    const key = `poll:${String(poll._id)}`;
    const started = Date.now();
    // Votes in bursts over about three seconds.
    for (let burst = 0; burst < 4; burst++) {
      await Promise.all(members.slice(burst * 10, burst * 10 + 10).map((m, i) => clickVote(t, m.email, poll, String((i % 3) + 1))));
      await new Promise((r) => setTimeout(r, 800));
    }
    const last = await until(
      'the update showing all 40 votes',
      async () => {
        const u = rec.updates.filter((x) => x.reply.updateKey === key).at(-1);
        return u && allText(u.reply).includes('40 av ') ? u : null;
      },
      15_000,
    );
    const ups = rec.updates.filter((x) => x.reply.updateKey === key);
    const span = last.at - started;
    for (let i = 1; i < ups.length; i++) expect(ups[i]!.at - ups[i - 1]!.at).toBeGreaterThanOrEqual(UPDATE_EVERY_MS);
    expect(ups.length).toBeLessThanOrEqual(Math.floor(span / UPDATE_EVERY_MS) + 1);
    expect(ups.length).toBeLessThan(40);
    expect(formsIn(last.reply)).toHaveLength(0);
  });

  it('two instances voting on the same poll still make one update per window between them', async () => {
    const poll = await createPoll(t, 'akutt', { question: 'To instansar' });
    const sent: { at: number; by: string }[] = [];
    const make = (by: string) => new Coalescer(t.app.log, async () => async () => void sent.push({ at: Date.now(), by }));
    const [a, b] = [make('a'), make('b')];
    const votingEnds = Date.now() + 5000;
    let i = 0;
    let lastVote = 0;
    while (Date.now() < votingEnds) {
      lastVote = Date.now();
      (i++ % 2 ? a : b).dirty(String(poll._id));
      await new Promise((r) => setTimeout(r, 40));
    }
    // The last vote is followed by an update sent after it, within the vote's window.
    await until('the last update', async () => sent.some((s) => s.at > lastVote), 3 * UPDATE_EVERY_MS);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(new Set(sent.map((s) => s.by)).size).toBeGreaterThanOrEqual(1);
    // Across instances the spacing rests on the shared window and lastUpdateAt: allow a few ms of clock reading.
    for (let k = 1; k < sent.length; k++) expect(sent[k]!.at - sent[k - 1]!.at).toBeGreaterThanOrEqual(UPDATE_EVERY_MS - 50);
  });

  it('an instance that stalls between reading and marking the last update does not send beside another', async () => {
    // The check-then-act race of two processes: A reads lastUpdateAt, then its process stalls (a
    // busy core, a GC pause) for longer than a window; B meanwhile updates for the next window.
    // When A goes on, what it read is stale: it must not send a second update right after B's.
    const poll = await createPoll(t, 'akutt', { question: 'Travel instans' });
    const pollId = String(poll._id);
    const sent: { at: number; by: string }[] = [];
    const make = (by: string) => new Coalescer(t.app.log, async () => async () => void sent.push({ at: Date.now(), by }));
    const [a, b] = [make('a'), make('b')];
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const nextWindow = () => Math.ceil(Date.now() / UPDATE_EVERY_MS) * UPDATE_EVERY_MS;
    const read = Poll.findById.bind(Poll);
    let stalled = false;
    const spy = vi.spyOn(Poll, 'findById').mockImplementation(((id: unknown) => {
      if (stalled || String(id) !== pollId) return read(id);
      stalled = true; // A's first read: taken now, handed over a window later
      return read(id)
        .exec()
        .then(async (p) => (await sleep(UPDATE_EVERY_MS + 100), p));
    }) as never);
    try {
      await sleep(nextWindow() - Date.now() + 20);
      a.dirty(pollId);
      await sleep(nextWindow() - Date.now() + 20);
      b.dirty(pollId);
      await until('both updates', async () => (sent.length >= 2 ? true : null), 4 * UPDATE_EVERY_MS);
    } finally {
      spy.mockRestore();
    }
    expect(sent.map((s) => s.by)).toEqual(['b', 'a']);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(UPDATE_EVERY_MS - 50);
  });

  it('an update that is slow to reach the platform is not overtaken by the next one', async () => {
    // What Slack counts is when chat.update arrives: A's send takes longer than a window, and B's
    // update for the next window must wait until A's has arrived, not only until A started.
    const poll = await createPoll(t, 'akutt', { question: 'Treg sending' });
    const pollId = String(poll._id);
    const arrived: { at: number; by: string }[] = [];
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const make = (by: string, takesMs: number) => new Coalescer(t.app.log, async () => async () => (await sleep(takesMs), void arrived.push({ at: Date.now(), by })));
    const [a, b] = [make('a', UPDATE_EVERY_MS + 500), make('b', 0)];
    const nextWindow = () => Math.ceil(Date.now() / UPDATE_EVERY_MS) * UPDATE_EVERY_MS;
    await sleep(nextWindow() - Date.now() + 20);
    a.dirty(pollId);
    await sleep(nextWindow() - Date.now() + 20);
    b.dirty(pollId);
    await until('both updates', async () => (arrived.length >= 2 ? true : null), 5 * UPDATE_EVERY_MS);
    expect(arrived.map((s) => s.by)).toEqual(['a', 'b']);
    expect(arrived[1]!.at - arrived[0]!.at).toBeGreaterThanOrEqual(UPDATE_EVERY_MS - 50);
  });
});
