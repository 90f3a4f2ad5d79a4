/**
 * A whole input round on the real database, driven through the core and the jobs: a scheduled
 * opening, reminders only to the missing (muted members skipped), a form sent twice, a member
 * outside the audience, a message turned into a contribution, the deadline moved and the round
 * closed by its job, reopened, and the export rows as CSV and XLSX read back with exceljs.
 */
import { Readable } from 'node:stream';
import { TZDate } from '@date-fns/tz';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Contribution } from '../../models/contribution.js';
import { DialogState } from '../../models/dialog-state.js';
import { Draft } from '../../models/draft.js';
import { FanOutRecipient } from '../../models/fanout.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { Round, type RoundDoc } from '../../models/round.js';
import type { Incoming } from '../../src/bot.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { ActionPayload } from '../../src/payload.js';
import type { AddressDoc } from '../../models/address.js';
import { formsIn, type Reply } from '../../src/ui.js';
import { changeOwn, contribute, contributeFree } from '../../dialogs/input/contributions.js';
import { changeDeadline, createRound, JOB_REMIND, reminderJob, TEMPLATE_REMIND } from '../../dialogs/input/service.js';
import { Body } from '../../models/body.js';
import { toInputDateTime } from '../../src/time.js';
import { upcomingReminders } from '../../dialogs/input/reminders.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';
import { until } from '../support/wait.js';

const replyText = (r: Reply) => [r.text, ...(r.elements ?? []).map((e) => ('text' in e ? e.text : e.type === 'form' ? JSON.stringify(e.form.errors ?? {}) : ''))].join('\n');

describe('input rounds on the real database', () => {
  let t: TestApp;
  let sara: MemberDoc;
  /** What each member received on their own, by e-mail. */
  const sent = new Map<string, Reply[]>();
  let eventNo = 0;

  const received = (email: string) => (sent.get(email) ?? []).map(replyText).join('\n---\n');

  async function say(email: string, inc: Partial<Incoming>) {
    return t.app.core.receive(directMessage(t, email, { eventId: `e${++eventNo}`, ...inc }));
  }

  async function memberOf(partyKey: string, title?: string): Promise<MemberDoc> {
    const party = await Party.findOne({ community: t.community._id, key: partyKey });
    return (await Member.findOne({ community: t.community._id, party: party!._id, ...(title ? { title } : {}) }).sort({ _id: 1 }))!;
  }

  async function newRound(o: Partial<Parameters<typeof createRound>[1]> = {}): Promise<RoundDoc> {
    const r = await createRound(t.app.services, {
      community: t.community._id,
      createdBy: sara,
      title: `Runde ${Math.random().toString(36).slice(2, 7)}`,
      question: 'Kva er viktigast for dykk?',
      themes: ['Rekruttering', 'Digitalisering'],
      audience: { bodies: [], partyTypes: ['municipality'] },
      opensAt: null,
      deadline: new Date(Date.now() + 7 * 86_400_000),
      reminders: [],
      ...o,
    });
    return r.round;
  }

  const fanoutDone = async (key: RegExp) => {
    const rows = await FanOutRecipient.find({ key });
    return rows.length > 0 && rows.every((r) => !['pending', 'sending'].includes(r.state)) && rows;
  };

  beforeAll(async () => {
    t = await startTestApp({ FANOUT_PER_SECOND: '100' });
    sara = await t.member(DEMO_SECRETARIAT_EMAIL);
    t.app.delivery.setFallback({
      platform: 'console',
      async send(address: AddressDoc, reply: Reply) {
        const list = sent.get(address.externalId) ?? [];
        list.push(reply);
        sent.set(address.externalId, list);
        return undefined;
      },
    });
  });
  beforeEach(() => sent.clear());
  afterAll(async () => {
    await Round.updateMany({}, { $set: { status: 'closed' } });
    await t?.close();
  });

  it('a round set to open later opens by its job and then invites the audience', async () => {
    const round = await newRound({ opensAt: new Date(Date.now() + 1500) });
    expect(round.status).toBe('scheduled');
    const fedje = await memberOf('fedje');
    expect(received(fedje.email)).toBe('');
    await until('the round to open', async () => (await Round.findById(round._id))?.status === 'open', 45_000);
    await until('the invitations', () => fanoutDone(new RegExp(`^round:${String(round._id)}:invite$`)), 45_000);
    expect(received(fedje.email)).toContain('Kva er viktigast for dykk?');
    expect(received(fedje.email)).toContain('Innspel ønskt');
    expect(received((await memberOf('ks')).email)).toBe('');
  });

  it('reminders at their time reach only members whose party has not answered, and not those who muted them', async () => {
    const bergen = await memberOf('bergen', 'Kommunalsjef helse');
    const bergenMayor = await memberOf('bergen', 'Ordfører');
    const askoy = await memberOf('askoy', 'Kommunalsjef helse');
    const voss = await memberOf('voss', 'Kommunalsjef helse');
    await Member.updateOne({ _id: voss._id }, { $set: { mutedReminders: true } });
    // «55s» before a deadline a minute away: due in about five seconds; Bergen answers right away.
    const round = await newRound({ deadline: new Date(Date.now() + 60_000), reminders: ['55s'] });
    expect((await contribute(round, bergen, { text: 'Bergen svarar', themes: [], priorityGroups: [] }, 0)).kind).toBe('saved');

    const rows = await until('the reminders', () => fanoutDone(new RegExp(`^round:${String(round._id)}:remind:`)), 45_000);
    expect(received(askoy.email)).toContain('Påminnelse: Askøy kommune har ikke svart');
    expect(received(askoy.email)).toContain('Innspill ønskes');
    for (const m of [bergen, bergenMayor, voss]) expect(received(m.email)).not.toMatch(/Påminn/);
    // Bergen's members get nothing (left off the list, or skipped if the job ran first); the muted member is skipped.
    const byMember = new Map(rows.map((r) => [String(r.member), r.state]));
    expect(byMember.get(String(bergenMayor._id)) ?? 'not listed').not.toBe('sent');
    expect(byMember.get(String(askoy._id))).toBe('sent');
    expect(byMember.get(String(voss._id))).toBe('skipped');
    await Member.updateOne({ _id: voss._id }, { $set: { mutedReminders: false } });
  });

  it('a form sent twice saves one contribution; the second answer says it was already sent', async () => {
    const round = await newRound();
    const alver = await memberOf('alver', 'Kommunalsjef helse');
    const open = await say(alver.email, { kind: 'action', action: { d: 'input', s: 'answer', a: { r: String(round._id) } } });
    const form = open.replies.flatMap(formsIn)[0]!;
    expect(form.title).toBe('Innspelet ditt');
    const values = { text: 'Vi treng betre digital samhandling.', themes: ['t1'], groups: ['chronic'] };
    const first = await say(alver.email, { kind: 'submit', action: form.action, values });
    const second = await say(alver.email, { kind: 'submit', action: form.action, values });
    expect(first.replies.map(replyText).join()).toContain('Takk!');
    expect(second.replies.map(replyText).join()).toContain('alt sendt');
    const saved = await Contribution.find({ round: round._id, member: alver._id });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.themes).toEqual(['Digitalisering']);
    expect(saved[0]!.priorityGroups).toEqual(['chronic']);
    // The next «Svar» gives a fresh form, so a second contribution is possible.
    const again = await say(alver.email, { kind: 'action', action: { d: 'input', s: 'answer', a: { r: String(round._id) } } });
    const form2 = again.replies.flatMap(formsIn)[0]!;
    await say(alver.email, { kind: 'submit', action: form2.action, values: { text: 'Og eitt til.', themes: [], groups: [] } });
    expect(await Contribution.countDocuments({ round: round._id, member: alver._id })).toBe(2);
  });

  it('a member outside the audience is told so, and the text is kept as a draft', async () => {
    const round = await newRound();
    const ks = await memberOf('ks');
    const button = await say(ks.email, { kind: 'action', action: { d: 'input', s: 'answer', a: { r: String(round._id) } } });
    expect(button.replies.map(replyText).join()).toContain('ikke i målgruppen');
    // Even with a form in hand (e.g. an old one), the submission is refused and nothing is lost.
    const action: ActionPayload = { d: 'input', s: 'answer', a: { r: String(round._id), n: 0 } };
    const out = await say(ks.email, { kind: 'submit', action, values: { text: 'KS meiner noko.' } });
    expect(out.rejectedForm?.errors?._form).toContain('ikke i målgruppen');
    expect(out.rejectedForm?.values?.text).toBe('KS meiner noko.');
    expect(await Contribution.countDocuments({ round: round._id })).toBe(0);
    const draft = await Draft.findOne({ member: ks._id });
    expect((draft?.values as Record<string, string>).text).toBe('KS meiner noko.');
  });

  it('a message shortcut opens the form with the message as the text; an identity number in it is refused and not kept', async () => {
    await Round.updateMany({ status: 'open' }, { $set: { status: 'closed', closedAt: new Date() } });
    const round = await newRound();
    const fedje = await memberOf('fedje');
    const out = await say(fedje.email, { kind: 'action', action: { d: 'input', s: 'from-message' }, text: 'Frå møtet: vi manglar sjukepleiarar.' });
    const form = out.replies.flatMap(formsIn)[0]!;
    expect(form.values?.text).toBe('Frå møtet: vi manglar sjukepleiarar.');
    expect(form.action.a?.r).toBe(String(round._id));

    // Two rounds open: the member picks one, and the shared text follows.
    const round2 = await newRound({ title: 'Andre runde' });
    const pick = await say(fedje.email, { kind: 'action', action: { d: 'input', s: 'from-message' }, text: 'Tekst frå ein tråd.' });
    expect(pick.replies.map(replyText).join()).toContain('Kva runde gjeld innspelet?');
    const chosen = await say(fedje.email, { kind: 'action', action: { d: 'input', s: 'answer', a: { r: String(round2._id), m: 1 } } });
    expect(chosen.replies.flatMap(formsIn)[0]?.values?.text).toBe('Tekst frå ein tråd.');

    const refused = await say(fedje.email, { kind: 'action', action: { d: 'input', s: 'from-message' }, text: 'Pasient 41107512460 ventar.' });
    expect(refused.replies.map(replyText).join()).toContain('fødselsnummer');
    const states = await DialogState.find({ member: fedje._id }).lean();
    expect(JSON.stringify(states)).not.toContain('41107512460');
  });

  it('moving the deadline tells the audience and moves the reminders; the close job closes it at the new deadline', async () => {
    // Noon in Oslo ten days ahead, so «08:00 on the day» comes before the deadline whatever the time now.
    const now = new TZDate(Date.now(), 'Europe/Oslo');
    const noon = new TZDate(now.getFullYear(), now.getMonth(), now.getDate() + 10, 12, 0, 0, 'Europe/Oslo');
    const round = await newRound({ reminders: ['7d', '2d', '08:00'], deadline: new Date(noon.getTime()) });
    const before = await t.app.scheduler.pending(`input:${String(round._id)}:remind:`);
    expect(before.map((j) => j.name)).toEqual([JOB_REMIND, JOB_REMIND, JOB_REMIND]);
    await until('the invitations', () => fanoutDone(new RegExp(`^round:${String(round._id)}:invite$`)), 45_000);
    sent.clear();

    // Moved five days later: the audience is told, and the reminders follow the new deadline.
    const later = new Date(noon.getTime() + 5 * 86_400_000);
    await changeDeadline(t.app.services, round, sara, later);
    const fedje = await memberOf('fedje');
    await until('the notice', () => fanoutDone(new RegExp(`^round:${String(round._id)}:deadline:1$`)), 45_000);
    expect(received(fedje.email)).toContain(`Fristen for «${round.title}» er no`);
    const after = await t.app.scheduler.pending(`input:${String(round._id)}:remind:`);
    const times = (jobs: typeof before) => jobs.map((j) => j.nextRunAt!.getTime()).sort();
    expect(times(after)).toEqual(upcomingReminders(later, ['7d', '2d', '08:00'], new Date()).map((r) => r.at.getTime()));
    expect(times(after)).not.toEqual(times(before));

    // Moved to a few seconds from now: the reminders are gone, and the close job runs at the new deadline.
    const { round: moved } = await changeDeadline(t.app.services, (await Round.findById(round._id))!, sara, new Date(Date.now() + 2500));
    expect(await t.app.scheduler.pending(`input:${String(round._id)}:remind:`)).toEqual([]);
    await until('the round to close at its deadline', async () => (await Round.findById(round._id))?.status === 'closed', 45_000);
    await until(
      'the secretariat to hear of it',
      async () => received(sara.email).includes('vart stengd ved fristen') || received(sara.email).includes('ble stengt ved fristen'),
      45_000,
    );
    // A minute late: refused, and the text kept for the member.
    const late = await say(fedje.email, { kind: 'submit', action: { d: 'input', s: 'answer', a: { r: String(moved._id), n: 0 } }, values: { text: 'Litt seint.' } });
    expect(late.rejectedForm?.errors?._form).toContain('vart stengd');
    expect(late.rejectedForm?.values?.text).toBe('Litt seint.');
    expect(await contribute((await Round.findById(round._id))!, fedje, { text: 'x', themes: [], priorityGroups: [] }, 9)).toEqual({ kind: 'closed' });

    // Reopened with a new deadline: open again, and the audience is told.
    sent.clear();
    const { round: reopened, reopened: wasClosed } = await changeDeadline(t.app.services, (await Round.findById(round._id))!, sara, new Date(Date.now() + 86_400_000));
    expect(wasClosed).toBe(true);
    expect(reopened.status).toBe('open');
    await until('the reopening notice', async () => received(fedje.email).includes(`Runden «${round.title}» er open att til`), 45_000);
  });

  it('closing early tells only the members whose party has not answered, in their language; no reminder of the closed round goes out', async () => {
    const round = await newRound({ audience: { bodies: [], partyTypes: ['municipality', 'hospital_trust'] }, deadline: new Date(Date.now() + 300_000), reminders: ['1m'] });
    await until('the invitations', () => fanoutDone(new RegExp(`^round:${String(round._id)}:invite$`)), 45_000);
    sent.clear();
    const bergen = await memberOf('bergen', 'Kommunalsjef helse');
    const bergenMayor = await memberOf('bergen', 'Ordfører');
    const askoy = await memberOf('askoy', 'Kommunalsjef helse');
    const fedje = await memberOf('fedje');
    const director = await memberOf('helse-bergen', 'Områdedirektør');
    expect((await contribute(round, bergen, { text: 'Bergen svarar før stenging', themes: [], priorityGroups: [] }, 0)).kind).toBe('saved');
    expect(await t.app.scheduler.pending(`input:${String(round._id)}:remind:`)).toHaveLength(1);

    const close = await say(sara.email, { kind: 'action', action: { d: 'input', s: 'close-yes', a: { r: String(round._id) } } });
    expect(close.replies.map(replyText).join()).toContain(`«${round.title}» er stengt`);
    const rows = await until('the closing notices', () => fanoutDone(new RegExp(`^round:${String(round._id)}:closed:`)), 45_000);
    expect(received(askoy.email)).toContain(`Sekretariatet har stengt runden «${round.title}» før fristen. Takk til dere som svarte.`);
    expect(received(fedje.email)).toContain(`Sekretariatet har stengt runden «${round.title}» før fristen. Takk til dykk som svarte.`);
    expect(received(director.email)).toContain(`The secretariat has closed the round «${round.title}» before the deadline. Thank you to those who answered.`);
    for (const m of [bergen, bergenMayor]) {
      expect(received(m.email)).not.toContain(round.title);
      expect(rows.find((r) => String(r.member) === String(m._id))?.state ?? 'not listed').not.toBe('sent');
    }

    // The reminder is cancelled with the close; a reminder job or reminder fan-out that runs anyway sends nothing.
    expect(await t.app.scheduler.pending(`input:${String(round._id)}:remind:`)).toEqual([]);
    await reminderJob(t.app.services, { round: String(round._id), v: 0, spec: '1m' });
    expect(await FanOutRecipient.countDocuments({ key: new RegExp(`^round:${String(round._id)}:remind:`) })).toBe(0);
    await t.app.services.fanout.start({
      key: `round:${String(round._id)}:remind:late`,
      template: TEMPLATE_REMIND,
      params: { round: String(round._id) },
      members: [askoy._id, fedje._id],
      reminder: true,
    });
    const late = await until('the late reminder fan-out', () => fanoutDone(new RegExp(`^round:${String(round._id)}:remind:late$`)), 45_000);
    expect(late.map((r) => r.state)).toEqual(['skipped', 'skipped']);
    expect(received(askoy.email)).not.toMatch(/Påminnelse/);
  });

  it('closing a round that never opened tells no one', async () => {
    const scheduled = await newRound({ opensAt: new Date(Date.now() + 86_400_000) });
    const out = await say(sara.email, { kind: 'action', action: { d: 'input', s: 'close-yes', a: { r: String(scheduled._id) } } });
    expect(out.replies.map(replyText).join()).toContain('er stengt');
    expect((await Round.findById(scheduled._id))!.status).toBe('closed');
    expect(await FanOutRecipient.countDocuments({ key: new RegExp(`^round:${String(scheduled._id)}:`) })).toBe(0);
  });

  it('reopening a closed round tells the members whose party has not answered, with the new deadline and the answer button', async () => {
    const round = await newRound({ audience: { bodies: [], partyTypes: ['municipality', 'hospital_trust'] } });
    await until('the invitations', () => fanoutDone(new RegExp(`^round:${String(round._id)}:invite$`)), 45_000);
    const bergen = await memberOf('bergen', 'Kommunalsjef helse');
    const bergenMayor = await memberOf('bergen', 'Ordfører');
    const askoy = await memberOf('askoy', 'Kommunalsjef helse');
    const fedje = await memberOf('fedje');
    const director = await memberOf('helse-bergen', 'Områdedirektør');
    await contribute(round, bergen, { text: 'Bergen har svart', themes: [], priorityGroups: [] }, 0);
    await say(sara.email, { kind: 'action', action: { d: 'input', s: 'close-yes', a: { r: String(round._id) } } });
    await until('the closing notices', () => fanoutDone(new RegExp(`^round:${String(round._id)}:closed:`)), 45_000);
    sent.clear();

    // The secretariat taps «Åpne igjen» on the status card and saves a new deadline.
    const status = await say(sara.email, { kind: 'text', text: `innspill status ${round.no}` });
    expect(status.replies.map(replyText).join()).toContain('stengt');
    const deadline = new Date(Date.now() + 3 * 86_400_000);
    const saved = await say(sara.email, { kind: 'submit', action: { d: 'input', s: 'deadline', a: { r: String(round._id) } }, values: { deadline: toInputDateTime(deadline) } });
    expect(saved.replies.map(replyText).join()).toContain('Medlemmer fra parter som ikke har svart, får beskjed');
    expect((await Round.findById(round._id))!.status).toBe('open');

    const rows = await until('the reopening notices', () => fanoutDone(new RegExp(`^round:${String(round._id)}:deadline:1$`)), 45_000);
    expect(received(askoy.email)).toMatch(new RegExp(`Runden «${round.title}» er åpen igjen til .*kl\\. \\d\\d:\\d\\d`));
    expect(received(fedje.email)).toContain(`Runden «${round.title}» er open att til`);
    expect(received(director.email)).toContain(`The round «${round.title}» is open again until`);
    const notice = sent.get(askoy.email)!.find((r) => r.text.includes('åpen igjen'))!;
    const buttons = (notice.elements ?? []).flatMap((e) => (e.type === 'buttons' ? e.buttons : []));
    expect(buttons.map((b) => b.label)).toEqual(['Svar']);
    expect(buttons[0]!.action).toMatchObject({ d: 'input', s: 'answer', a: { r: String(round._id) } });
    for (const m of [bergen, bergenMayor]) {
      expect(received(m.email)).not.toContain(round.title);
      expect(rows.find((r) => String(r.member) === String(m._id))?.state ?? 'not listed').not.toBe('sent');
    }
  });

  it('free input to bodies is exported as CSV and XLSX from «innspill frie», for the secretariat only', async () => {
    const ks = await memberOf('ks');
    const gp = await memberOf('gp');
    const ssu = (await Body.findOne({ community: t.community._id, key: 'ssu' }))!;
    const pm = (await Body.findOne({ community: t.community._id, key: 'pm' }))!;
    await contributeFree(ks, ssu._id, { text: 'KS ønsker en felles plan, med "sitat"; og komma,\nog linjeskift', themes: [], priorityGroups: ['children', 'chronic'] }, 0);
    await contributeFree(gp, pm._id, { text: 'Fastlegane vil ha betre epikrisar', themes: [], priorityGroups: [] }, 0);
    const withdrawn = await contributeFree(gp, pm._id, { text: 'Trekt innspel', themes: [], priorityGroups: [] }, 1);
    if (withdrawn.kind !== 'saved') throw new Error(withdrawn.kind);
    await Contribution.updateOne({ _id: withdrawn.contribution._id }, { $set: { status: 'withdrawn' } });

    const replies = (await say(sara.email, { kind: 'text', text: 'innspill frie' })).replies;
    expect(replies.map(replyText).join('\n')).toContain('Alle frie innspill som fil');
    const links = replies.flatMap((r) => r.elements ?? []).flatMap((e) => (e.type === 'links' ? e.links : []));
    const [csvUrl, xlsxUrl] = ['CSV', 'Excel'].map((label) => links.find((l) => l.label === label)?.url);
    expect(csvUrl && xlsxUrl).toBeTruthy();
    const want = [
      ['Organ', 'Part', 'Parttype', 'Forfatter', 'Prioriterte grupper', 'Tekst', 'Tidspunkt'],
      ['Strategisk samarbeidsutvalg', 'KS Vestland', 'KS', ks.name, 'Barn og unge; Flere kroniske lidelser', 'KS ønsker en felles plan, med "sitat"; og komma,\nog linjeskift'],
      ['Partnerskapsmøtet', 'Fastlegene', 'Fastleger', gp.name, '', 'Fastlegane vil ha betre epikrisar'],
    ];

    const csvRes = await fetch(csvUrl!);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    const csvSheet = await new ExcelJS.Workbook().csv.read(Readable.from([(await csvRes.text()).replace(/^\uFEFF/, '')]));
    const xlsxRes = await fetch(xlsxUrl!);
    expect(xlsxRes.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as unknown as ArrayBuffer);
    for (const rows of [rowsOf(csvSheet), rowsOf(book.worksheets[0]!)]) {
      expect(rows).toHaveLength(3);
      expect(rows[0]).toEqual(want[0]);
      expect(rows.slice(1).map((r) => r.slice(0, 6))).toEqual(want.slice(1));
      for (const r of rows.slice(1)) expect(r[6]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    }

    // A member outside the secretariat gets the free-input form, not the list; a link made for them does not work.
    const theirs = (await say(ks.email, { kind: 'text', text: 'innspill frie' })).replies;
    expect(theirs.flatMap(formsIn)[0]?.id).toBe('free');
    const other = await t.app.services.exports.link({ community: t.community._id, member: ks._id, kind: 'input-free', format: 'csv' });
    expect((await fetch(other)).status).toBe(403);
  });

  it('members edit and withdraw their own contribution only while the round is open, and only their own', async () => {
    const round = await newRound();
    const bergen = await memberOf('bergen', 'Kommunalsjef helse');
    const bergen2 = await memberOf('bergen', 'Etatsdirektør');
    const r = await contribute(round, bergen, { text: 'Første utkast', themes: [], priorityGroups: [] }, 0);
    if (r.kind !== 'saved') throw new Error(r.kind);
    const id = String(r.contribution._id);
    expect((await changeOwn(bergen2, id, { status: 'withdrawn' })).kind).toBe('not_yours');
    expect((await changeOwn(bergen, id, { input: { text: 'Andre utkast', themes: ['Rekruttering'], priorityGroups: [] } })).kind).toBe('ok');
    expect((await Contribution.findById(id))!.text).toBe('Andre utkast');
    await Round.updateOne({ _id: round._id }, { $set: { status: 'closed', closedAt: new Date() } });
    expect((await changeOwn(bergen, id, { status: 'withdrawn' })).kind).toBe('closed');
    expect((await Contribution.findById(id))!.status).toBe('active');
  });

  it('exports every contribution as CSV and XLSX rows, for the secretariat only', async () => {
    const round = await newRound({ audience: { bodies: [], partyTypes: ['municipality', 'gp'] } });
    const fedje = await memberOf('fedje');
    const gp = await memberOf('gp');
    await contribute(
      round,
      fedje,
      { text: 'Tekst med "hermeteikn", komma og\nny linje', themes: ['Rekruttering', 'Digitalisering'], priorityGroups: ['children', 'frail_elderly'] },
      0,
    );
    await contribute(round, gp, { text: 'Fastlegane sitt innspel', themes: [], priorityGroups: ['mental_health'] }, 0);

    // Written in the language of the member the link is for: here one who reads nynorsk.
    await Member.updateOne({ _id: sara._id }, { $set: { lang: 'nn' } });
    const params = { round: String(round._id) };
    const csvUrl = await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: 'input-round', format: 'csv', params });
    const xlsxUrl = await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: 'input-round', format: 'xlsx', params });
    const want = [
      ['Part', 'Parttype', 'Forfattar', 'Tema', 'Prioriterte grupper', 'Tekst', 'Tidspunkt'],
      ['Fedje kommune', 'Kommunar', fedje.name, 'Rekruttering; Digitalisering', 'Barn og unge; Skrøpelege eldre', 'Tekst med "hermeteikn", komma og\nny linje'],
      ['Fastlegene', 'Fastlegar', gp.name, '', 'Alvorlege psykiske lidingar og rusproblem', 'Fastlegane sitt innspel'],
    ];

    const csvRes = await fetch(csvUrl);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    const csvBook = new ExcelJS.Workbook();
    const csvSheet = await csvBook.csv.read(Readable.from([(await csvRes.text()).replace(/^\uFEFF/, '')]));
    const csvRows = rowsOf(csvSheet);

    const xlsxRes = await fetch(xlsxUrl);
    expect(xlsxRes.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsxRes.arrayBuffer()) as unknown as ArrayBuffer);
    const xlsxRows = rowsOf(book.worksheets[0]!);

    for (const rows of [csvRows, xlsxRows]) {
      expect(rows).toHaveLength(3);
      expect(rows[0]).toEqual(want[0]);
      expect(rows.slice(1).map((r) => r.slice(0, 6))).toEqual(want.slice(1));
      for (const r of rows.slice(1)) expect(r[6]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    }

    // The same link made for a member who is not in the secretariat does not work.
    const other = await t.app.services.exports.link({ community: t.community._id, member: fedje._id, kind: 'input-round', format: 'csv', params });
    expect((await fetch(other)).status).toBe(403);
    await Member.updateOne({ _id: sara._id }, { $set: { lang: sara.lang ?? null } });
  });
});

function rowsOf(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const v = row.getCell(i).value;
      cells.push(v === null || v === undefined ? '' : String(v));
    }
    out.push(cells);
  });
  return out;
}
