/**
 * The strategy feedback report as a Word document: a draft in two versions, feedback on both;
 * the secretariat presses «Rapport (Word)» on the overview and follows the link over HTTP. The
 * report read back has, per section, the stances by party type as a table, the comments and
 * proposed wordings under their party, and for the section that did not change the comparison
 * with the previous version. No identity number reaches it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_KIND } from '../../dialogs/strategy/ids.js';
import { openFeedback } from '../../dialogs/strategy/periods.js';
import { giveFeedback, loadVersion } from '../../dialogs/strategy/service.js';
import { Feedback, GENERAL } from '../../models/feedback.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import type { VersionDoc } from '../../models/strategy.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Reply } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';
import { digitsOf, download, headings, readDocx } from './docx.js';

const FNR = '15076500565';
let t: TestApp;
let v2: VersionDoc;
let n = 0;
const who: Record<'bergen' | 'alver' | 'hospital' | 'gp', MemberDoc> = {} as never;

const DRAFT = (economy: string) => `# Strategi 2026–2029\n\n## Styrke samhandlingen\n\nFelles rutinar.\n\n## Økonomi\n\n${economy}\n`;
const linksOf = (replies: Reply[]) => replies.flatMap((r) => r.elements ?? []).flatMap((e) => (e.type === 'links' ? e.links : []));
async function member(partyKey: string, title: string): Promise<MemberDoc> {
  const party = await Party.findOne({ community: t.community._id, key: partyKey });
  return (await Member.findOne({ community: t.community._id, party: party!._id, title }))!;
}

beforeAll(async () => {
  t = await startTestApp({}, { runJobs: false });
  const community = t.community._id;
  const sec = await t.member(DEMO_SECRETARIAT_EMAIL);
  who.bergen = await member('bergen', 'Kommunalsjef helse');
  who.alver = await member('alver', 'Kommunalsjef helse');
  who.hospital = await member('helse-bergen', 'Fagdirektør');
  who.gp = (await Member.findOne({ community, title: 'Fastlege' }).sort({ _id: 1 }))!;
  const audience = { bodies: [], partyTypes: ['municipality', 'hospital_trust', 'gp'] as const, deadline: new Date(Date.now() + 7 * 86_400_000), actor: sec._id };
  const open = (v: VersionDoc) => openFeedback(t.app.services, v, { ...audience, partyTypes: [...audience.partyTypes] });

  const v1 = await open((await loadVersion({ community, title: 'Strategi 2026–2029', label: 'Utkast 1', markdown: DRAFT('Kostnadene delast.') })).version);
  const first = v1.sections[0]!.key;
  await giveFeedback(v1, who.bergen, first, { stance: 'supports_changes', comment: 'Tydelegare ansvar, takk.' });
  await giveFeedback(v1, who.hospital, first, { stance: 'supports' });

  v2 = await open(
    (
      await loadVersion({
        community,
        title: 'Strategi 2026–2029',
        label: 'Utkast 2',
        markdown: `${DRAFT('Kostnadene delast etter folketal.')}\n## Digitalisering\n\nFelles plattformer.\n`,
      })
    ).version,
  );
  const [together, economy] = [v2.sections[0]!.key, v2.sections[1]!.key];
  await giveFeedback(v2, who.bergen, together, { stance: 'supports', comment: 'Bergen støttar dette.' });
  await giveFeedback(v2, who.alver, together, { stance: 'supports_changes', proposal: 'Partane skal ha felles rutinar for utskriving innan 2027.' });
  await giveFeedback(v2, who.hospital, together, { stance: 'supports' });
  await giveFeedback(v2, who.hospital, economy, { stance: 'not_supports', comment: 'Fordelinga etter folketal tek ikkje omsyn til sjukehusets kostnader.' });
  await giveFeedback(v2, who.gp, GENERAL, { comment: 'Fastlegane må vere med i alle arbeidsgruppene.' });
});
afterAll(async () => t?.close());

describe('the strategy feedback report (.docx)', () => {
  it('comes from the overview’s «Rapport (Word)» and holds the stances by party type, the comments with their party and the comparison', async () => {
    const out = await t.app.core.receive(
      directMessage(t, DEMO_SECRETARIAT_EMAIL, { kind: 'action', action: { d: 'strategy', s: 'exp', a: { v: String(v2._id), f: 'docx' } }, eventId: `x${++n}` }),
    );
    const link = linksOf(out.replies)[0]!;
    expect(link.label).toBe('Last ned (Word)');
    const r = await fetch(link.url);
    expect(r.status).toBe(200);
    const d = readDocx(new Uint8Array(await r.arrayBuffer()));
    const name = (m: MemberDoc) => m.name;

    expect(d.paragraphs[0]).toMatchObject({ style: 'Title', text: 'Tilbakemeldinger på Strategi 2026–2029 (Utkast 2)' });
    expect(d.header).toContain('Følsomhet: Intern (gul)');
    expect(headings(d)).toEqual([
      '1 Hvem har svart',
      '1 1. Styrke samhandlingen',
      '2 Standpunkt per parttype',
      '2 Kommentarer og tekstforslag',
      `3 Alver kommune (${name(who.alver)}) — Støtter med endringer`,
      `3 Bergen kommune (${name(who.bergen)}) — Støtter`,
      '2 Sammenlignet med Utkast 1',
      '1 2. Økonomi',
      '2 Standpunkt per parttype',
      '2 Kommentarer og tekstforslag',
      `3 Helse Bergen HF (${name(who.hospital)}) — Støtter ikke`,
      '1 3. Digitalisering',
      '1 Generelle kommentarer',
      `3 Fastlegene (${name(who.gp)})`,
    ]);

    const [about, responded, together, compare, economy] = d.tables;
    expect(about).toContainEqual(['Versjon', 'Utkast 2']);
    expect(about).toContainEqual(['Forrige versjon', 'Utkast 1']);
    expect(about).toContainEqual(['Svar', '4 av 19 parter har svart']);
    expect(responded![0]).toEqual(['Type part', 'Har svart', 'Av', 'Mangler']);
    expect(responded).toContainEqual(['Helseforetak', '1', '1', '']);
    expect(together).toEqual([
      ['Type part', 'Støtter', 'Støtter med endringer', 'Støtter ikke', 'Ingen merknad'],
      ['Kommuner', '1', '1', '0', '0'],
      ['Helseforetak', '1', '0', '0', '0'],
      ['Totalt', '2', '1', '0', '0'],
    ]);
    expect(compare).toEqual([
      ['Standpunkt', 'Utkast 1', 'Utkast 2'],
      ['Støtter', '1', '2'],
      ['Støtter med endringer', '1', '1'],
      ['Støtter ikke', '0', '0'],
      ['Ingen merknad', '0', '0'],
      ['Totalt', '2', '3'],
    ]);
    expect(economy!.slice(1)).toEqual([
      ['Helseforetak', '0', '0', '1', '0'],
      ['Totalt', '0', '0', '1', '0'],
    ]);
    // A proposed wording is set apart under its party; the previous version's comments are kept beside.
    const i = d.paragraphs.findIndex((p) => p.text.startsWith('Alver kommune'));
    expect(d.paragraphs.slice(i + 1, i + 3).map((p) => p.text)).toEqual(['Tekstforslag:', 'Partane skal ha felles rutinar for utskriving innan 2027.']);
    expect(d.text).toContain('Tydelegare ansvar, takk.');
    expect(d.text).toContain('Fastlegane må vere med i alle arbeidsgruppene.');
    expect(d.paragraphs.find((p) => p.text.startsWith('3. Digitalisering'))).toBeTruthy();
    expect(d.text).toContain('Ingen tilbakemeldinger på denne delen ennå.');
  });

  it('the CSV and the Markdown report are written in the language of the member the link is for', async () => {
    const sec = await t.member(DEMO_SECRETARIAT_EMAIL);
    const fetchAs = async (lang: 'nb' | 'nn' | 'en', format: 'csv' | 'md') => {
      await Member.updateOne({ _id: sec._id }, { $set: { lang } });
      const url = await t.app.services.exports.link({ community: t.community._id, member: sec._id, kind: EXPORT_KIND, format, params: { version: String(v2._id) } });
      return (await fetch(url)).text();
    };
    try {
      expect(await fetchAs('nb', 'md')).toContain('## Hvem har svart');
      expect(await fetchAs('nn', 'md')).toContain('## Kven har svart');
      expect(await fetchAs('en', 'md')).toContain('## Who has responded');
      const header = (csv: string) =>
        csv
          .replace(/^\uFEFF/, '')
          .split('\n')[0]!
          .split(',');
      expect(header(await fetchAs('nn', 'csv'))).toContain('Standpunkt');
      expect(header(await fetchAs('en', 'csv'))).toContain('Stance');
    } finally {
      await Member.updateOne({ _id: sec._id }, { $set: { lang: sec.lang ?? null } });
    }
  });

  it('of a draft not yet sent out says so, rather than «0 av 0 har svart»', async () => {
    const { version } = await loadVersion({ community: t.community._id, title: 'Ny plan', label: 'Utkast 1', markdown: DRAFT('Ikkje sendt ut.') });
    const d = await download(t, EXPORT_KIND, { version: String(version._id) });
    expect(d.text).toContain('Utkastet er ikke sendt ut for tilbakemelding ennå.');
    expect(d.text).not.toMatch(/0 av 0/);
  });

  it('never holds an identity number: the feedback form refuses one, and one in the data anyway is blacked out', async () => {
    const key = v2.sections[2]!.key;
    const sent = await t.app.core.receive(
      directMessage(t, who.alver.email, {
        kind: 'submit',
        action: { d: 'strategy', s: 'fb', a: { v: String(v2._id), k: key } },
        values: { stance: 'supports', comment: `Sjå journalen til 150765 00565.`, proposal: '' },
        eventId: `x${++n}`,
      }),
    );
    expect(JSON.stringify(sent.rejectedForm?.errors ?? {})).toMatch(/fødselsnummer/);
    expect(await Feedback.countDocuments({ version: v2._id, section: key })).toBe(0);

    await Feedback.updateOne({ version: v2._id, member: who.hospital._id, section: v2.sections[1]!.key }, { $set: { comment: `Gammal merknad om ${FNR}.` } });
    const d = await download(t, EXPORT_KIND, { version: String(v2._id) });
    expect(d.text).toContain('Gammal merknad om [fødselsnummer].');
    expect(digitsOf(d)).not.toContain(FNR);
  });
});
