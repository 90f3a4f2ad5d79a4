/**
 * The neutral markup (see src/ui.ts: *bold*, _italic_, bare URLs) and result bars as plain text,
 * for every adapter that needs a text form of them.
 */
import type { Bar, Lang } from './ui.js';

/** *bold* and _italic_ without their marks. */
export function plainText(s: string): string {
  return s.replace(/\*([^*\n]+)\*/g, '$1').replace(/(^|\s)_([^_\n]+)_(?=\s|$|[.,!?])/g, '$1$2');
}

/** A bar drawn with block characters. */
export function barGlyphs(b: Bar, width = 20): string {
  const filled = Math.round((b.total > 0 ? b.count / b.total : 0) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

const LOCALES: Record<Lang, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

/**
 * Each bar's share in whole per cent. When the bars split one total between them (one choice per
 * ballot), the shares are rounded by largest remainder so they add up to 100; rounding each on
 * its own gives 50 + 38 + 13 = 101. Bars that overlap (several choices per ballot) or have
 * totals of their own are rounded one by one.
 */
export function barPercents(bars: Bar[]): number[] {
  const total = bars[0]?.total ?? 0;
  const partition = total > 0 && bars.every((b) => b.total === total) && bars.reduce((n, b) => n + b.count, 0) === total;
  if (!partition) return bars.map((b) => (b.total > 0 ? Math.round((b.count / b.total) * 100) : 0));
  const exact = bars.map((b) => (b.count * 100) / total);
  const out = exact.map(Math.floor);
  let left = 100 - out.reduce((n, x) => n + x, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

/** The shares as the reader writes them: «50 %» in Norwegian, «50%» in English. */
export function barShares(bars: Bar[], lang: Lang): string[] {
  const f = new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 });
  return barPercents(bars).map((p) => f.format(p / 100));
}

/** "████░░░░ 5 (42 %)", one line per bar. */
export function barTexts(bars: Bar[], lang: Lang, width = 20): string[] {
  const shares = barShares(bars, lang);
  return bars.map((b, i) => `${barGlyphs(b, width)} ${b.count} (${shares[i]})`);
}
