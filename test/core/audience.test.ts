import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { Party } from '../../models/party.js';
import { audienceMembers, audienceParties, progressByPartyType, progressLine } from '../../src/audience.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('audiences', () => {
  it('reach a body’s members but not its secretariat, plus every member of a party type', async () => {
    const voss = await Body.findOne({ community: t.community._id, key: 'ou-voss' });
    const members = await audienceMembers(t.community._id, { bodies: [voss!._id], partyTypes: [] });
    expect(members.length).toBeGreaterThan(4);
    expect(members.every((m) => m.memberships.some((ms) => String(ms.body) === String(voss!._id) && ms.role !== 'secretariat'))).toBe(true);
    const withKs = await audienceMembers(t.community._id, { bodies: [voss!._id], partyTypes: ['ks'] });
    expect(withKs.length).toBe(members.length + 1);
  });

  it('count parties by type: «Kommunar: 1 av 4 har svart — manglar: …»', async () => {
    const voss = await Body.findOne({ community: t.community._id, key: 'ou-voss' });
    const parties = await audienceParties(t.community._id, { bodies: [voss!._id], partyTypes: [] });
    const vossKommune = await Party.findOne({ community: t.community._id, key: 'voss' });
    const progress = progressByPartyType(parties, [vossKommune!._id], 'nn');
    const municipalities = progress.find((p) => p.type === 'municipality')!;
    expect(municipalities).toMatchObject({ answered: 1, total: 4 });
    expect(progressLine(municipalities, 'nn')).toBe('Kommunar: 1 av 4 har svart — manglar: Kvam herad, Ulvik herad, Vaksdal kommune');
    expect(progress.some((p) => p.type === 'secretariat')).toBe(false);
    // Everyone of a type has answered: said once, with the count.
    const all = (lang: 'nb' | 'en') =>
      progressByPartyType(
        parties,
        parties.map((p) => p._id),
        lang,
      ).find((p) => p.type === 'municipality')!;
    expect(progressLine(all('nb'), 'nb')).toBe('Kommuner: alle har svart (4 av 4)');
    expect(progressLine(all('en'), 'en')).toBe('Municipalities: all have answered (4 of 4)');
  });
});
