/**
 * The life of a case through every platform: proposal, refusal for a non-member, return and
 * resubmission, acceptance onto a meeting with its number, referral, decision; partner decisions
 * with reminders to the missing; a stale form refused with a clear message.
 */
import { TZDate } from '@date-fns/tz';
import { expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { Case } from '../../models/case.js';
import { Draft } from '../../models/draft.js';
import { Meeting } from '../../models/meeting.js';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { PartnerDecisionRequest } from '../../models/partner-decision.js';
import { createMeeting } from '../../dialogs/meeting/service.js';
import { accept, decide, propose, reject } from '../../dialogs/case/service.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { TZ } from '../../src/time.js';
import { texts, type ChatUser, type Seen } from '../support/driver.js';
import { forEachPlatform } from '../support/platforms.js';
import { until } from '../support/wait.js';

const DAY = 24 * 3600_000;

forEachPlatform('cases', (ctx) => {
  /** Everything each user's inbox has shown so far (inbox() drains). */
  const received = new Map<string, string>();

  async function inboxOf(u: ChatUser): Promise<string> {
    const got = texts(await u.inbox());
    const all = `${received.get(u.email) ?? ''}\n${got}`;
    received.set(u.email, all);
    return all;
  }
  async function waitFor(u: ChatUser, needle: string): Promise<string> {
    return until(`«${needle}» for ${u.email}`, async () => ((await inboxOf(u)).includes(needle) ? received.get(u.email)! : null));
  }
  async function emailOf(title: string, partyKey?: string): Promise<string> {
    const party = partyKey ? await Party.findOne({ community: ctx.t.community._id, key: partyKey }) : null;
    const m = await Member.findOne({ community: ctx.t.community._id, title, ...(party ? { party: party._id } : {}) }).sort({ _id: 1 });
    if (!m) throw new Error(`no demo member ${title}`);
    return m.email;
  }
  async function body(key: string) {
    return (await Body.findOne({ community: ctx.t.community._id, key }))!;
  }
  async function meetingFor(key: string, title: string, inDays: number) {
    const b = await body(key);
    const start = new Date(Date.now() + inDays * DAY);
    const r = await createMeeting(ctx.t.app.services, {
      community: ctx.t.community._id,
      actor: null,
      input: { body: b._id, title, start, end: new Date(start.getTime() + 2 * 3600_000) },
    });
    return { meeting: r.meeting!, year: new TZDate(start, TZ).getFullYear() };
  }
  const formOf = (seen: Seen[]) => seen.find((s) => s.form)?.form;
  /** Time passes: the meeting has been held (an hour ago), so its cases can be decided. */
  async function meetingHeld(meetingId: unknown) {
    const start = new Date(Date.now() - 3 * 3600_000);
    await Meeting.updateOne({ _id: meetingId }, { $set: { start, end: new Date(start.getTime() + 2 * 3600_000) } });
    await Case.updateMany({ 'meeting.id': meetingId }, { $set: { 'meeting.start': start } });
  }

  it('the same form sent twice proposes the case once, and the form shows that it was sent', async () => {
    const ssu = await body('ssu');
    const proposer = await ctx.d.user(await emailOf('Etatsdirektør'));
    expect(formOf(await proposer.say('sak ny ssu'))?.title).toBe('Foreslå en sak');
    const title = 'Felles plan for legevakt i helgene';
    const first = await proposer.submit({
      body: String(ssu._id),
      title,
      background: 'Legevaktene i området har ulike opningstider.',
      decision: 'SSU ber om ein felles plan.',
      type: 'planning',
      groups: ['frail_elderly'],
      links: '',
    });
    expect(texts(first)).toContain(`Saken din «${title}» er sendt`);
    // Teams keeps the card: it now says it was sent, in place of its fields and button.
    if (ctx.d.platform === 'teams') expect(first.some((s) => s.updated && s.text.includes('Sendt: Foreslå en sak') && !s.form)).toBe(true);
    if (proposer.resubmit) {
      const again = texts(await proposer.resubmit());
      expect(again).toContain('allerede sendt');
      expect(again).not.toContain(`Saken din «${title}» er sendt`);
    }
    expect(await Case.countDocuments({ community: ctx.t.community._id, title })).toBe(1);
  });

  it('a member proposes, is returned, revises; the case is accepted with its number, referred up, accepted again and decided', async () => {
    const ssu = await body('ssu');
    const pm = await body('pm');

    // Someone who is not on SSU is told who can help.
    const outsider = await ctx.d.user(await emailOf('Seksjonsleder'));
    const refused = texts(await outsider.say('sak ny ssu'));
    expect(refused).toContain('Bare medlemmene i Strategisk samarbeidsutvalg');
    expect(refused).toContain('Sara Solheim');
    expect(refused).toContain('lederen av organet');

    // A member of SSU proposes; a bad link gets a clear error and nothing typed is lost.
    const proposerEmail = await emailOf('Brukerrepresentant (kommunene)');
    const proposer = await ctx.d.user(proposerEmail);
    const proposerName = (await Member.findOne({ email: proposerEmail }))!.name;
    const sec = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    await inboxOf(sec);
    expect(formOf(await proposer.say('sak ny ssu'))?.title).toBe('Foreslå en sak');
    const values = {
      body: String(ssu._id),
      title: 'Felles rutine for utskrivingsklare pasientar',
      background: 'Kommunane og sjukehuset har ulike rutinar i dag.',
      decision: 'SSU ber sekretariatet lage ei felles rutine.',
      type: 'planning',
      groups: ['frail_elderly', 'chronic'],
      links: 'docs.example.com/rutine',
    };
    const bad = await proposer.submit(values);
    const shown = formOf(bad);
    expect(shown?.errors.links).toContain('Ikke en nettadresse');
    expect(shown?.values.title).toBe(values.title);
    const receipt = texts(await proposer.submit({ ...values, links: 'https://docs.example.com/rutine.pdf' }));
    expect(receipt).toContain('Takk! Saken din «Felles rutine for utskrivingsklare pasientar» er sendt til Strategisk samarbeidsutvalg');
    expect(await waitFor(sec, `Nytt saksforslag til Strategisk samarbeidsutvalg fra ${proposerName}`)).toContain('Felles rutine');

    // The secretariat returns it with a comment; the proposer is told and revises the same case.
    const list = texts(await sec.say('sak'));
    expect(list).toContain('Felles rutine for utskrivingsklare pasientar');
    expect(list).toContain('sendt inn — hos sekretariatet');
    await sec.click('Felles rutine for utskrivingsklare pasientar');
    expect(formOf(await sec.click('Send tilbake til forslagsstiller'))?.title).toBe('Send tilbake');
    expect(texts(await sec.submit({ comment: 'Skriv kva kommunane skal gjere.' }))).toContain(`er sendt tilbake til ${proposerName}`);
    expect(await waitFor(proposer, 'er sendt tilbake til deg for bearbeiding')).toContain('Skriv kva kommunane skal gjere.');

    expect(texts(await proposer.say('sak'))).toContain('sendt tilbake for bearbeiding');
    await proposer.click('Felles rutine for utskrivingsklare pasientar');
    const revise = formOf(await proposer.click('Bearbeid og send på nytt'));
    expect(revise?.title).toBe('Bearbeid saken');
    expect(revise?.values.title).toBe(values.title);
    const revised = {
      ...values,
      links: 'https://docs.example.com/rutine.pdf',
      title: 'Felles rutine for utskrivingsklare pasientar v2',
      decision: 'SSU vedtek felles rutine; kommunane varslar innan 24 timar.',
    };
    expect(texts(await proposer.submit(revised))).toContain('Versjon 2 av «Felles rutine for utskrivingsklare pasientar v2» er sendt til sekretariatet igjen');
    await waitFor(sec, `${proposerName} har bearbeidet «Felles rutine for utskrivingsklare pasientar v2»`);
    const stored = (await Case.findOne({ community: ctx.t.community._id, title: revised.title }))!;
    expect(stored.versions.map((v) => v.title)).toEqual([values.title, revised.title]);

    // Accepted for an SSU meeting: on its agenda, with the number.
    const { meeting, year } = await meetingFor('ssu', 'SSU-møte mai', 10);
    await sec.say('sak');
    await sec.click('Felles rutine for utskrivingsklare pasientar v2');
    const acceptForm = formOf(await sec.click('Sett på sakslisten'));
    expect(acceptForm?.fields.map((f) => f.id)).toEqual(['meeting']);
    const accepted = texts(await sec.submit({ meeting: String(meeting._id) }));
    expect(accepted).toContain(`som SSU 1/${year}`);
    expect(await waitFor(proposer, `står på sakslisten til SSU-møte mai`)).toContain(`SSU 1/${year}`);
    const agenda = (await Meeting.findById(meeting._id))!.agenda;
    expect(agenda.map((a) => a.caseNumber)).toEqual([`SSU 1/${year}`]);

    // One case, by its number, with its whole history.
    const card = texts(await proposer.say(`sak SSU 1/${year}`));
    expect(card).toContain(`SSU 1/${year} — Felles rutine for utskrivingsklare pasientar v2`);
    expect(card).toContain('Historikk');
    expect(card).toContain(`${proposerName}: foreslo saken for SSU`);
    expect(card).toContain('Sara Solheim: sendte saken tilbake for bearbeiding');
    expect(card).toContain(`${proposerName}: sendte inn versjon 2`);
    expect(card).toContain(`Sara Solheim: satte saken på sakslisten til SSU-møte mai som SSU 1/${year}`);

    // Referred up to the Partnership Meeting, accepted there with its own number, and decided.
    await sec.say(`sak SSU 1/${year}`);
    const referForm = formOf(await sec.click('Oversend til et annet organ'));
    expect(referForm?.title).toBe('Oversend saken');
    expect(texts(await sec.submit({ to: String(pm._id), comment: 'Saka krev vedtak i Partnerskapsmøtet.' }))).toContain('er oversendt til Partnerskapsmøtet');
    await waitFor(proposer, 'er oversendt fra Strategisk samarbeidsutvalg til Partnerskapsmøtet');
    // Referred before the SSU meeting: it leaves that meeting's agenda.
    expect((await Meeting.findById(meeting._id))!.agenda).toHaveLength(0);

    const pmMeeting = await meetingFor('pm', 'Partnerskapsmøtet 2026', 20);
    await sec.say(`sak SSU 1/${year}`);
    await sec.click('Sett på sakslisten');
    expect(texts(await sec.submit({ meeting: String(pmMeeting.meeting._id) }))).toContain(`som PM 1/${pmMeeting.year}`);
    // Before the meeting it cannot be decided; what was typed is kept.
    await sec.say(`sak PM 1/${pmMeeting.year}`);
    await sec.click('Registrer vedtak');
    const early = formOf(await sec.submit({ text: 'For tidleg.' }));
    // Slack shows a whole-form error on the first field; the other platforms above the form.
    expect(Object.values(early?.errors ?? {}).join(' ')).toContain('Møtet er ikke holdt ennå');
    expect(await Draft.countDocuments({ community: ctx.t.community._id })).toBeGreaterThan(0);
    await meetingHeld(pmMeeting.meeting._id);
    await sec.say(`sak PM 1/${pmMeeting.year}`);
    expect(formOf(await sec.click('Registrer vedtak'))?.title).toBe('Registrer vedtak');
    expect(texts(await sec.submit({ text: 'Partnerskapsmøtet vedtek den felles rutinen.' }))).toContain(`Vedtaket i PM 1/${pmMeeting.year} er registrert`);
    expect(await waitFor(proposer, `Partnerskapsmøtet har vedtatt saken din PM 1/${pmMeeting.year}`)).toContain('Partnerskapsmøtet vedtek den felles rutinen.');
    const final = texts(await proposer.say(`sak PM 1/${pmMeeting.year}`));
    expect(final).toContain('vedtatt');
    expect(final).toContain(`SSU 1/${year}`); // the earlier number stays with the case
  });

  it('a case goes to the parties: their members record decisions, the missing are reminded, the proposer hears when all have decided', async () => {
    const ssu = await body('ssu');
    const secMember = await ctx.t.member(DEMO_SECRETARIAT_EMAIL);
    const proposerEmail = await emailOf('Brukarrepresentant (spesialisthelsetenesta)');
    const proposerDoc = await ctx.t.member(proposerEmail);
    const { meeting, year } = await meetingFor('ssu', 'SSU-møte juni', 12);
    const c = await propose(ctx.t.app.services, {
      community: ctx.t.community._id,
      body: ssu,
      actor: proposerDoc,
      text: { title: 'Samarbeidsavtale om legevakt', background: 'Bakgrunn.', proposedDecision: 'Partane vedtek avtalen.', type: 'agreement', priorityGroups: [], links: [] },
    });
    const acc = await accept(ctx.t.app.services, { community: ctx.t.community._id, caseId: c._id, meetingId: meeting._id, actor: secMember });
    const number = acc.number!.label;
    expect(number).toMatch(new RegExp(`^SSU \\d+/${year}$`));

    const parties = await Party.find({ community: ctx.t.community._id, key: { $in: ['askoy', 'fedje', 'helse-bergen'] } });
    const byKey = new Map(parties.map((p) => [p.key, p]));
    const sec = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    const proposer = await ctx.d.user(proposerEmail);
    await inboxOf(proposer);
    await meetingHeld(meeting._id);
    await sec.say(`sak ${number}`);
    const pf = formOf(await sec.click('Send til partene'));
    expect(pf?.fields.map((f) => f.id)).toEqual(['parties', 'remindAt']);
    expect(texts(await sec.submit({ parties: parties.map((p) => String(p._id)) }))).toContain(`${number} er sendt til 3 parter`);
    expect(await waitFor(proposer, `Saka di ${number} «Samarbeidsavtale om legevakt» er send til 3 partar for eiga handsaming`)).toBeTruthy();

    // Every member of an asked party is asked, in their language.
    const fedje = await ctx.d.user(await emailOf('Kommunalsjef helse', 'fedje'));
    await waitFor(fedje, `${number} Samarbeidsavtale om legevakt er sendt til partane for eiga handsaming`);
    const askoy = await ctx.d.user(await emailOf('Kommunalsjef helse', 'askoy'));
    await waitFor(askoy, 'er sendt til partene for egen behandling');

    // Askøy's representative records Askøy's decision from the case.
    const card = texts(await askoy.say(`sak ${number}`));
    expect(card).toContain('0 av 3 parter har fattet vedtak — mangler: Askøy kommune, Fedje kommune, Helse Bergen HF');
    const rf = formOf(await askoy.click('Registrer vedtaket til Askøy kommune'));
    expect(rf?.fields.map((f) => f.id)).toEqual(['decision', 'date', 'comment']);
    const saved = texts(await askoy.submit({ decision: 'adopted', date: '2026-03-12' }));
    expect(saved).toContain('Lagret: Askøy kommune — vedtatt');
    expect(saved).toContain('1 av 3 parter har fattet vedtak — mangler: Fedje kommune, Helse Bergen HF');

    // The secretariat reminds the missing: Fedje and Helse Bergen hear, Askøy does not.
    await inboxOf(askoy);
    received.set(askoy.email, '');
    await sec.say(`sak ${number}`);
    expect(texts(await sec.click('Send påminnelse til dem som mangler'))).toContain('de 2 partene som ikke har fattet vedtak');
    await waitFor(fedje, 'Påminning: Fedje kommune har ikkje registrert vedtaket sitt');
    const req = (await PartnerDecisionRequest.findOne({ community: ctx.t.community._id, 'subject.id': String(c._id) }))!;
    await until('the reminder fan-out to finish', async () => {
      const p = await ctx.t.app.services.fanout.progress(`partner:${String(req._id)}:remind:n1`);
      return p.pending === 0 && p.sending === 0 && p.sent > 0;
    });
    expect(await inboxOf(askoy)).not.toContain('Påminnelse');

    // The secretariat records the last two; the case is done and the proposer told.
    await sec.say(`sak ${number}`);
    const any = formOf(await sec.click('Registrer vedtak for en part'));
    expect(any?.fields.map((f) => f.id)).toEqual(['party', 'decision', 'date', 'comment']);
    await sec.submit({ party: String(byKey.get('fedje')!._id), decision: 'adopted_with_changes', date: '2026-03-19', comment: 'Med lokal opningstid' });
    await sec.say(`sak ${number}`);
    await sec.click('Registrer vedtak for en part');
    const last = texts(await sec.submit({ party: String(byKey.get('helse-bergen')!._id), decision: 'not_adopted', date: '2026-03-20' }));
    expect(last).toContain('Alle 3 parter har fattet vedtak.');
    expect(await waitFor(proposer, `Alle partane har handsama saka di ${number}`)).toContain('1 vedteke, 1 vedteke med endringar, 1 ikkje vedteke');
    const done = texts(await sec.say(`sak ${number}`));
    expect(done).toContain('behandlet hos partene');
    expect(done).toContain('Fedje kommune: vedtatt med endringer');
  });

  it('the secretariat proposes on a member’s behalf; the member is told', async () => {
    const ssu = await body('ssu');
    const gpEmail = await emailOf('Fastlege', 'gp');
    const gp = await ctx.d.user(gpEmail);
    await inboxOf(gp);
    const sec = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    const form = formOf(await sec.say('sak ny ssu'));
    expect(form?.fields.map((f) => f.id)).toContain('onBehalf');
    const out = texts(
      await sec.submit({
        body: String(ssu._id),
        title: 'Fastlegar i akuttberedskap',
        background: 'Fastlegane vil vere med i planlegginga.',
        decision: 'SSU tek saka til orientering.',
        type: 'other',
        onBehalf: gpEmail,
      }),
    );
    expect(out).toContain('på vegne av');
    expect(await waitFor(gp, 'Sara Solheim i sekretariatet har fremmet saken din «Fastlegar i akuttberedskap»')).toBeTruthy();
  });

  it('the proposer withdraws a case from the agenda with one tap and a confirmation; its number is not reused; too late once decided', async () => {
    const ssu = await body('ssu');
    const secMember = await ctx.t.member(DEMO_SECRETARIAT_EMAIL);
    const proposerEmail = await emailOf('Brukerrepresentant (kommunene)');
    const proposerDoc = await ctx.t.member(proposerEmail);
    const { meeting } = await meetingFor('ssu', 'SSU-møte september', 16);
    const mk = (title: string) =>
      propose(ctx.t.app.services, {
        community: ctx.t.community._id,
        body: ssu,
        actor: proposerDoc,
        text: { title, background: 'Bakgrunn.', proposedDecision: 'Vedtak.', type: 'project', priorityGroups: [], links: [] },
      });
    const c = await mk('Pilot med digital heimeoppfølging');
    const later = await mk('Felles kompetanseplan');
    const number = (await accept(ctx.t.app.services, { community: ctx.t.community._id, caseId: c._id, meetingId: meeting._id, actor: secMember })).number!;
    const sec = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    await inboxOf(sec);
    const proposer = await ctx.d.user(proposerEmail);

    // «Trekk saken» asks first (with what happens to the agenda and the number); the form's button does it.
    const card = await proposer.say(`sak ${number.label}`);
    expect(card.flatMap((s) => s.buttons)).toContain('Trekk saken');
    const confirm = formOf(await proposer.click('Trekk saken'));
    expect(confirm?.title).toBe('Trekk saken');
    expect(confirm?.fields.map((f) => f.id)).toEqual(['reason']);
    expect(await Case.findById(c._id).then((x) => x!.state)).toBe('accepted');
    const receipt = texts(await proposer.submit({ reason: 'Prosjektet får anna finansiering' }));
    expect(receipt).toContain('Du har trukket saken din «Pilot med digital heimeoppfølging»');
    expect(receipt).toContain('tatt av sakslisten til SSU-møte september');
    expect(await waitFor(sec, `har trukket saken ${number.label} «Pilot med digital heimeoppfølging»`)).toContain('Prosjektet får anna finansiering');
    expect((await Meeting.findById(meeting._id))!.agenda.length).toBe(0);

    // «sak» shows it as withdrawn; its history says who withdrew it and when.
    expect(texts(await proposer.say('sak'))).toContain(`Pilot med digital heimeoppfølging (${number.label}) — trukket`);
    const shown = await proposer.say(`sak ${number.label}`);
    const history = texts(shown);
    const proposerName = proposerDoc.name;
    // «22. nov. 08:25 — Kari Nordmann: trakk saken: «…»» (the time in Oslo, from the audit log)
    expect(history).toMatch(new RegExp(`\\d{1,2}\\.\\s\\S+ \\d{2}:\\d{2} — ${proposerName}: trakk saken: «Prosjektet får anna finansiering»`));
    expect(shown.flatMap((s) => s.buttons)).not.toContain('Trekk saken');

    // The secretariat may withdraw a submitted case on the proposer's behalf; the proposer is told.
    const behalf = await mk('Felles opplæring i velferdsteknologi');
    await inboxOf(proposer);
    await sec.say('sak');
    await sec.click('Felles opplæring i velferdsteknologi');
    await sec.click('Trekk saken');
    expect(texts(await sec.submit({}))).toContain(`«Felles opplæring i velferdsteknologi» er trukket på vegne av ${proposerName}`);
    await waitFor(proposer, 'Sara Solheim i sekretariatet har trukket saken din «Felles opplæring i velferdsteknologi» på dine vegne');
    expect((await Case.findById(behalf._id))!.state).toBe('withdrawn');

    // The next case accepted gets the next number; the withdrawn one keeps its own.
    const next = await accept(ctx.t.app.services, { community: ctx.t.community._id, caseId: later._id, meetingId: meeting._id, actor: secMember });
    expect(next.number!.seq).toBe(number.seq + 1);

    // A form opened before the case was decided is refused clearly when sent after.
    await proposer.say(`sak ${next.number!.label}`);
    await proposer.click('Trekk saken');
    await meetingHeld(meeting._id);
    await decide(ctx.t.app.services, { community: ctx.t.community._id, caseId: later._id, text: 'SSU vedtek planen.', actor: secMember });
    const late = texts(await proposer.submit({}));
    expect(late).toContain('kan bare trekkes til den er vedtatt eller sendt til partene');
    expect((await Case.findById(later._id))!.state).toBe('decided');
  });

  it('a transition that no longer makes sense is refused with a clear message', async () => {
    const ssu = await body('ssu');
    const secMember = await ctx.t.member(DEMO_SECRETARIAT_EMAIL);
    const { meeting } = await meetingFor('ssu', 'SSU-møte august', 14);
    const c = await propose(ctx.t.app.services, {
      community: ctx.t.community._id,
      body: ssu,
      actor: secMember,
      text: { title: 'Sak som vert avvist', background: 'Bakgrunn.', proposedDecision: 'Vedtak.', type: 'other', priorityGroups: [], links: [] },
    });
    const sec = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    await sec.say('sak');
    await sec.click('Sak som vert avvist');
    await sec.click('Sett på sakslisten');
    // Meanwhile another secretary rejects it; the open form can no longer accept it.
    const other = await ctx.t.member('jorunn.tvedt@demo.samla.no');
    await reject(ctx.t.app.services, { community: ctx.t.community._id, caseId: c._id, reason: 'Utanfor mandatet', actor: other });
    const out = texts(await sec.submit({ meeting: String(meeting._id) }));
    expect(out).toContain('«Sak som vert avvist» er avvist, og en avvist sak kan ikke bli satt på sakslisten');
    expect((await Case.findById(c._id))!.number).toBeNull();
    expect((await Meeting.findById(meeting._id))!.agenda.length).toBe(0);
  });
});
