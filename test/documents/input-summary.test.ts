/**
 * The input round summary as a Word document: offered beside the CSV and Excel links of the
 * summary card, downloaded through that link over HTTP, and read back — its headings as real
 * heading styles, its tables and counts, every answer under its theme with its party, in the
 * language of the secretariat member who asked. Only the secretariat gets it, an expired link
 * gets the same 403 as the other exports, and no identity number reaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contribute } from '../../dialogs/input/contributions.js';
import { EXPORT_KIND } from '../../dialogs/input/exports.js';
import { Contribution } from '../../models/contribution.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import type { RoundDoc } from '../../models/round.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Reply } from '../../src/ui.js';
import { formsIn } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';
import { openRound } from '../support/rounds.js';
import { digitsOf, download, headings, readDocx } from './docx.js';

const FNR = '15076500565';
let t: TestApp;
let round: RoundDoc;
let n = 0;

async function memberOf(partyKey: string): Promise<MemberDoc> {
  const party = await Party.findOne({ community: t.community._id, key: partyKey });
  return (await Member.findOne({ community: t.community._id, party: party!._id, title: 'Kommunalsjef helse' }))!;
}

const linksOf = (replies: Reply[]) => replies.flatMap((r) => r.elements ?? []).flatMap((e) => (e.type === 'links' ? e.links : []));

beforeAll(async () => {
  t = await startTestApp();
  round = await openRound(t, {
    title: 'Rekruttering i kommunane',
    question: 'Kva tiltak trengst for å rekruttere og halde på sjukepleiarar?',
    themes: ['Rekruttering', 'Digitalisering'],
  });
  const answers: [string, string, string[], string[]][] = [
    ['bergen', 'Bergen trenger flere lærlingplasser og felles turnusordninger.', ['Rekruttering'], ['frail_elderly']],
    ['alver', 'Alver meiner velferdsteknologi kan avlaste heimetenesta.', ['Digitalisering'], ['frail_elderly', 'chronic']],
    ['voss', 'Voss treng betre ordningar for delte stillingar og digitale verktøy.', ['Rekruttering', 'Digitalisering'], ['children']],
    ['fedje', 'Fedje har ingen merknad utover at ferjetidene må takast omsyn til.', [], []],
  ];
  for (const [party, text, themes, priorityGroups] of answers) {
    expect((await contribute(round, await memberOf(party), { text, themes, priorityGroups }, ++n)).kind).toBe('saved');
  }
});
afterAll(async () => t?.close());

describe('the input round summary (.docx)', () => {
  it('is offered on the summary card and holds the round, who answered, the counts and every answer by theme', async () => {
    const out = await t.app.core.receive(
      directMessage(t, DEMO_SECRETARIAT_EMAIL, { kind: 'action', action: { d: 'input', s: 'summary', a: { r: String(round._id) } }, eventId: 'sum1' }),
    );
    const links = linksOf(out.replies);
    expect(links.map((l) => l.label)).toEqual(['CSV', 'Excel', 'Word']);
    const r = await fetch(links.find((l) => l.label === 'Word')!.url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain('innspillsrunde-1-sammendrag.docx');
    const d = readDocx(new Uint8Array(await r.arrayBuffer()));

    expect(d.paragraphs[0]).toMatchObject({ style: 'Title', text: 'Sammendrag av innspillsrunden «Rekruttering i kommunane»' });
    expect(d.header).toContain('Helsefellesskapet i bergensområdet (DEMO)');
    expect(d.header).toContain('Følsomhet: Intern (gul)');
    expect(headings(d)).toEqual([
      '1 Hvem har svart',
      '2 Parter som har svart',
      '2 Parter som ikke har svart',
      '1 Hvordan innspillene fordeler seg',
      '2 Innspill per parttype',
      '2 Per tema',
      '2 Per prioritert gruppe',
      '1 Innspillene etter tema',
      '2 Rekruttering (2 innspill)',
      '2 Digitalisering (2 innspill)',
      '2 Uten tema (1 innspill)',
    ]);
    // Real heading styles: Word's navigation pane and table of contents go by their outline level.
    expect(d.outline.get('Heading1')).toBe(0);
    expect(d.outline.get('Heading2')).toBe(1);

    const [about, progress, byType, byTheme, byGroup] = d.tables;
    expect(about).toContainEqual(['Spørsmål', 'Kva tiltak trengst for å rekruttere og halde på sjukepleiarar?']);
    expect(about).toContainEqual(['Hvem ble spurt', 'Kommuner']);
    expect(about).toContainEqual(['Svar', '4 innspill fra 4 av 17 parter']);
    expect(progress![0]).toEqual(['Parttype', 'Har svart', 'Av', 'Mangler']);
    expect(progress![1]!.slice(0, 3)).toEqual(['Kommuner', '4', '17']);
    expect(progress![1]![3]).toContain('Askøy kommune');
    expect(progress![1]![3]).not.toContain('Bergen kommune');
    expect(byType).toEqual([
      ['Parttype', 'Innspill'],
      ['Kommuner', '4'],
    ]);
    expect(byTheme).toEqual([
      ['Tema', 'Innspill'],
      ['Rekruttering', '2'],
      ['Digitalisering', '2'],
    ]);
    expect(byGroup).toContainEqual(['Skrøpelige eldre', '2']);

    const answered = d.paragraphs.filter((p) => p.list && /\(\d+ innspill\)$/.test(p.text)).map((p) => p.text);
    expect(answered).toEqual(['Alver kommune (1 innspill)', 'Bergen kommune (1 innspill)', 'Fedje kommune (1 innspill)', 'Voss herad (1 innspill)']);
    const numberedAnswers = d.paragraphs.filter((p) => p.list && /\): /.test(p.text));
    expect(numberedAnswers).toHaveLength(5); // Voss's answer stands under both its themes
    /** The list items between a theme's heading and the next heading. */
    const under = (theme: string) => {
      const rest = d.paragraphs.slice(d.paragraphs.findIndex((p) => p.style === 'Heading2' && p.text.startsWith(theme)) + 1);
      const end = rest.findIndex((p) => p.style.startsWith('Heading'));
      return (end < 0 ? rest : rest.slice(0, end)).filter((p) => p.list);
    };
    expect(under('Rekruttering').map((p) => p.text.split(' (')[0])).toEqual(['Bergen kommune', 'Voss herad']);
    expect(under('Rekruttering')[0]!.text).toContain('lærlingplasser');
    expect(under('Uten tema')[0]!.text).toMatch(/^Fedje kommune \(.+\): Fedje har ingen merknad/);
    // Each theme's answers are a list of their own, numbered from 1.
    expect(new Set(under('Rekruttering').map((p) => p.list)).size).toBe(1);
    expect(under('Rekruttering')[0]!.list).not.toBe(under('Digitalisering')[0]!.list);
  });

  it('is written in the language of the secretariat member the link is for', async () => {
    const nn = await download(t, EXPORT_KIND, { round: String(round._id) }, { email: 'jorunn.tvedt@demo.samla.no' });
    expect(nn.paragraphs[0]!.text).toBe('Samandrag av innspelsrunden «Rekruttering i kommunane»');
    expect(headings(nn)).toContain('1 Kven har svart');
    expect(nn.header).toContain('Følsemd: Intern (gul)');
    await Member.updateOne({ community: t.community._id, email: 'jorunn.tvedt@demo.samla.no' }, { $set: { lang: 'en' } });
    const en = await download(t, EXPORT_KIND, { round: String(round._id) }, { email: 'jorunn.tvedt@demo.samla.no' });
    expect(headings(en)[0]).toBe('1 Who answered');
    expect(en.tables[1]![0]).toEqual(['Party type', 'Answered', 'Of', 'Missing']);
    expect(en.header).toContain('Sensitivity: Intern (gul)');
  });

  it('is for the secretariat only, and an expired link gets the same 403 as the other exports', async () => {
    const gp = await Member.findOne({ community: t.community._id, title: 'Fastlege' });
    const notSecretariat = await t.app.services.exports.link({
      community: t.community._id,
      member: gp!._id,
      kind: EXPORT_KIND,
      format: 'docx',
      params: { round: String(round._id) },
    });
    const refused = await fetch(notSecretariat);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe('Bare sekretariatet kan laste ned dette.');

    const exportsConfig = (t.app.services.exports as unknown as { config: { EXPORT_LINK_TTL_SECONDS: number } }).config;
    const ttl = exportsConfig.EXPORT_LINK_TTL_SECONDS;
    exportsConfig.EXPORT_LINK_TTL_SECONDS = -1;
    try {
      const sara = await t.member(DEMO_SECRETARIAT_EMAIL);
      const forWord = await fetch(
        await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: EXPORT_KIND, format: 'docx', params: { round: String(round._id) } }),
      );
      const forCsv = await fetch(
        await t.app.services.exports.link({ community: t.community._id, member: sara._id, kind: EXPORT_KIND, format: 'csv', params: { round: String(round._id) } }),
      );
      expect(forWord.status).toBe(403);
      expect(forCsv.status).toBe(403);
      expect(await forWord.text()).toBe(await forCsv.text());
    } finally {
      exportsConfig.EXPORT_LINK_TTL_SECONDS = ttl;
    }
  });

  it('never holds an identity number: refused in the answer form, and one that is in the data anyway is blacked out', async () => {
    const askoy = await memberOf('askoy');
    for (const text of [`Pasient ${FNR} ventar på sjukeheimsplass.`, 'Pasient 150765 00565 ventar.', 'Pasient 15.07.65 00565 ventar.']) {
      const open = await t.app.core.receive(
        directMessage(t, askoy.email, { kind: 'action', action: { d: 'input', s: 'answer', a: { r: String(round._id) } }, eventId: `open${++n}` }),
      );
      const form = open.replies.flatMap(formsIn)[0]!;
      const sent = await t.app.core.receive(directMessage(t, askoy.email, { kind: 'submit', action: form.action, values: { text, themes: [], groups: [] }, eventId: `send${n}` }));
      expect(sent.rejectedForm?.errors?.text).toMatch(/fødselsnummer/);
    }
    expect(await Contribution.countDocuments({ round: round._id, member: askoy._id })).toBe(0);

    // A row written some other way (an older version, a restore): the document still leaves the number out.
    await Contribution.collection.insertOne({
      community: t.community._id,
      round: round._id,
      body: null,
      member: askoy._id,
      party: askoy.party,
      text: `Gammalt innspel om pasient ${FNR}.`,
      themes: [],
      priorityGroups: [],
      status: 'active',
      submission: 'legacy-1',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const d = await download(t, EXPORT_KIND, { round: String(round._id) });
    expect(d.text).toContain('Gammalt innspel om pasient [fødselsnummer].');
    expect(digitsOf(d)).not.toContain(FNR);
    expect(Object.values(d.files).join('')).not.toMatch(/150765|00565/);
  });
});
