/**
 * The community's sensitivity label: «Intern (gul)» until the community says otherwise, set by
 * the secretariat in chat («merking …») or in the directory file, shown in every document's page
 * header; a member outside the secretariat may read it but not change it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_KIND } from '../../dialogs/input/exports.js';
import { Audit } from '../../models/audit.js';
import { Community } from '../../models/community.js';
import { Member } from '../../models/member.js';
import { DEMO_SECRETARIAT_EMAIL, demoDirectory } from '../../src/demo.js';
import { importDirectory } from '../../src/directory-import.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';
import { openRound } from '../support/rounds.js';
import { download } from './docx.js';

let t: TestApp;
let n = 0;
const say = async (email: string, text: string) => (await t.app.core.receive(directMessage(t, email, { text, eventId: `l${++n}` }))).replies.map((r) => r.text).join('\n');
const label = async () => (await Community.findById(t.community._id))!.sensitivityLabel;

beforeAll(async () => {
  t = await startTestApp({}, { runJobs: false });
});
afterAll(async () => t?.close());

describe('the sensitivity label', () => {
  it('is «Intern (gul)» by default, set by the secretariat in chat, and every document carries it', async () => {
    expect(await label()).toBe('Intern (gul)');
    expect(await say(DEMO_SECRETARIAT_EMAIL, 'merking')).toContain('merket «Intern (gul)»');
    expect(await say(DEMO_SECRETARIAT_EMAIL, 'merking   Begrenset  (rød) ')).toBe('Lagret: dokumentene fra Samla merkes nå «Begrenset (rød)».');
    expect(await label()).toBe('Begrenset (rød)');
    const log = await Audit.findOne({ community: t.community._id, action: 'community.sensitivity_label' });
    expect(log?.details).toMatchObject({ from: 'Intern (gul)', to: 'Begrenset (rød)' });

    const round = await openRound(t);
    const d = await download(t, EXPORT_KIND, { round: String(round._id) });
    expect(d.header).toContain('Følsomhet: Begrenset (rød)');
    expect(d.header).not.toContain('gul');
  });

  it('may be read by anyone but changed by the secretariat only, never to an identity number or too long a text', async () => {
    const gp = (await Member.findOne({ community: t.community._id, title: 'Fastlege' }))!;
    expect(await say(gp.email, 'label')).toContain('merket «Begrenset (rød)»');
    expect(await say(gp.email, 'merking Åpen (grønn)')).not.toContain('Lagret');
    expect(await say(DEMO_SECRETARIAT_EMAIL, 'merking 15076500565')).toMatch(/fødselsnummer/);
    expect(await say(DEMO_SECRETARIAT_EMAIL, `merking ${'x'.repeat(61)}`)).toContain('høyst 60 tegn');
    expect(await label()).toBe('Begrenset (rød)');
  });

  it('comes from the directory file when it names one, and is kept when it does not', async () => {
    const file = demoDirectory();
    await importDirectory(file);
    expect(await label()).toBe('Begrenset (rød)');
    await importDirectory({ ...file, community: { ...file.community, sensitivityLabel: 'Intern (gul)' } });
    expect(await label()).toBe('Intern (gul)');
  });
});
