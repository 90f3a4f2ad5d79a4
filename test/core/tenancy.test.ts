/** Two communities on one Samla: nobody in one sees or reaches anything of the other. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Address } from '../../models/address.js';
import { Community, type CommunityDoc } from '../../models/community.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { importDirectory } from '../../src/directory-import.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';

let t: TestApp;
let other: CommunityDoc;
const KARI = 'kari@telemark.example';

beforeAll(async () => {
  t = await startTestApp();
  await Community.updateOne({ _id: t.community._id }, { $set: { slackTeamIds: ['T_DEMO'] } });
  ({ community: other } = await importDirectory({
    community: { slug: 'telemark', name: 'Helsefellesskap Telemark', slackTeamIds: ['T_TELEMARK'] },
    parties: [
      { key: 'skien', name: 'Skien kommune', type: 'municipality' },
      { key: 'sse', name: 'Sekretariatet', type: 'secretariat' },
    ],
    bodies: [{ key: 'ssu', short: 'SSU-T', kind: 'strategic', name: { nb: 'SSU Telemark', nn: 'SSU Telemark', en: 'SSU Telemark' } }],
    members: [{ name: 'Kari Telemark', email: KARI, party: 'sse', memberships: [{ body: 'ssu', role: 'secretariat' }] }],
  }));
});
afterAll(async () => t?.close());

const slack = (tenant: string, externalId: string, email: string, text: string) =>
  t.app.core.receive({ ...directMessage(t, email, { text }), communityId: undefined, platform: 'slack', tenant, user: { externalId, lookupEmail: async () => email } });

describe('tenancy', () => {
  it('a member of one community is a stranger in the other’s workspace', async () => {
    const out = await slack('T_TELEMARK', 'U_SARA', DEMO_SECRETARIAT_EMAIL, 'status');
    expect(out.replies[0]?.text).toContain('Helsefellesskap Telemark');
    expect(out.replies[0]?.text).toContain('finner deg ikke');
    expect(await Address.countDocuments({ community: other._id })).toBe(0);
  });

  it('the same platform id in two workspaces stays two people', async () => {
    await slack('T_DEMO', 'U_SAME', DEMO_SECRETARIAT_EMAIL, 'status');
    const out = await slack('T_TELEMARK', 'U_SAME', KARI, 'status');
    const text = out.replies.map((r) => r.text).join('\n');
    expect(text).toContain('Kari Telemark');
    expect(text).toContain('SSU Telemark');
    expect(text).not.toMatch(/Strategisk samarbeidsutvalg|Sara Solheim|Bergen/);
  });

  it('the other community’s bodies cannot be named, its members not listed', async () => {
    const bind = await t.app.core.receive({
      ...directMessage(t, KARI, { text: 'kanal Områdeutvalg Voss' }),
      communityId: String(other._id),
      where: 'channel',
      channelExternalId: 'C1',
    });
    expect(bind.replies[0]?.text).toContain('fant ikke noe organ');
    const demo = await t.app.core.receive({ ...directMessage(t, KARI, { text: 'demo' }), communityId: String(other._id) });
    expect(demo.replies[0]?.text).not.toContain('@demo.samla.no');
  });

  it('an export link made in one community does not open the other’s data', async () => {
    const kari = (await (await import('../../models/member.js')).Member.findOne({ email: KARI }))!;
    // A link claiming the demo community for Telemark's secretariat member: refused.
    const url = await t.app.services.exports.link({ community: t.community._id, member: kari._id, kind: 'anything', format: 'csv' });
    expect((await fetch(url)).status).toBe(403);
  });
});
