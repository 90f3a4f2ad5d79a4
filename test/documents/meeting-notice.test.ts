/**
 * The notice with the agenda (innkalling og saksliste) as a Word document: an SSU meeting at
 * 09:00 Oslo time with a paper on its agenda and an accepted case, three members who answered
 * (attending, absent, sending a deputy). The secretariat opens the meeting and follows its
 * «Innkalling og saksliste (Word)» link over HTTP; the notice read back has the body, time and
 * place, the numbered agenda with the paper and the case's proposed decision, and the called
 * members with their answers. No identity number reaches it.
 */
import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accept, propose } from '../../dialogs/case/service.js';
import { answerMeeting } from '../../dialogs/meeting/answers.js';
import { NOTICE_EXPORT } from '../../dialogs/meeting/document.js';
import { calledMembers } from '../../dialogs/meeting/attendance.js';
import { createMeeting } from '../../dialogs/meeting/service.js';
import { Body } from '../../models/body.js';
import { Meeting, type MeetingDoc } from '../../models/meeting.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { formatDateTime, toInputDateTime } from '../../src/time.js';
import type { Reply } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';
import { digitsOf, download, headings, readDocx } from './docx.js';

const FNR = '15076500565';
let t: TestApp;
let m: MeetingDoc;
let caseNumber: string;
let n = 0;
const people: Record<'attending' | 'absent' | 'sends' | 'deputy', MemberDoc> = {} as never;

const linksOf = (replies: Reply[]) => replies.flatMap((r) => r.elements ?? []).flatMap((e) => (e.type === 'links' ? e.links : []));
const say = (email: string, over: Parameters<typeof directMessage>[2]) => t.app.core.receive(directMessage(t, email, { eventId: `e${++n}`, ...over }));
async function member(partyKey: string, title: string): Promise<MemberDoc> {
  const party = await Party.findOne({ community: t.community._id, key: partyKey });
  return (await Member.findOne({ community: t.community._id, party: party!._id, title }))!;
}

// 09:00 in Oslo a month from now, whatever the season: a UTC rendering would show 07:00 or 08:00.
const now = new TZDate(Date.now(), 'Europe/Oslo');
const start = new Date(new TZDate(now.getFullYear(), now.getMonth(), now.getDate() + 30, 9, 0, 0, 'Europe/Oslo').getTime());

beforeAll(async () => {
  t = await startTestApp({}, { runJobs: false });
  const community = t.community._id;
  const sec = await t.member(DEMO_SECRETARIAT_EMAIL);
  const ssu = (await Body.findOne({ community, key: 'ssu' }))!;
  m = (
    await createMeeting(t.app.services, {
      community,
      actor: sec._id,
      input: {
        body: ssu._id,
        title: 'SSU-møte september',
        start,
        end: new Date(start.getTime() + 3 * 3600_000),
        place: 'Haukeland universitetssjukehus, møterom 3',
        videoUrl: 'https://teams.example/ssu',
        agenda: [{ title: 'Orientering om økonomien', paperUrl: 'https://example.no/okonomi.pdf' }],
      },
    })
  ).meeting!;
  const proposer = await member('bergen', 'Etatsdirektør');
  const c = await propose(t.app.services, {
    community,
    body: ssu,
    actor: proposer,
    text: {
      title: 'Rekruttering av sjukepleiarar',
      background: 'Bakgrunn.',
      proposedDecision: 'SSU ber partane lage ein felles rekrutteringsplan.',
      type: 'priority',
      priorityGroups: [],
      links: [],
    },
  });
  caseNumber = (await accept(t.app.services, { community, caseId: c._id, meetingId: m._id, actor: sec })).number!.label;

  people.attending = await member('bergen', 'Kommunalsjef helse');
  people.absent = proposer;
  people.sends = await member('helse-bergen', 'Administrerende direktør');
  people.deputy = await member('helse-bergen', 'Klinikkdirektør');
  m = (await Meeting.findById(m._id))!;
  expect((await answerMeeting(t.app.services, { meeting: m, member: people.attending, answer: 'attending' })).ok).toBe(true);
  expect((await answerMeeting(t.app.services, { meeting: m, member: people.absent, answer: 'absent' })).ok).toBe(true);
  expect((await answerMeeting(t.app.services, { meeting: m, member: people.sends, answer: 'deputy', deputy: people.deputy })).ok).toBe(true);
});
afterAll(async () => t?.close());

describe('the meeting notice (.docx)', () => {
  it('is linked on the meeting and on its attendance for the secretariat, and holds time, place, agenda, papers and answers', async () => {
    const opened = await say(DEMO_SECRETARIAT_EMAIL, { kind: 'action', action: { d: 'meeting', s: 'open', a: { m: String(m._id) } } });
    const link = linksOf(opened.replies).find((l) => l.label === 'Innkalling og saksliste (Word)');
    expect(link).toBeTruthy();
    const attendance = await say(DEMO_SECRETARIAT_EMAIL, { kind: 'action', action: { d: 'meeting', s: 'attendance', a: { m: String(m._id) } } });
    expect(linksOf(attendance.replies).map((l) => l.label)).toEqual(['Last ned listen (Excel)', 'Innkalling og saksliste (Word)']);

    const r = await fetch(link!.url);
    expect(r.status).toBe(200);
    const d = readDocx(new Uint8Array(await r.arrayBuffer()));
    expect(d.paragraphs[0]).toMatchObject({ style: 'Title', text: 'Innkalling og saksliste: SSU-møte september' });
    expect(d.header).toContain('Følsomhet: Intern (gul)');
    expect(headings(d)).toEqual([
      '1 Saksliste',
      '1 Sakene på sakslisten',
      `2 Sak 2: ${caseNumber} Rekruttering av sjukepleiarar`,
      '3 Forslag til vedtak',
      '1 Innkalte og svarene deres',
      '2 Disse møter som vara',
    ]);
    expect(d.outline.get('Heading3')).toBe(2);

    const [about, counts, called] = d.tables;
    expect(about).toContainEqual(['Organ', 'Strategisk samarbeidsutvalg']);
    expect(about).toContainEqual(['Sted', 'Haukeland universitetssjukehus, møterom 3']);
    expect(about).toContainEqual(['Video', 'https://teams.example/ssu']);
    const when = about!.find((row) => row[0] === 'Når')![1]!;
    expect(when).toMatch(/kl\. 09:00–12:00$/);
    expect(when).toBe(`${formatDateTime(start, 'nb')}–12:00`);

    // The agenda: one numbered list, the paper under its item, the case by its number.
    const agenda = d.paragraphs.filter((p) => p.list && d.paragraphs.indexOf(p) < d.paragraphs.findIndex((x) => x.text === 'Sakene på sakslisten'));
    expect(agenda.map((p) => p.text)).toEqual(['Orientering om økonomien\nSaksdokument: https://example.no/okonomi.pdf', `${caseNumber} Rekruttering av sjukepleiarar`]);
    expect(new Set(agenda.map((p) => p.list)).size).toBe(1);
    const i = d.paragraphs.findIndex((p) => p.text === 'Forslag til vedtak');
    expect(d.paragraphs[i + 1]!.text).toBe('SSU ber partane lage ein felles rekrutteringsplan.');

    const everyone = await calledMembers(m);
    expect(counts).toEqual([
      ['Kommer', 'Sender vara', 'Kommer ikke', 'Ikke svart'],
      ['1', '1', '1', String(everyone.length - 3)],
    ]);
    expect(called![0]).toEqual(['Part', 'Medlem', 'Svar', 'Vara']);
    expect(called!.slice(1)).toHaveLength(everyone.length);
    expect(called).toContainEqual(['Bergen kommune', people.attending.name, 'Kommer', '']);
    expect(called).toContainEqual(['Bergen kommune', people.absent.name, 'Kommer ikke', '']);
    expect(called).toContainEqual(['Helse Bergen HF', people.sends.name, 'Sender vara', people.deputy.name]);
    // By party, in the order of their names.
    const partiesInOrder = called!.slice(1).map((row) => row[0]!);
    expect(partiesInOrder).toEqual([...partiesInOrder].sort((a, b) => a.localeCompare(b, 'nb')));
    expect(d.text).toContain(`${people.deputy.name} møter for ${people.sends.name}`);
  });

  it('never holds an identity number: a new meeting or a changed agenda with one is refused', async () => {
    const ssu = (await Body.findOne({ community: t.community._id, key: 'ssu' }))!;
    const later = toInputDateTime(new Date(start.getTime() + 86_400_000));
    const created = await say(DEMO_SECRETARIAT_EMAIL, {
      kind: 'submit',
      action: { d: 'meeting', s: 'create' },
      values: { body: String(ssu._id), title: 'Ekstra møte', start: later, end: later.replace(/\d\d:\d\d$/, '23:00'), agenda: `Sak om pasient ${FNR}` },
    });
    expect(created.rejectedForm?.errors?.agenda).toMatch(/fødselsnummer/);
    const edited = await say(DEMO_SECRETARIAT_EMAIL, {
      kind: 'submit',
      action: { d: 'meeting', s: 'edit', a: { m: String(m._id) } },
      values: { title: 'SSU-møte september', start: toInputDateTime(m.start), end: toInputDateTime(m.end), place: 'Rom 150765 00565', agenda: 'Orientering' },
    });
    expect(edited.rejectedForm?.errors?.place).toMatch(/fødselsnummer/);
    expect(await Meeting.countDocuments({ community: t.community._id, title: 'Ekstra møte' })).toBe(0);

    const d = await download(t, NOTICE_EXPORT, { meeting: String(m._id) });
    expect(d.tables[0]).toContainEqual(['Sted', 'Haukeland universitetssjukehus, møterom 3']);
    expect(digitsOf(d)).not.toContain(FNR);
    expect(d.text).not.toMatch(/150765|00565/);
  });
});
