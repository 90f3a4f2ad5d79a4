/** The demo community and the directory import, against the real database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Body } from '../../models/body.js';
import { Community } from '../../models/community.js';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { demoDirectory } from '../../src/demo.js';
import { importDirectory, readDirectoryFile } from '../../src/directory-import.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

async function bodyMembers(key: string) {
  const body = await Body.findOne({ community: t.community._id, key });
  const members = await Member.find({ community: t.community._id, 'memberships.body': body!._id });
  const parties = new Map((await Party.find({ community: t.community._id })).map((p) => [String(p._id), p]));
  return members.map((m) => ({
    m,
    party: parties.get(String(m.party))!,
    role: m.memberships.find((x) => String(x.body) === String(body!._id))!,
  }));
}

describe('the demo community', () => {
  it('is marked as demo and has at least 40 members with e-mail addresses', async () => {
    expect(t.community.demo).toBe(true);
    expect(t.community.name).toMatch(/DEMO/);
    const n = await Member.countDocuments({ community: t.community._id, email: /@demo\.samla\.no$/ });
    expect(n).toBeGreaterThanOrEqual(40);
  });

  it('has the bodies of the seeds, with referral up to SSU and the partnership meeting', async () => {
    const bodies = await Body.find({ community: t.community._id });
    expect(bodies.map((b) => b.key).sort()).toEqual(['ag-strategi', 'akutt', 'mfu', 'ou-bergen', 'ou-bergensregionen', 'ou-nordhordland', 'ou-voss', 'pm', 'sse', 'ssu'].sort());
    const byId = new Map(bodies.map((b) => [String(b._id), b]));
    expect(byId.get(String(bodies.find((b) => b.key === 'mfu')!.parent))?.key).toBe('ssu');
    expect(byId.get(String(bodies.find((b) => b.key === 'ssu')!.parent))?.key).toBe('pm');
  });

  it('follows SSU’s composition: one municipal rep per area (Bergen two), 2+1+1 from the specialist service, 2 user reps, observers with proposal rights', async () => {
    const ssu = await bodyMembers('ssu');
    const voting = ssu.filter((x) => ['leader', 'deputy_leader', 'member'].includes(x.role.role));
    const municipal = voting.filter((x) => x.party.type === 'municipality');
    expect(municipal.filter((x) => x.party.key === 'bergen')).toHaveLength(2);
    expect(new Set(municipal.map((x) => x.party.area))).toEqual(new Set(['bergen', 'bergensregionen', 'nordhordland', 'voss']));
    expect(municipal).toHaveLength(5);
    expect(voting.filter((x) => x.party.key === 'helse-bergen')).toHaveLength(2);
    expect(voting.filter((x) => x.party.key === 'hds')).toHaveLength(1);
    expect(voting.filter((x) => x.party.key === 'private-ideal')).toHaveLength(1);
    expect(voting.filter((x) => x.party.type === 'user_rep')).toHaveLength(2);
    const observers = ssu.filter((x) => x.role.role === 'observer');
    expect(observers.every((x) => x.role.proposalRights)).toBe(true);
    expect(new Set(observers.map((x) => x.party.type))).toEqual(new Set(['ks', 'union', 'gp', 'municipality']));
    expect(ssu.filter((x) => x.role.role === 'leader')).toHaveLength(1);
    expect(ssu.filter((x) => x.role.role === 'deputy_leader')).toHaveLength(1);
  });

  it('gives every area committee one rep per municipality of the area, a GP and a user rep', async () => {
    for (const [key, area] of [
      ['ou-voss', 'voss'],
      ['ou-nordhordland', 'nordhordland'],
    ] as const) {
      const ou = await bodyMembers(key);
      const municipalities = await Party.find({ community: t.community._id, type: 'municipality', area });
      const reps = ou.filter((x) => x.party.type === 'municipality');
      expect(new Set(reps.map((x) => x.party.key))).toEqual(new Set(municipalities.map((p) => p.key)));
      expect(ou.some((x) => x.party.type === 'gp')).toBe(true);
    }
  });
});

describe('directory import', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-import-'));

  function small(overrides: (d: ReturnType<typeof base>) => void = () => {}) {
    const d = base();
    overrides(d);
    return d;
  }
  function base() {
    return {
      community: { slug: 'vestfold', name: 'Helsefellesskap Vestfold', defaultLang: 'nb' as const },
      parties: [
        { key: 'tonsberg', name: 'Tønsberg kommune', type: 'municipality' as const },
        { key: 'siv', name: 'Sykehuset i Vestfold HF', type: 'hospital_trust' as const },
      ],
      bodies: [{ key: 'ssu', short: 'SSU', name: { nb: 'SSU', nn: 'SSU', en: 'SSU' }, kind: 'strategic' as const }],
      members: [
        { name: 'Anne Berg', email: 'Anne.Berg@tonsberg.example', party: 'tonsberg', memberships: [{ body: 'ssu', role: 'member' as const }] },
        { name: 'Per Lie', email: 'per@siv.example', party: 'siv', memberships: [{ body: 'ssu', role: 'leader' as const }] },
      ],
    };
  }

  it('loads a YAML file, lower-cases e-mails, and updates in place when imported again', async () => {
    const file = path.join(tmp, 'dir.yaml');
    fs.writeFileSync(file, stringify(small()));
    const r = await importDirectory(readDirectoryFile(file));
    expect(r).toMatchObject({ parties: 2, bodies: 1, members: 2 });
    const anne = await Member.findOne({ community: r.community._id, email: 'anne.berg@tonsberg.example' });
    expect(anne?.memberships[0]?.role).toBe('member');

    fs.writeFileSync(file, stringify(small((d) => (d.members[0]!.memberships[0]!.role = 'deputy_leader' as never))));
    await importDirectory(readDirectoryFile(file));
    expect(await Member.countDocuments({ community: r.community._id })).toBe(2);
    expect((await Member.findById(anne!._id))?.memberships[0]?.role).toBe('deputy_leader');
  });

  it('names the row and field of every problem and imports nothing', async () => {
    const bad = small((d) => {
      d.community.slug = 'telemark';
      d.members[1]!.email = 'not-an-email';
      d.members[0]!.party = 'skien';
      (d.members[0]!.memberships[0] as { body: string }).body = 'pm';
      d.parties.push({ key: 'tonsberg', name: 'Dup', type: 'municipality' });
    });
    const err = await importDirectory(bad).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('members[1].email');
    const ref = await importDirectory(
      small((d) => {
        d.community.slug = 'telemark';
        d.members[0]!.party = 'skien';
        (d.members[0]!.memberships[0] as { body: string }).body = 'pm';
      }),
    ).catch((e: Error) => e);
    expect((ref as Error).message).toContain('members[0].party: no party with key «skien»');
    expect((ref as Error).message).toContain('members[0].memberships[0].body: no body with key «pm»');
    expect(await Community.exists({ slug: 'telemark' })).toBeNull();
  });

  it('the demo directory itself passes the same validation', async () => {
    const d = demoDirectory();
    expect(new Set(d.members.map((m) => m.email)).size).toBe(d.members.length);
  });
});
