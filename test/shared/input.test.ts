/**
 * Input rounds through every platform: the secretariat opens a round, members are invited in a
 * DM, answer (with bad input on the way), reminders reach only parties that have not answered,
 * free input without a round, withdrawing one's own, a late answer refused with the text kept,
 * and the summary with its export link.
 */
import { beforeAll, expect, it } from 'vitest';
import { FanOutRecipient } from '../../models/fanout.js';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { Contribution } from '../../models/contribution.js';
import { Draft } from '../../models/draft.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { toInputDateTime } from '../../src/time.js';
import { linkUrl, texts, type ChatUser, type Seen } from '../support/driver.js';
import { forEachPlatform } from '../support/platforms.js';
import { until } from '../support/wait.js';

const TITLE = 'Strategiske utfordringar 2026';
const QUESTION = 'Kva er dei største strategiske utfordringane for dykk og for helsefellesskapet?';

forEachPlatform('input rounds', { FANOUT_PER_SECOND: '50' }, (ctx) => {
  let sara: ChatUser;
  /** Everything each user got on their own so far (inbox() empties the platform's list). */
  const got = new Map<string, Seen[]>();

  async function inbox(u: ChatUser): Promise<string> {
    const list = got.get(u.email) ?? [];
    list.push(...(await u.inbox()));
    got.set(u.email, list);
    return texts(list);
  }

  async function emailOf(partyKey: string, title?: string): Promise<string> {
    const party = await Party.findOne({ community: ctx.t.community._id, key: partyKey });
    const m = await Member.findOne({ community: ctx.t.community._id, party: party!._id, ...(title ? { title } : {}) }).sort({ _id: 1 });
    return m!.email;
  }

  async function fanoutsDone(prefix: RegExp): Promise<boolean> {
    const rows = await FanOutRecipient.find({ key: prefix });
    return rows.length > 0 && rows.every((r) => r.state !== 'pending' && r.state !== 'sending');
  }

  let fedje: ChatUser; // nynorsk, Fedje kommune
  let bergen: ChatUser; // bokmål, Bergen kommune
  let bergen2: ChatUser; // another member for Bergen
  let askoy: ChatUser; // Askøy kommune, will not answer
  let ks: ChatUser; // KS: outside the audience

  beforeAll(async () => {
    sara = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    // Every user the test follows is known to the platform before the invitations go out.
    fedje = await ctx.d.user(await emailOf('fedje'));
    bergen = await ctx.d.user(await emailOf('bergen', 'Kommunalsjef helse'));
    bergen2 = await ctx.d.user(await emailOf('bergen', 'Etatsdirektør'));
    askoy = await ctx.d.user(await emailOf('askoy', 'Kommunalsjef helse'));
    ks = await ctx.d.user(await emailOf('ks'));
  });

  it('the secretariat opens a round with a form, and every municipality member is invited in their language', async () => {
    const form = await sara.say('innspill ny');
    expect(form.at(-1)?.form?.title).toBe('Ny innspillsrunde');
    const deadline = new Date(Date.now() + 10 * 86_400_000);
    const out = texts(
      await sara.submit({
        title: TITLE,
        question: QUESTION,
        themes: 'Rekruttering\nDigitalisering, Økonomi',
        bodies: ['mfu'],
        partyTypes: ['municipality'],
        opens: '',
        deadline: toInputDateTime(deadline),
        reminders: [],
      }),
    );
    expect(out).toContain(`Runde 1 «${TITLE}» er åpnet`);
    expect(out).toMatch(/Invitasjoner sendes til \d+ medlemmer i 20 parter/);

    const nn = await until('Fedje’s invitation', async () => (await inbox(fedje)).includes(QUESTION) && inbox(fedje), 45_000);
    expect(nn).toContain(`Innspel ønskt: ${TITLE}`);
    expect(nn).toContain('Sekretariatet ber om innspel innan');
    expect(nn).toMatch(/kl\. \d\d:\d\d/);
    const nb = await until('Bergen’s invitation', async () => (await inbox(bergen)).includes(QUESTION) && inbox(bergen), 45_000);
    expect(nb).toContain(`Innspill ønskes: ${TITLE}`);
    expect(got.get(fedje.email)!.flatMap((s) => s.buttons)).toContain('Svar');
    expect(await inbox(ks)).not.toContain(QUESTION);
  });

  it('a member answers with text, themes and priority groups; the party counts as answered', async () => {
    const seen = await fedje.say('innspel');
    const form = seen.at(-1)?.form;
    expect(form?.title).toBe('Innspelet ditt');
    expect(texts(seen)).toContain('Fedje kommune har ikkje svart enno');
    const out = texts(await fedje.submit({ text: 'Vi treng fleire fastlegar og betre samhandling om skrøpelege eldre.', themes: ['t0'], groups: ['frail_elderly', 'chronic'] }));
    expect(out).toContain(`Takk! Innspelet ditt til «${TITLE}» er lagra for Fedje kommune`);
  });

  it('bad input is explained in the member’s language, and what was typed is kept', async () => {
    await bergen.say('innspill');
    let seen = await bergen.submit({ text: '', themes: ['t0'], groups: ['children'] });
    expect(seen.at(-1)?.form?.errors.text).toBe('Fyll ut dette feltet.');

    const long = 'Lang tekst. '.repeat(400);
    seen = await bergen.submit({ text: long });
    expect(seen.at(-1)?.form?.errors.text).toMatch(/For langt: \d+ tegn, maks 4000/);
    // Kept as typed (in Slack over two boxes, so compared word by word).
    expect(String(seen.at(-1)?.form?.values.text).split(/\s+/).filter(Boolean)).toEqual(long.split(/\s+/).filter(Boolean));

    seen = await bergen.submit({ text: 'Pasient 15076500565 ventar på sjukeheimsplass.' });
    expect(seen.at(-1)?.form?.errors.text).toContain('fødselsnummer');
    expect(await Contribution.countDocuments({ text: /15076500565/ })).toBe(0);
    // The draft keeps the rest of what was typed, with the number blacked out: nothing else is lost.
    const drafts = await Draft.find({ community: ctx.t.community._id, 'values.text': /^Pasient / }).lean();
    expect(drafts.map((d) => (d.values as { text?: string }).text)).toEqual(['Pasient [fødselsnummer] ventar på sjukeheimsplass.']);

    // Only the text is fixed; the themes and groups chosen first are still there. It is long
    // (about 3,600 characters: more than Slack takes in one box) and is stored whole on every platform.
    const full = [
      'Rekruttering av sykepleiere er den største utfordringen.',
      'Vi mangler sykepleiere i hjemmetjenesten og på sykehjemmene, og konkurrerer med sykehuset om de samme folkene. '.repeat(16).trim(),
      'Vi foreslår en felles rekrutteringsstrategi for helsefellesskapet, med rotasjonsstillinger og felles kompetansetiltak. '.repeat(15).trim(),
    ].join('\n\n');
    expect(full.length).toBeGreaterThan(3000);
    expect(full.length).toBeLessThanOrEqual(4000);
    const ok = texts(await bergen.submit({ text: full }));
    expect(ok).toContain('er lagret for Bergen kommune');
    expect(await Contribution.countDocuments({ community: ctx.t.community._id, text: full })).toBe(1);
  });

  it('status shows progress by party type, and reminders reach only the parties that have not answered', async () => {
    const status = texts(await sara.say('innspill status'));
    expect(status).toContain('Kommuner: 2 av 17 har svart — mangler:');
    expect(status).toContain('Askøy kommune');
    const missing = status.slice(status.indexOf('Kommuner: 2 av 17'));
    expect(missing.split('\n')[0]).not.toContain('Fedje kommune');

    const out = texts(await sara.say('innspill påminn'));
    expect(out).toMatch(/Påminnelser sendes til \d+ medlemmer i 18 parter/);
    await until('the reminders to be sent', () => fanoutsDone(/^round:.*:nudge:/), 45_000);
    expect(await inbox(askoy)).toContain('Påminnelse: Askøy kommune har ikke svart');
    expect(await inbox(fedje)).not.toMatch(/Påminning|Påminnelse/);
    expect(await inbox(bergen2)).not.toMatch(/Påminnelse/);
  });

  it('with no open round for them, «innspill» sends free input to a body, which the secretariat sees', async () => {
    // Asked for by one who has a round open: free input is their choice, not «no round for you».
    const withRound = texts(await askoy.say('innspill fritt'));
    expect(withRound).toContain('utenom innspillsrundene');
    expect(withRound).not.toContain('ingen åpen innspillsrunde');
    const seen = await ks.say('innspill');
    expect(texts(seen)).toContain('ingen åpen innspillsrunde for deg');
    const out = texts(await ks.submit({ body: 'ssu', text: 'KS ønsker en felles plan for kompetanse.', groups: [] }));
    expect(out).toContain('sendt til Strategisk samarbeidsutvalg');
    const listSeen = await sara.say('innspill frie');
    const list = texts(listSeen);
    expect(list).toContain('KS ønsker en felles plan for kompetanse.');
    // All of it as CSV and Excel, through labelled links only the secretariat can use.
    expect(list).toContain('Alle frie innspill');
    const [csv, xlsx] = [linkUrl(listSeen, 'CSV'), linkUrl(listSeen, 'Excel')];
    expect(csv).toMatch(/\/exports\//);
    if (ctx.d.platform !== 'console') expect(list).not.toMatch(/\/(meetings|exports)\//);
    const res = await fetch(csv!);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('Strategisk samarbeidsutvalg');
    expect(body).toContain('KS ønsker en felles plan for kompetanse.');
    expect((await fetch(xlsx!)).headers.get('content-type')).toContain('spreadsheetml');
  });

  it('a member withdraws their own input and takes it back until the deadline', async () => {
    expect(texts(await bergen.say('innspill mine'))).toContain('Rekruttering av sykepleiere');
    expect(texts(await bergen.click('Trekk tilbake'))).toContain('er trukket tilbake');
    expect(texts(await sara.say('innspill status'))).toContain('Kommuner: 1 av 17 har svart');
    expect(texts(await bergen.click('Angre'))).toContain('er tilbake');
    expect(texts(await sara.say('innspill status'))).toContain('Kommuner: 2 av 17 har svart');
  });

  it('an answer sent after the round closed is refused with a clear message, and the text is kept', async () => {
    expect((await askoy.say('innspill')).at(-1)?.form).toBeTruthy();
    await sara.say('innspill steng');
    expect(texts(await sara.click('Ja, steng'))).toContain(`«${TITLE}» er stengt: 2 innspill fra 2 av 20 parter`);
    const seen = await askoy.submit({ text: 'Vi rakk det nesten.' });
    const form = seen.at(-1)?.form;
    // A whole-form error: Slack shows it under the first field, the others above the form.
    expect(Object.values(form?.errors ?? {}).join(' ')).toContain(`Runden «${TITLE}» ble stengt`);
    expect(form?.values.text).toBe('Vi rakk det nesten.');
    expect(await Contribution.countDocuments({ text: 'Vi rakk det nesten.' })).toBe(0);

    // Closed before its deadline: the parties still missing are told; those who answered are not bothered.
    await until('the closing notice', async () => (await inbox(askoy)).includes(`Sekretariatet har stengt runden «${TITLE}» før fristen`), 45_000);
    await until('the closing notices to be sent', () => fanoutsDone(/^round:.*:closed:/), 45_000);
    expect(await inbox(fedje)).not.toContain('før fristen');
    expect(await inbox(bergen2)).not.toContain('før fristen');
  });

  it('the summary counts by party type, theme and priority group, with a CSV link only the secretariat can use', async () => {
    const outSeen = await sara.say('innspill sammendrag 1');
    const out = texts(outSeen);
    expect(out).toContain(`Sammendrag av «${TITLE}»: 2 innspill fra 2 av 20 parter`);
    expect(out).toMatch(/Kommuner\D*2/);
    expect(out).toMatch(/Rekruttering\D*2/);
    expect(out).toMatch(/Skrøpelige eldre\D*1/);
    expect(out).toMatch(/Barn og unge\D*1/);
    const csv = linkUrl(outSeen, 'CSV');
    expect(csv).toMatch(/\/exports\//);
    if (ctx.d.platform !== 'console') expect(out).not.toMatch(/\/(meetings|exports)\//);
    const res = await fetch(csv!);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('Fedje kommune');
    expect(body).toContain('Rekruttering av sykepleiere er den største utfordringen.');
  });
});
