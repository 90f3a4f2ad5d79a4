/**
 * The case paper (saksframlegg) as a Word document: a case proposed to an area committee,
 * returned, revised, referred up to SSU, put on its agenda and sent to three parties, two of
 * which have decided. The secretariat opens the case and follows the card's «Saksframlegg (Word)»
 * link over HTTP; the paper read back has the number, body, meeting and proposer, the background
 * and proposed decision as real headings, the partners' decisions and the history as tables.
 * Others see no link (and the link refuses them), and no identity number reaches the paper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_PAPER_EXPORT } from '../../dialogs/case/document.js';
import { accept, propose, refer, resubmit, returnToProposer, sendToPartners, type CaseText } from '../../dialogs/case/service.js';
import { createMeeting } from '../../dialogs/meeting/service.js';
import { record } from '../../dialogs/partner/service.js';
import { Body, type BodyDoc } from '../../models/body.js';
import { Case, type CaseDoc } from '../../models/case.js';
import { Meeting } from '../../models/meeting.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Reply } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';
import { digitsOf, download, headings, readDocx } from './docx.js';

const FNR = '15076500565';
let t: TestApp;
let sec: MemberDoc;
let proposer: MemberDoc;
let c: CaseDoc;
let n = 0;

const text = (over: Partial<CaseText> = {}): CaseText => ({
  title: 'Felles rutine for utskriving av skrøpelige eldre',
  background: 'Kommunane og sjukehuset har ulike rutinar for utskriving.\n\nEin felles rutine vil gje tryggare overgangar.',
  proposedDecision: 'SSU sluttar seg til rutinen og ber partane ta han i bruk innan 1. juni.',
  type: 'agreement',
  priorityGroups: ['frail_elderly'],
  links: ['https://example.no/rutine-utkast.pdf'],
  ...over,
});
const body = async (key: string): Promise<BodyDoc> => (await Body.findOne({ community: t.community._id, key }))!;
const party = async (key: string) => (await Party.findOne({ community: t.community._id, key }))!;
const linksOf = (replies: Reply[]) => replies.flatMap((r) => r.elements ?? []).flatMap((e) => (e.type === 'links' ? e.links : []));
const showCase = (email: string) =>
  t.app.core.receive(directMessage(t, email, { kind: 'action', action: { d: 'case', s: 'show', a: { c: String(c._id) } }, eventId: `show${++n}` }));

beforeAll(async () => {
  t = await startTestApp({}, { runJobs: false });
  const community = t.community._id;
  sec = await t.member(DEMO_SECRETARIAT_EMAIL);
  const area = await body('ou-bergen');
  proposer = (await Member.findOne({ community, title: 'Seksjonsleder', 'memberships.body': area._id }))!;
  c = await propose(t.app.services, { community, body: area, actor: proposer, text: text({ title: 'Utskriving av eldre' }) });
  await returnToProposer(t.app.services, { community, caseId: c._id, comment: 'Skildr kva rutinen krev av kommunane.', actor: sec });
  await resubmit(t.app.services, { community, caseId: c._id, text: text(), actor: proposer });
  const ssu = await body('ssu');
  await refer(t.app.services, { community, caseId: c._id, toBody: ssu._id, comment: 'Gjeld alle områda.', actor: sec });
  const start = new Date(Date.now() + 10 * 86_400_000);
  const meeting = (
    await createMeeting(t.app.services, {
      community,
      actor: null,
      input: { body: ssu._id, title: 'SSU-møte juni', start, end: new Date(start.getTime() + 3 * 3600_000), place: 'Haukeland, møterom 3' },
    })
  ).meeting!;
  await accept(t.app.services, { community, caseId: c._id, meetingId: meeting._id, actor: sec });
  // The meeting is held.
  const held = new Date(Date.now() - 3 * 3600_000);
  await Meeting.updateOne({ _id: meeting._id }, { $set: { start: held, end: new Date(held.getTime() + 2 * 3600_000) } });
  await Case.updateOne({ _id: c._id }, { $set: { 'meeting.start': held } });
  const [bergen, askoy, fedje] = [await party('bergen'), await party('askoy'), await party('fedje')];
  await sendToPartners(t.app.services, { community, caseId: c._id, parties: [bergen._id, askoy._id, fedje._id], actor: sec });
  const subject = { kind: 'case', id: String(c._id) };
  await record(t.app.services, { community, subject, party: bergen._id, decision: 'adopted', date: new Date('2026-06-10T10:00:00Z'), actor: sec });
  await record(t.app.services, {
    community,
    subject,
    party: askoy._id,
    decision: 'adopted_with_changes',
    date: new Date('2026-06-12T10:00:00Z'),
    comment: 'Med eigen frist',
    actor: sec,
  });
  c = (await Case.findById(c._id))!;
});
afterAll(async () => t?.close());

describe('the case paper (.docx)', () => {
  it('is linked on the case for the secretariat and holds the case, the partners’ decisions and the history', async () => {
    const out = await showCase(DEMO_SECRETARIAT_EMAIL);
    const link = linksOf(out.replies).find((l) => l.label === 'Saksframlegg (Word)');
    expect(link).toBeTruthy();
    const r = await fetch(link!.url);
    expect(r.status).toBe(200);
    const d = readDocx(new Uint8Array(await r.arrayBuffer()));
    const number = c.number!.label;
    expect(number).toMatch(/^SSU \d+\/\d{4}$/);

    expect(d.paragraphs[0]).toMatchObject({ style: 'Title', text: `Saksframlegg: ${number} — Felles rutine for utskriving av skrøpelige eldre` });
    expect(d.header).toContain('Helsefellesskapet i bergensområdet (DEMO)');
    expect(d.header).toContain('Følsomhet: Intern (gul)');
    expect(headings(d)).toEqual(['1 Bakgrunn', '1 Forslag til vedtak', '1 Lenker', '1 Behandling hos partene', '1 Versjoner', '1 Historikk']);
    expect(d.outline.get('Heading1')).toBe(0);

    const [about, decisions, versions, history] = d.tables;
    expect(about).toContainEqual(['Saksnummer', number]);
    expect(about).toContainEqual(['Organ', 'Strategisk samarbeidsutvalg']);
    expect(about).toContainEqual(['Forslagsstiller', `${proposer.name} (Bergen kommune)`]);
    expect(about).toContainEqual(['Prioriterte grupper', 'Skrøpelige eldre']);
    expect(about).toContainEqual(['Versjon', '2']);
    expect(about!.find((row) => row[0] === 'Møte')![1]).toMatch(/^SSU-møte juni, \w+dag \d+\. \w+ \d{4} kl\. \d\d:\d\d$/);
    // Background and proposed decision, each as written, paragraph by paragraph.
    const after = (h: string) => d.paragraphs[d.paragraphs.findIndex((p) => p.text === h) + 1]!.text;
    expect(after('Bakgrunn')).toBe('Kommunane og sjukehuset har ulike rutinar for utskriving.');
    expect(after('Forslag til vedtak')).toBe('SSU sluttar seg til rutinen og ber partane ta han i bruk innan 1. juni.');
    expect(after('Lenker')).toBe('https://example.no/rutine-utkast.pdf');
    expect(after('Behandling hos partene')).toBe('2 av 3 parter har fattet vedtak — mangler: Fedje kommune');

    expect(decisions![0]).toEqual(['Part', 'Vedtak', 'Dato', 'Kommentar']);
    expect(decisions!.slice(1).map((row) => [row[0], row[1], row[3]])).toEqual([
      ['Askøy kommune', 'vedtatt med endringer', 'Med eigen frist'],
      ['Bergen kommune', 'vedtatt', ''],
    ]);
    expect(versions!.slice(1).map((row) => [row[0], row[2]])).toEqual([
      ['1', 'Utskriving av eldre'],
      ['2', 'Felles rutine for utskriving av skrøpelige eldre'],
    ]);
    expect(history![0]).toEqual(['Dato', 'Hvem', 'Hva']);
    const what = history!.slice(1).map((row) => `${row[1]}: ${row[2]}`);
    expect(what[0]).toMatch(new RegExp(`^${proposer.name}: foreslo saken for `));
    expect(what).toContain(`${sec.name}: sendte saken tilbake for bearbeiding: «Skildr kva rutinen krev av kommunane.»`);
    expect(what).toContain(`${proposer.name}: sendte inn versjon 2`);
    expect(what.some((w) => w.startsWith(`${sec.name}: oversendte saken fra `))).toBe(true);
    expect(what.some((w) => w.startsWith(`${sec.name}: satte saken på sakslisten til SSU-møte juni som ${number}`))).toBe(true);
    expect(what).toContain(`${sec.name}: registrerte vedtaket til Askøy kommune: vedtatt med endringer`);
  });

  it('is offered to the secretariat only; the link refuses anyone else', async () => {
    const out = await showCase(proposer.email);
    expect(linksOf(out.replies).map((l) => l.label)).not.toContain('Saksframlegg (Word)');
    const url = await t.app.services.exports.link({ community: t.community._id, member: proposer._id, kind: CASE_PAPER_EXPORT, format: 'docx', params: { case: String(c._id) } });
    expect((await fetch(url)).status).toBe(403);
  });

  it('never holds an identity number: a proposal with one is refused, and one in the data anyway is blacked out', async () => {
    const proposal = await t.app.core.receive(
      directMessage(t, DEMO_SECRETARIAT_EMAIL, {
        kind: 'submit',
        action: { d: 'case', s: 'propose' },
        values: { title: 'Ei sak', background: `Gjeld pasient ${FNR}.`, decision: 'Vedtak', type: 'other' },
        eventId: `p${++n}`,
      }),
    );
    expect(proposal.rejectedForm?.errors?.background).toMatch(/fødselsnummer/);
    expect(await Case.countDocuments({ community: t.community._id, title: 'Ei sak' })).toBe(0);

    // In the data by another way (an older version, a restore): the paper still leaves it out.
    await Case.updateOne({ _id: c._id }, { $set: { background: `Eldre tekst om pasient 150765 00565.` } });
    const d = await download(t, CASE_PAPER_EXPORT, { case: String(c._id) });
    expect(d.text).toContain('Eldre tekst om pasient [fødselsnummer].');
    expect(digitsOf(d)).not.toContain(FNR);
  });
});
