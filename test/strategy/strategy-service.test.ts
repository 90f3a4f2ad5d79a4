/**
 * The strategy domain on the real database: parsing drafts, section identity across versions,
 * the demo draft, the feedback rules, concurrent taps, long sections, and the scheduled reminders
 * (only to parties that have not responded) and closing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Feedback } from '../../models/feedback.js';
import { Party } from '../../models/party.js';
import { Strategy, StrategyVersion } from '../../models/strategy.js';
import { parseDraft, splitText } from '../../dialogs/strategy/markdown.js';
import { DEMO_STRATEGY_TITLE, seedDemoStrategy } from '../../dialogs/strategy/demo.js';
import { StrategyError } from '../../dialogs/strategy/errors.js';
import { JOB_CLOSE, JOB_REMIND } from '../../dialogs/strategy/ids.js';
import { openFeedback } from '../../dialogs/strategy/periods.js';
import { giveFeedback, loadVersion } from '../../dialogs/strategy/service.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Reply } from '../../src/ui.js';
import { action } from '../../src/payload.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';
import { fakeNationalId, memberByTitle } from '../support/strategy-helpers.js';
import { until } from '../support/wait.js';

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof StrategyError) return e.code;
    throw e;
  }
};

describe('strategy service', () => {
  let t: TestApp;
  const sent: { to: string; reply: Reply }[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    t.app.delivery.setFallback({
      platform: 'console',
      async send(address, reply) {
        sent.push({ to: address.externalId, reply });
        return undefined;
      },
    });
  });
  afterAll(async () => {
    t.app.delivery.setFallback(null);
    await t?.close();
  });

  it('splits a draft at its section headings; a lone top heading is the title, sub-headings stay inside', () => {
    const p = parseDraft('# Tittel\n\nInnledning.\n\n## A\n\nTekst a.\n\n### A.1\n\nUnder.\n\n## B\n\n- punkt\n');
    expect(p.title).toBe('Tittel');
    expect(p.intro).toBe('Innledning.');
    expect(p.sections.map((s) => s.heading)).toEqual(['A', 'B']);
    expect(p.sections[0]!.body).toContain('### A.1');
    expect(parseDraft('# A\n\nx\n\n# B\n\ny').sections.map((s) => s.heading)).toEqual(['A', 'B']);
  });

  it('refuses a draft with no headings or the same heading twice', async () => {
    const c = t.community._id;
    expect(await code(loadVersion({ community: c, title: 'X', label: 'v1', markdown: 'Bare tekst.' }))).toBe('no_sections');
    expect(await code(loadVersion({ community: c, title: 'X', label: 'v1', markdown: '## A\n\nx\n\n## a\n\ny' }))).toBe('duplicate_heading');
    expect(await Strategy.countDocuments({ community: c, title: 'X' })).toBe(0);
  });

  it('keeps section identity by heading across versions and detects what changed', async () => {
    const c = t.community._id;
    const v1 = await loadVersion({ community: c, title: 'Identitet', label: 'v1', markdown: '## 1. Økonomi\n\nTekst.\n\n## Prioriteringer\n\nA.\n\n## Gammel\n\nG.' });
    // Renumbered heading and whitespace-only edits are the same section, unchanged.
    const v2 = await loadVersion({ community: c, title: 'Identitet', label: 'v2', markdown: '## 2. Økonomi\n\nTekst.   \n\n## Prioriteringer\n\nB.\n\n## Ny\n\nN.' });
    expect(v2.version.number).toBe(2);
    expect(String(v2.strategy._id)).toBe(String(v1.strategy._id));
    expect(v2.unchanged).toEqual(['2. Økonomi']);
    expect(v2.changed).toEqual(['Prioriteringer']);
    expect(v2.added).toEqual(['Ny']);
    expect(v2.removed).toEqual(['Gammel']);
    const [a, b] = [v1.version.sections, v2.version.sections];
    expect(b[0]!.key).toBe(a[0]!.key);
    expect(b[0]!.changed).toBe(false);
    expect(b[1]!.key).toBe(a[1]!.key);
    expect(b[1]!.changed).toBe(true);
    expect(b[1]!.hash).not.toBe(a[1]!.hash);
    expect(a.map((s) => s.key)).not.toContain(b[2]!.key);
  });

  it('gives the demo community a demo draft with the five main points, once', async () => {
    expect(await seedDemoStrategy(t.community._id)).toBe(true);
    expect(await seedDemoStrategy(t.community._id)).toBe(false);
    const s = await Strategy.findOne({ community: t.community._id, demo: true });
    expect(s?.title).toBe(DEMO_STRATEGY_TITLE);
    const v = await StrategyVersion.findOne({ strategy: s!._id });
    expect(v!.sections.map((x) => x.heading)).toEqual(['Styrke samhandlingen', 'Prioriteringer', 'Rekruttering og bemanning', 'Økonomi', 'Digitalisering/teknologi']);
    expect(v!.intro).toContain('DEMODATA');
  });

  it('refuses feedback on a version not open, after the deadline, too long, or with an identity number; concurrent taps count once', async () => {
    const c = t.community._id;
    const sec = await t.member(DEMO_SECRETARIAT_EMAIL);
    const m = await t.member(await memberByTitle(t, 'Etatsdirektør'));
    const { version } = await loadVersion({ community: c, title: 'Regler', label: 'v1', markdown: '## A\n\nx\n\n## B\n\ny' });
    const key = version.sections[0]!.key;
    expect(await code(giveFeedback(version, m, key, { stance: 'supports' }))).toBe('not_open');

    const ssu = (await import('../../models/body.js')).Body;
    const body = (await ssu.findOne({ community: c, key: 'ssu' }))!;
    const open = await openFeedback(t.app.services, version, { bodies: [body._id], partyTypes: [], deadline: new Date(Date.now() + 3600_000), actor: sec._id });
    expect(await code(giveFeedback(open, m, key, { proposal: 'x'.repeat(4001) }))).toBe('too_long');
    expect(await code(giveFeedback(open, m, key, { comment: `Pasient ${fakeNationalId()}` }))).toBe('national_id');
    expect(await code(giveFeedback(open, sec, key, { stance: 'supports' }))).toBe('not_in_audience');

    await Promise.all(Array.from({ length: 8 }, (_, i) => giveFeedback(open, m, key, { stance: i % 2 ? 'supports' : 'not_supports' })));
    expect(await Feedback.countDocuments({ version: open._id, member: m._id, section: key })).toBe(1);

    await StrategyVersion.updateOne({ _id: open._id }, { $set: { deadline: new Date(Date.now() - 1000) } });
    const late = (await StrategyVersion.findById(open._id))!;
    expect(await code(giveFeedback(late, m, key, { stance: 'supports' }))).toBe('deadline_passed');
  });

  it('shows a long section whole, in blocks of at most 2,500 characters', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Avsnitt ${i + 1}: ${'tekst '.repeat(30).trim()}.`).join('\n\n');
    expect(splitText(long, 2500).every((p) => p.length <= 2500)).toBe(true);
    const sec = await t.member(DEMO_SECRETARIAT_EMAIL);
    const email = await memberByTitle(t, 'Direktør', 'hds');
    const { version } = await loadVersion({ community: t.community._id, title: 'Lang', label: 'v1', markdown: `## Lang del\n\n${long}\n\n## Kort\n\nk` });
    const body = (await (await import('../../models/body.js')).Body.findOne({ community: t.community._id, key: 'ssu' }))!;
    await openFeedback(t.app.services, version, { bodies: [body._id], partyTypes: [], deadline: new Date(Date.now() + 3600_000), actor: sec._id });
    const out = await t.app.core.receive(directMessage(t, email, { kind: 'action', action: action('strategy', 'go', { v: String(version._id) }) }));
    const sections = out.replies
      .flatMap((r) => r.elements ?? [])
      .filter((e) => e.type === 'section')
      .map((e) => (e as { text: string }).text);
    expect(sections.length).toBeGreaterThanOrEqual(4);
    expect(sections.every((s) => s.length <= 2500)).toBe(true);
    expect(sections.join('\n')).toContain('Avsnitt 1:');
    expect(sections.join('\n')).toContain('Avsnitt 40:');
  });

  it('reminds on schedule only the members whose party has not responded, and closes at the deadline', async () => {
    const c = t.community._id;
    const sec = await t.member(DEMO_SECRETARIAT_EMAIL);
    const answered = await t.member(await memberByTitle(t, 'Etatsdirektør')); // Bergen kommune
    const sameParty = await t.member(await memberByTitle(t, 'Kommunalsjef helse', 'bergen'));
    const missing = await t.member(await memberByTitle(t, 'Kommunalsjef helse', 'askoy'));
    const { version } = await loadVersion({ community: c, title: 'Påminnelser', label: 'v1', markdown: '## A\n\nx' });
    const open = await openFeedback(t.app.services, version, {
      bodies: [],
      partyTypes: ['municipality'],
      // Far enough apart that a slow machine never runs the close before the reminder.
      deadline: new Date(Date.now() + 120_000),
      reminders: [new Date(Date.now() + 60_000)],
      actor: sec._id,
    });
    await giveFeedback(open, answered, open.sections[0]!.key, { stance: 'supports' });
    const key = `strategy:${String(open._id)}:remind:0`;
    expect((await t.app.scheduler.pending(key)).map((j) => j.name)).toEqual([JOB_REMIND]);
    // The reminder's time comes (the same key moves the scheduled job to now).
    await t.app.scheduler.at(new Date(), JOB_REMIND, { key, version: String(open._id), n: 0 });
    const progress = await until('the scheduled reminder', async () => {
      const p = await t.app.services.fanout.progress(key);
      return p.pending === 0 && p.sending === 0 && p.sent + p.skipped > 0 ? p : null;
    });
    const reminded = sent.filter((s) => s.reply.text.startsWith('Påminnelse: parten din') && s.reply.text.includes('*Påminnelser*')).map((s) => s.to);
    expect(reminded).toContain(missing.email);
    expect(reminded).not.toContain(answered.email);
    expect(reminded).not.toContain(sameParty.email);
    const bergenMembers = await (
      await import('../../models/member.js')
    ).Member.countDocuments({ community: c, party: (await Party.findOne({ community: c, key: 'bergen' }))!._id });
    expect(progress.skipped).toBeGreaterThanOrEqual(bergenMembers);

    // The deadline comes: moved to now, with its job (the same key moves the job).
    await StrategyVersion.updateOne({ _id: open._id }, { $set: { deadline: new Date(Date.now() - 1000) } });
    await t.app.scheduler.at(new Date(), JOB_CLOSE, { key: `strategy:${String(open._id)}:close`, version: String(open._id) });
    await until('the close at the deadline', async () => (await StrategyVersion.findById(open._id))?.state === 'closed');
    await until('the closing notice', async () => sent.find((s) => s.to === sec.email && s.reply.text.includes('Perioden for tilbakemelding på *Påminnelser*')));
  });
});
