/** Result bars on every platform: shares that split one total add up to 100, written the reader's way. */
import { describe, expect, it } from 'vitest';
import { renderReply as consoleReply } from '../../adapters/console/render.js';
import { renderMessages } from '../../adapters/slack/render.js';
import { renderReply as teamsReply } from '../../adapters/teams/render.js';
import type { Lang, Reply } from '../../src/ui.js';
import { seenOf } from '../support/teams-driver.js';
import { toActivity } from '../../adapters/teams/send.js';

// 4 + 3 + 1 of 8 ballots: 50 %, 37.5 %, 12.5 % — rounded one by one that is 50 + 38 + 13 = 101.
const tally: Reply = {
  text: 'Resultat',
  elements: [
    {
      type: 'bars',
      bars: [
        { label: 'Modell A', count: 4, total: 8 },
        { label: 'Modell B', count: 3, total: 8 },
        { label: 'Modell C', count: 1, total: 8 },
      ],
    },
  ],
};
// Several choices per ballot: each share stands alone (5 of 8 and 6 of 8).
const overlapping: Reply = {
  text: 'Resultat',
  elements: [
    {
      type: 'bars',
      bars: [
        { label: 'Tiltak 1', count: 5, total: 8 },
        { label: 'Tiltak 2', count: 6, total: 8 },
      ],
    },
  ],
};

const shown: Record<string, (r: Reply, lang: Lang) => string> = {
  console: (r, lang) => consoleReply(r, 1, lang).text,
  slack: (r, lang) => JSON.stringify(renderMessages(r, lang).map((m) => m.blocks)),
  teams: (r, lang) =>
    teamsReply(r, { lang })
      .map((m) => seenOf(toActivity(m) as Record<string, unknown>).text)
      .join('\n'),
};

const percents = (s: string) => [...s.matchAll(/\((\d+)\s?%\)/g)].map((m) => Number(m[1]));

describe.each(Object.keys(shown))('result bars on %s', (platform) => {
  const render = shown[platform]!;
  it('add up to 100 by largest remainder when the bars split one total', () => {
    const p = percents(render(tally, 'nb'));
    expect(p).toEqual([50, 38, 12]);
  });
  it('are rounded one by one when a ballot may count on several bars', () => {
    expect(percents(render(overlapping, 'nn'))).toEqual([63, 75]);
  });
  it('are written by the reader’s locale: «38 %» in nb and nn, «38%» in en', () => {
    expect(render(tally, 'nb')).toContain('(38\u00a0%)');
    expect(render(tally, 'nn')).toContain('(38\u00a0%)');
    expect(render(tally, 'en')).toContain('(38%)');
  });
});
