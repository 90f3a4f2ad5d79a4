/**
 * Anonymous polls reveal no names anywhere: not in the channel message or results, not in the
 * export (CSV or Excel), not in the logs, not in the database rows of the ballots or the audit.
 * A named poll's export, by contrast, says who voted what.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Audit } from '../../models/audit.js';
import { DialogState } from '../../models/dialog-state.js';
import { Draft } from '../../models/draft.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Vote } from '../../models/vote.js';
import { EXPORT_KIND } from '../../dialogs/poll/export.js';
import { PollService } from '../support/polls.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { allText, bindChannel, clickVote, createPoll, recordingSender, submitBallot } from '../support/poll-helpers.js';
import { memoryLogger, type MemoryLog } from '../support/memory-log.js';
import { until } from '../support/wait.js';

let t: TestApp;
let rec: ReturnType<typeof recordingSender>;
let logs: MemoryLog;
let voters: MemberDoc[];

beforeAll(async () => {
  logs = memoryLogger();
  t = await startTestApp({ LOG_LEVEL: 'trace' }, { log: logs.log });
  rec = recordingSender('slack');
  t.app.delivery.register(rec.sender);
  const ssu = await bindChannel(t, 'ssu');
  voters = (await Member.find({ community: t.community._id, 'memberships.body': ssu._id })).filter((m) =>
    m.memberships.some((x) => String(x.body) === String(ssu._id) && ['leader', 'deputy_leader', 'member'].includes(x.role)),
  );
});
afterAll(async () => {
  await t?.close();
});

async function download(pollId: string, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const sara = await t.member('sara.solheim@demo.samla.no');
  const url = await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: EXPORT_KIND, format, params: { poll: pollId } });
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function xlsxText(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? '')))));
  return cells.join('\n');
}

/** Everything that could identify a voter: name, e-mail, member id, party name and id. */
async function identifiers(m: MemberDoc): Promise<string[]> {
  const { Party } = await import('../../models/party.js');
  const party = await Party.findById(m.party);
  return [m.name, m.email, String(m._id), String(m.party), ...(party ? [party.name] : [])];
}

describe('an anonymous poll', () => {
  it('counts every vote and lets each voter change their own, yet stores and shows no one', async () => {
    const poll = await createPoll(t, 'ssu', { anonymous: true, question: 'Anonym prøve: kva modell?' });
    const open = await createPoll(t, 'ssu', { anonymous: true, type: 'open', options: [], question: 'Fordelar og ulemper, anonymt' });
    const using = voters.slice(0, 6);
    for (const [i, m] of using.entries()) {
      await clickVote(t, m.email, poll, String((i % 3) + 1), `anon-${i}`);
      await submitBallot(t, m.email, open, { pros: `Fordel nummer ${i}`, cons: i % 2 ? `Ulempe nummer ${i}` : '' });
    }
    // A voter finds and changes their own ballot; the same choice again changes nothing.
    const change = await clickVote(t, using[0]!.email, poll, '3');
    expect(change.replies.map((r) => r.text).join()).toContain('endret til: «Modell C»');
    const again = await clickVote(t, using[0]!.email, poll, '3');
    expect(again.replies.map((r) => r.text).join()).toContain('allerede registrert');

    const polls = PollService.for(t.app.services);
    const tally = await polls.tally(poll);
    expect(tally.counts.map((c) => c.count)).toEqual([1, 2, 3]);
    expect((await polls.participation(poll)).voted).toBe(6);

    // The ballots hold no readable identity.
    const ids = (await Promise.all(using.map(identifiers))).flat();
    for (const v of await Vote.find({ poll: { $in: [poll._id, open._id] } }).lean()) {
      expect(v.castBy ?? null).toBeNull();
      expect(v.party ?? null).toBeNull();
      expect(v.castAt ?? null).toBeNull();
      expect(v.voterKey).toMatch(/^h:/);
      for (const id of ids) expect(v.voterKey).not.toContain(id);
    }
    // No audit row ties anyone to a vote, and no dialog state was left behind for the voters.
    expect(await Audit.countDocuments({ 'target.id': { $in: [String(poll._id), String(open._id)] }, action: /^poll\.vote/ })).toBe(0);
    expect(await DialogState.countDocuments({ member: { $in: using.map((m) => m._id) }, dialog: 'poll' })).toBe(0);

    // A rejected ballot leaves no draft: it would tie the member to what they chose.
    const rejected = await submitBallot(t, voters[7]!.email, open, {});
    expect(rejected.rejectedForm).toBeTruthy();
    expect(await Draft.countDocuments({ member: voters[7]!._id })).toBe(0);

    const sara = await t.member('sara.solheim@demo.samla.no');
    await polls.close(poll._id, sara);
    await polls.close(open._id, sara);
    await until('the open poll results', async () => rec.sends.some((s) => s.reply.text.includes('Fordelar og ulemper, anonymt')), 10_000);

    const csv = (await download(String(poll._id), 'csv')).toString('utf8');
    const openCsv = (await download(String(open._id), 'csv')).toString('utf8');
    const xlsx = await xlsxText(await download(String(open._id), 'xlsx'));
    expect(await Draft.countDocuments({ member: voters[7]!._id })).toBe(0);
    expect(openCsv).toContain('Fordel nummer 3');
    expect(xlsx).toContain('Ulempe nummer 5');
    expect(csv).toContain('Modell C');

    const channel = [...rec.sends, ...rec.updates].map((s) => allText(s.reply)).join('\n');
    expect(channel).toContain('Anonym: ingen, heller ikke sekretariatet, kan se hvem som stemte hva');
    const log = logs.text();
    expect(log.length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(channel, `channel reveals ${id}`).not.toContain(id);
      expect(csv + openCsv + xlsx, `export reveals ${id}`).not.toContain(id);
      expect(log, `logs reveal ${id}`).not.toContain(id);
    }
  });

  it('a named poll’s export says who voted what', async () => {
    const poll = await createPoll(t, 'ssu', { question: 'Med namn' });
    await clickVote(t, voters[0]!.email, poll, '2');
    const csv = (await download(String(poll._id), 'csv')).toString('utf8');
    expect(csv).toContain(voters[0]!.name);
    expect(csv).toContain('Modell B');
  });
});
