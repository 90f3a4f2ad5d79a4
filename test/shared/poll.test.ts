/**
 * Polls through every platform: the secretariat creates a poll in SSU's channel, members vote
 * with one tap or a form (duplicates refused, values kept), an observer is told why not, the
 * poll closes by hand with results in the channel, and a late vote is refused clearly.
 */
import { beforeAll, expect, it } from 'vitest';
import { Member } from '../../models/member.js';
import { Vote } from '../../models/vote.js';
import { Poll } from '../../models/poll.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { texts, type ChatUser } from '../support/driver.js';
import { forEachPlatform } from '../support/platforms.js';

const QUESTION = 'Kva modell for toppleiarmøtet vil de ha?';
const RANKING = 'Ranger tiltaka for rekruttering';

forEachPlatform('polls', (ctx) => {
  let sara: ChatUser;
  let etat: ChatUser; // Bergen kommune, member of SSU
  let fag: ChatUser; // Helse Bergen, member of SSU
  let ks: ChatUser; // KS: observer on SSU

  const byTitle = async (title: string) => (await Member.findOne({ community: ctx.t.community._id, title }))!.email;

  beforeAll(async () => {
    sara = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    etat = await ctx.d.user(await byTitle('Etatsdirektør'));
    fag = await ctx.d.user(await byTitle('Fagdirektør'));
    ks = await ctx.d.user(await byTitle('Rådgiver, KS Vestland'));
  });

  it('the secretariat creates a single-choice poll in the channel, and it is posted there with buttons', async () => {
    const form = await sara.say('avstemning ny', { channel: 'ssu' });
    expect(form.some((s) => s.form)).toBe(true);
    const done = texts(await sara.submit({ question: QUESTION, type: 'single', options: 'Modell A\nModell B\nModell C', closesAt: '' }));
    expect(done).toContain('Avstemning #1 er lagt ut i kanalen til Strategisk samarbeidsutvalg');
    const posted = await ctx.d.channel('ssu');
    const msg = posted.find((s) => s.text.includes(QUESTION));
    expect(msg, 'the poll in the channel').toBeTruthy();
    expect(msg!.buttons).toEqual(expect.arrayContaining(['Modell A', 'Modell B', 'Modell C']));
  });

  it('a member votes with one tap and can change the vote; a double click changes nothing', async () => {
    await etat.say('avstemning');
    expect(texts(await etat.click('Modell B'))).toContain('stemmen din er registrert: «Modell B»');
    await etat.say('avstemning');
    expect(texts(await etat.click('Modell C'))).toContain('endret til: «Modell C»');
    await etat.say('avstemning');
    expect(texts(await etat.click('Modell C'))).toContain('allerede registrert');
    const poll = (await Poll.findOne({ community: ctx.t.community._id, number: 1 }))!;
    expect(await Vote.countDocuments({ poll: poll._id })).toBe(1);
  });

  it('an observer gets a private explanation instead of a vote', async () => {
    await ks.say('avstemning');
    const out = texts(await ks.click('Modell A'));
    expect(out).toContain('Observatører stemmer ikke i denne avstemningen');
  });

  it('ranking through a form: the same option twice is refused with the choices kept, then accepted', async () => {
    await sara.say('avstemning ny', { channel: 'ssu' });
    const created = texts(await sara.submit({ question: RANKING, type: 'ranking', options: 'Lønn\nTurnus\nKompetanse' }));
    expect(created).toContain('Avstemning #2');
    await ctx.d.channel('ssu');

    await fag.say('avstemning 2');
    const opened = await fag.click('Ranger alternativene');
    expect(opened.some((s) => s.form)).toBe(true);
    const bad = await fag.submit({ rank1: '2', rank2: '2', rank3: '1' });
    const badForm = bad.find((s) => s.form)?.form;
    expect(badForm?.errors.rank2).toContain('«Turnus» står allerede på plass 1');
    expect(badForm?.values.rank1).toBe('2');
    const ok = texts(await fag.submit({ rank1: '2', rank2: '3', rank3: '1' }));
    expect(ok).toContain('1. Turnus, 2. Kompetanse, 3. Lønn');
  });

  it('closing by hand posts the results in the channel, and a vote after close is refused', async () => {
    await fag.say('avstemning 1');
    await fag.click('Modell C');
    expect(texts(await sara.say('avstemning lukk 1'))).toContain('Avstemning #1 er stengt');
    const results = texts(await ctx.d.channel('ssu'));
    expect(results).toContain(`Resultat: ${QUESTION}`);
    expect(results).toMatch(/Modell C[\s\S]*2/);
    expect(results).toMatch(/2 av 11 medlemmer har stemt/);
    const late = texts(await etat.click('Legg til begrunnelse'));
    expect(late).toContain('så du kan ikke lenger stemme eller endre stemmen din');
  });
});
