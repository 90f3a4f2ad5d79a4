/** hjelp, status, språk and unknown commands, through every platform. */
import { expect, it } from 'vitest';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { TestApp } from '../support/app.js';
import { texts } from '../support/driver.js';
import { forEachPlatform } from '../support/platforms.js';

forEachPlatform('basics', (ctx) => {
  it('hjelp shows the secretariat its channel command, in bokmål', async () => {
    const u = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    const out = texts(await u.say('hjelp'));
    expect(out).toContain('Dette kan du gjøre med Samla');
    // The command's placeholder is shown (not taken for markup), and each capability once.
    expect(out).toContain('kanal <organ>');
    expect(out.match(/hjelp.*: denne oversikten/g)).toHaveLength(1);
  });

  it('status lists a member’s party and bodies with roles', async () => {
    const gp = await findByTitle(ctx.t, 'Fastlege');
    const u = await ctx.d.user(gp);
    const out = texts(await u.say('status'));
    expect(out).toContain('Fastlegene');
    expect(out).toMatch(/Strategisk samarbeidsutvalg: observatør med forslagsrett/);
    expect(out).not.toContain('kanal <organ>');
  });

  it('språk nn switches the language, and the next answer is in nynorsk', async () => {
    const email = await findByTitle(ctx.t, 'Direktør');
    const u = await ctx.d.user(email);
    expect(texts(await u.say('språk nn'))).toContain('nynorsk');
    expect(texts(await u.say('hjelp'))).toContain('Dette kan du gjere med Samla');
    expect(texts(await u.say('language en'))).toContain('English');
    expect(texts(await u.say('status'))).toContain('Your bodies');
  });

  it('språk without a value offers the three languages as buttons', async () => {
    const u = await ctx.d.user(await findByTitle(ctx.t, 'Ordfører'));
    const seen = await u.say('språk');
    expect(seen.flatMap((s) => s.buttons)).toEqual(['Bokmål', 'Nynorsk', 'English']);
    expect(texts(await u.click('Nynorsk'))).toContain('nynorsk');
  });

  it('an unknown command gets the nearest known one', async () => {
    const u = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    const out = texts(await u.say('staus'));
    expect(out).toContain('«staus»');
    expect(out).toContain('Mente du «status»?');
  });

  it('demo lists the demo members, and only the console is told about SAMLA_USER', async () => {
    const u = await ctx.d.user(DEMO_SECRETARIAT_EMAIL);
    const out = texts(await u.say('demo'));
    expect(out).toContain(DEMO_SECRETARIAT_EMAIL);
    if (ctx.d.platform === 'console') expect(out).toContain('SAMLA_USER=');
    else {
      expect(out).not.toContain('SAMLA_USER');
      expect(out).not.toMatch(/konsoll/i);
      expect(out).toContain('e-postadresse');
    }
  });

  it('someone not in the directory is told whom to contact, and nothing else', async () => {
    const u = await ctx.d.user('stranger@example.com');
    const out = texts(await u.say('status'));
    expect(out).toContain('finner deg ikke i medlemsregisteret');
    expect(out).toContain('sekretariatet@demo.samla.no');
    expect(out).not.toContain('Hei ');
  });
});

async function findByTitle(t: TestApp, title: string): Promise<string> {
  const { Member } = await import('../../models/member.js');
  const m = await Member.findOne({ community: t.community._id, title });
  if (!m) throw new Error(`no demo member titled ${title}`);
  return m.email;
}
