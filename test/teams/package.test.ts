/** The Teams app package: the manifest filled in for this bot, and icons of the sizes Teams demands. */
import { describe, expect, it } from 'vitest';
import { buildPackage, unzipSync } from '../../adapters/teams/package.js';

const env = { MICROSOFT_APP_ID: '1b2c3d4e-0000-4000-8000-00000000abcd', PUBLIC_URL: 'https://samla.example.no/some/path' };

describe('Teams app package', () => {
  it('zips the manifest with the app id and host, and both icons', () => {
    const files = unzipSync(buildPackage(env));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const m = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8'));
    expect(m.id).toBe(env.MICROSOFT_APP_ID);
    expect(m.bots[0].botId).toBe(env.MICROSOFT_APP_ID);
    expect(m.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(m.developer.websiteUrl).toBe('https://samla.example.no/');
    expect(m.validDomains).toEqual(['samla.example.no']);
    expect(m.composeExtensions[0].commands[0]).toMatchObject({ id: 'samlaContribute', type: 'action', context: ['message'] });
    const personal = m.bots[0].commandLists.find((l: { scopes: string[] }) => l.scopes.includes('personal'));
    expect(personal.commands.map((c: { title: string }) => c.title)).toEqual(expect.arrayContaining(['hjelp', 'status', 'innspill', 'møte']));
    for (const l of m.bots[0].commandLists) {
      expect(l.commands.length).toBeLessThanOrEqual(10);
      for (const c of l.commands) expect(c.description.length).toBeLessThanOrEqual(128);
    }
    const size = (b: Uint8Array) => [Buffer.from(b).readUInt32BE(16), Buffer.from(b).readUInt32BE(20)];
    expect(size(files['color.png']!)).toEqual([192, 192]);
    expect(size(files['outline.png']!)).toEqual([32, 32]);
  });

  it('says which settings are missing', () => {
    expect(() => buildPackage({})).toThrow(/MICROSOFT_APP_ID must be[\s\S]*PUBLIC_URL must be/);
    expect(() => buildPackage({ ...env, PUBLIC_URL: 'http://insecure.example.no' })).toThrow(/PUBLIC_URL must be the https address/);
  });
});
