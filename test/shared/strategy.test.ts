/**
 * Strategy feedback through every platform: the secretariat loads a draft and a second version
 * (changed sections detected), opens feedback; a member walks the draft over several sessions with
 * a restart in between; bad input is refused with nothing lost; the secretariat sees stances by
 * party type and who has responded; reminders reach only members whose party has not responded;
 * the exports download; decisions and political anchoring are recorded.
 */
import { beforeAll, expect, it } from 'vitest';
import { Feedback } from '../../models/feedback.js';
import { Strategy, StrategyVersion } from '../../models/strategy.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { toInputDateTime } from '../../src/time.js';
import { sendReminders } from '../../dialogs/strategy/periods.js';
import { linkUrl, texts, type Seen } from '../support/driver.js';
import { forEachPlatform } from '../support/platforms.js';
import { fakeNationalId, memberByTitle, restart } from '../support/strategy-helpers.js';
import { until } from '../support/wait.js';

const SEC = DEMO_SECRETARIAT_EMAIL;

const V1 = `# Teststrategi 2026

Innledning til utkastet.

## Styrke samhandlingen

Vi skal samarbeide bedre på tvers av nivåene.

## Prioriteringer

Barn og unge først.

## Økonomi

Vi skal bruke ressursene klokt.
`;

const V2 = `# Teststrategi 2026

Innledning til utkastet.

## Styrke samhandlingen

Vi skal samarbeide bedre på tvers av nivåene.

## Prioriteringer

Barn og unge, skrøpelige eldre og personer med alvorlig psykisk lidelse først.

## Digitalisering/teknologi

Felles digitale løsninger.
`;

const inAWeek = () => toInputDateTime(new Date(Date.now() + 7 * 86400_000));

forEachPlatform('strategy feedback', (ctx) => {
  let bergen: string; // Etatsdirektør, Bergen kommune (SSU)
  let hds: string; // Direktør, Haraldsplass (SSU)
  let askoy: string; // Kommunalsjef helse, Askøy kommune (SSU)
  let bergenLeader: string; // Kommunalsjef helse, Bergen kommune (SSU, the same party as «bergen»)

  beforeAll(async () => {
    bergen = await memberByTitle(ctx.t, 'Etatsdirektør');
    hds = await memberByTitle(ctx.t, 'Direktør', 'hds');
    askoy = await memberByTitle(ctx.t, 'Kommunalsjef helse', 'askoy');
    bergenLeader = await memberByTitle(ctx.t, 'Kommunalsjef helse', 'bergen');
  });

  const version = async (label: string) => (await StrategyVersion.findOne({ community: ctx.t.community._id, label }))!;

  it('the secretariat loads a draft from pasted Markdown and opens it for SSU', async () => {
    const sec = await ctx.d.user(SEC);
    const form = await sec.say('strategi ny');
    expect(form.some((s) => s.form)).toBe(true);
    const loaded = texts(await sec.submit({ title: 'Teststrategi 2026', label: 'Utkast 1', markdown: V1 }));
    expect(loaded).toContain('Lastet inn Teststrategi 2026 — Utkast 1 (3 deler)');

    await sec.click('Åpne for tilbakemelding');
    const opened = texts(await sec.submit({ bodies: ['ssu'], types: [], deadline: inAWeek(), reminder: '' }));
    expect(opened).toContain('Utkast 1 er åpen for tilbakemelding til');
    expect(opened).toMatch(/Kommuner: 0 av 4 har svart/);

    const invited = await until('the invitation', async () => {
      const inbox = await (await ctx.d.user(askoy)).inbox();
      return inbox.find((s) => s.text.includes('ber om tilbakemeldingen din på Teststrategi 2026'));
    });
    expect(invited.buttons).toContain('Gi tilbakemelding');
    expect(texts(await (await ctx.d.user(askoy)).say('status'))).toContain('Teststrategi 2026 (Utkast 1): tilbakemelding innen');
  });

  it('a member walks the draft over two sessions, with a restart in between', async () => {
    let u = await ctx.d.user(bergen);
    const first = texts(await u.say('tilbakemelding'));
    expect(first).toContain('Teststrategi 2026 (Utkast 1) har 3 deler');
    expect(first).toContain('Styrke samhandlingen');
    expect(first).toContain('Vi skal samarbeide bedre');

    const second = texts(await u.click(/^Støtter$/));
    expect(second).toContain('Lagret for «Styrke samhandlingen»: Støtter.');
    expect(second).toContain('Prioriteringer');
    expect(second).toContain('Del 2 av 3');

    await u.click('Kommentar / tekstforslag');
    const third = texts(await u.submit({ stance: 'supports_changes', comment: 'Ta med skrøpelige eldre.', proposal: 'Barn og unge og skrøpelige eldre først.' }));
    expect(third).toContain('Lagret for «Prioriteringer»: Støtter med endringer');
    expect(third).toContain('Økonomi');

    // A restart: the next session continues at «Økonomi», from the database.
    await ctx.d.close();
    ctx.t = await restart(ctx.t);
    ctx.d = await ctx.makeDriver(ctx.t);
    u = await ctx.d.user(bergen);
    const back = texts(await u.say('tilbakemelding'));
    expect(back).toContain('Velkommen tilbake');
    expect(back).toContain('Økonomi');
    expect(back).toContain('Del 3 av 3');

    const prev = texts(await u.click('← Forrige'));
    expect(prev).toContain('Din tilbakemelding: Støtter med endringer');
    const jumped = texts(await u.click(/1\. Styrke samhandlingen/));
    expect(jumped).toContain('Din tilbakemelding: Støtter');
    expect(jumped).toContain('Del 1 av 3');
    // Change the answer (until the deadline).
    const changed = texts(await u.click(/^Støtter ikke$/));
    expect(changed).toContain('Lagret for «Styrke samhandlingen»: Støtter ikke.');

    await u.click(/3\. Økonomi/);
    const end = texts(await u.click('Hopp over'));
    expect(end).toContain('Du har gått gjennom alle 3 delene og svart på 2');
    await u.click('Generell kommentar');
    expect(texts(await u.submit({ comment: 'Kort og godt utkast.' }))).toContain('Den generelle kommentaren din er lagret');
    expect(texts(await u.click('Ferdig'))).toContain('Takk!');

    const rows = await Feedback.find({ version: (await version('Utkast 1'))._id }).lean();
    expect(rows.map((r) => [r.section.length > 0, r.stance]).filter((x) => x[1])).toHaveLength(2);
    expect(rows.find((r) => r.section === '_general')?.comment).toBe('Kort og godt utkast.');
  });

  it('bad input: an identity number and too long a wording are refused with what was typed kept', async () => {
    const u = await ctx.d.user(hds);
    await u.say('tilbakemelding');
    await u.click('Kommentar / tekstforslag');
    const withId = await u.submit({ stance: 'not_supports', comment: `Gjelder pasient ${fakeNationalId()}.`, proposal: 'Kortere tekst.' });
    const idForm = withId.find((s) => s.form)?.form;
    expect(idForm?.errors.comment).toContain('fødselsnummer');
    expect(idForm?.values.proposal).toBe('Kortere tekst.');
    const ok = texts(await u.submit({ stance: 'not_supports', comment: 'Uenig i retningen.', proposal: 'Kortere tekst.' }));
    expect(ok).toContain('Lagret for «Styrke samhandlingen»: Støtter ikke');

    await u.click('← Forrige');
    await u.click('Kommentar / tekstforslag');
    const tooLong = await u.submit({ stance: 'not_supports', comment: 'Uenig i retningen.', proposal: 'x'.repeat(4001) });
    const longForm = tooLong.find((s) => s.form)?.form;
    // In Slack the text spans two boxes (3,000 characters each), whose joining line break counts too.
    expect(longForm?.errors.proposal).toMatch(ctx.d.platform === 'slack' ? /For langt: 4002 tegn, maks 4000/ : /For langt: 4001 tegn, maks 4000/);
    expect(longForm?.values.comment).toBe('Uenig i retningen.');
    const fixed = texts(await u.submit({ stance: 'not_supports', comment: 'Uenig i retningen.', proposal: 'Kortere tekst, igjen.' }));
    expect(fixed).toContain('Lagret for «Styrke samhandlingen»: Støtter ikke');
  });

  it('bad input: after the deadline nothing is saved, and the form keeps what was typed', async () => {
    const u = await ctx.d.user(askoy);
    await u.say('tilbakemelding');
    await u.click('Kommentar / tekstforslag');
    const v = await version('Utkast 1');
    const deadline = v.deadline!;
    await StrategyVersion.updateOne({ _id: v._id }, { $set: { deadline: new Date(Date.now() - 60_000) } });
    try {
      const late = await u.submit({ stance: 'supports', comment: 'Sent svar.', proposal: '' });
      const form = late.find((s) => s.form)?.form;
      expect(form?.errors._form ?? texts(late)).toContain('Fristen for tilbakemelding');
      expect(form?.values.comment).toBe('Sent svar.');
      expect(await Feedback.countDocuments({ version: v._id, comment: 'Sent svar.' })).toBe(0);
    } finally {
      await StrategyVersion.updateOne({ _id: v._id }, { $set: { deadline } });
    }
  });

  it('the secretariat sees stances by party type, comments with their party, and who has responded', async () => {
    const sec = await ctx.d.user(SEC);
    await sec.say('strategi');
    const ov = texts(await sec.click('Oversikt Utkast 1'));
    expect(ov).toMatch(/Kommuner: 1 av 4 har svart — mangler: Alver kommune, Askøy kommune, Voss herad/);
    expect(ov).toMatch(/Private ideelle sykehus: 1 av 2 har svart/);
    expect(ov).toMatch(/1\. Styrke samhandlingen — Støtter 0 · Støtter med endringer 0 · Støtter ikke 2/);

    const detail = texts(await sec.click(/2\. Prioriteringer/));
    expect(detail).toContain('Bergen kommune');
    expect(detail).toContain('Ta med skrøpelige eldre.');
    expect(detail).toContain('Tekstforslag');
    expect(detail).toContain('Barn og unge og skrøpelige eldre først.');
    expect(detail).toMatch(/Kommuner:?\s+Støtter 0 · Støtter med endringer 1/);
  });

  it('reminders go only to members whose party has not responded', async () => {
    // Read what came before (the invitations).
    for (const e of [bergen, bergenLeader, hds, askoy]) await (await ctx.d.user(e)).inbox();
    const v = await version('Utkast 1');
    await sendReminders(ctx.t.app.services, String(v._id), 7);
    await until('the reminder fan-out', async () => {
      const p = await ctx.t.app.services.fanout.progress(`strategy:${String(v._id)}:remind:7`);
      return p.pending === 0 && p.sending === 0 && p.sent + p.skipped > 0;
    });
    const got = async (email: string) => (await (await ctx.d.user(email)).inbox()).some((s: Seen) => s.text.includes('Påminnelse: parten din har ikke gitt tilbakemelding'));
    expect(await got(askoy)).toBe(true);
    expect(await got(bergen)).toBe(false);
    expect(await got(bergenLeader)).toBe(false); // same party as a member who answered
    expect(await got(hds)).toBe(false);
  });

  it('exports all feedback as CSV and Excel, and a Markdown report ordered by section', async () => {
    const sec = await ctx.d.user(SEC);
    await sec.say('strategi');
    await sec.click('Oversikt Utkast 1');
    const link = (seen: Seen[]) => {
      if (ctx.d.platform !== 'console') expect(texts(seen)).not.toMatch(/\/(meetings|exports)\//);
      return linkUrl(seen, 'Last ned');
    };
    const csvUrl = link(await sec.click('CSV'));
    expect(csvUrl).toBeTruthy();
    const csv = await fetch(csvUrl!);
    expect(csv.status).toBe(200);
    const body = await csv.text();
    expect(body).toContain('Bergen kommune');
    expect(body).toContain('Ta med skrøpelige eldre.');
    expect(body).toContain('Haraldsplass Diakonale Sykehus');

    const xlsx = await fetch(link(await sec.click('Excel'))!);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const md = await (await fetch(link(await sec.click('Rapport'))!)).text();
    expect(md).toContain('# Teststrategi 2026 — Utkast 1');
    expect(md.indexOf('## 1. Styrke samhandlingen')).toBeLessThan(md.indexOf('## 2. Prioriteringer'));
    expect(md).toContain('### Bergen kommune');
    expect(md).toContain('> Barn og unge og skrøpelige eldre først.');
    expect(md).toContain('Kort og godt utkast.');
  });

  it('a second version keeps section identity, says what changed, and compares feedback on unchanged sections', async () => {
    const sec = await ctx.d.user(SEC);
    await sec.say('strategi');
    await sec.click('Oversikt Utkast 1');
    await sec.click('Ny versjon');
    const loaded = texts(await sec.submit({ label: 'Utkast 2', markdown: V2 }));
    expect(loaded).toContain('Lastet inn Teststrategi 2026 — Utkast 2 (3 deler)');
    expect(loaded).toContain('Siden Utkast 1: endret Prioriteringer; nye Digitalisering/teknologi; uendret Styrke samhandlingen; fjernet Økonomi.');

    const [v1, v2] = [await version('Utkast 1'), await version('Utkast 2')];
    expect(String(v2.strategy)).toBe(String(v1.strategy));
    expect(v2.sections[0]!.key).toBe(v1.sections[0]!.key);
    expect(v2.sections[1]!.key).toBe(v1.sections[1]!.key);

    await sec.click('Åpne for tilbakemelding');
    expect(texts(await sec.submit({ bodies: ['ssu'], types: [], deadline: inAWeek(), reminder: '' }))).toContain('Utkast 2 er åpen');
    expect((await version('Utkast 1')).state).toBe('closed');

    const u = await ctx.d.user(bergen);
    const walk = texts(await u.say('tilbakemelding'));
    expect(walk).toContain('Uendret siden Utkast 1');
    await u.click(/^Støtter$/);

    await sec.say('strategi');
    await sec.click('Oversikt Utkast 2');
    const cmp = texts(await sec.click('Sammenlign med Utkast 1'));
    expect(cmp).toContain('Styrke samhandlingen');
    expect(cmp).toMatch(/Utkast 1: Støtter 0 · Støtter med endringer 0 · Støtter ikke 2/);
    expect(cmp).toMatch(/Utkast 2: Støtter 1 · /);
    expect(cmp).not.toContain('Prioriteringer');
  });

  it('SSU approves, Partnerskapsmøtet endorses, and the municipalities are asked to anchor it', async () => {
    const sec = await ctx.d.user(SEC);
    await sec.say('strategi');
    await sec.click('Oversikt Utkast 2');
    await sec.click('Registrer vedtak');
    expect(texts(await sec.submit({ kind: 'approved', date: '2026-01-20', reference: 'SSU-sak 3/26' }))).toContain('Registrert: Godkjent (SSU)');
    await sec.click('Registrer vedtak');
    const endorsed = texts(await sec.submit({ kind: 'endorsed', date: '2026-02-15', reference: '' }));
    expect(endorsed).toContain('Godkjent av Strategisk samarbeidsutvalg');
    expect(endorsed).toContain('Tilslutning fra Partnerskapsmøtet');
    const sent = texts(await sec.click('Send til kommunene for politisk forankring'));
    expect(sent).toContain('Sendt til 17 kommuner');
    expect(sent).toContain('0 av 17 parter har fattet vedtak');
    expect(await Strategy.countDocuments({ community: ctx.t.community._id })).toBe(1);
  });
});
