/** The README's examples name demo members that exist, so copying them works. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_DOMAIN, demoDirectory } from '../../src/demo.js';

describe('README and .env.example', () => {
  it('every demo e-mail they name is a demo member (or the demo contact address)', () => {
    const known = new Set([...demoDirectory().members.map((m) => m.email), `sekretariatet@${DEMO_DOMAIN}`]);
    const named = ['README.md', '.env.example'].flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/[\w.+-]+@demo\.samla\.no/g)].map((m) => m[0]));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((e) => !known.has(e))).toEqual([]);
  });
});
