/**
 * The neutral markup (see src/ui.ts: *bold*, _italic_, bare URLs) and result bars as plain text,
 * for every adapter that needs a text form of them.
 */
import type { Bar } from './ui.js';

/** *bold* and _italic_ without their marks. */
export function plainText(s: string): string {
  return s.replace(/\*([^*\n]+)\*/g, '$1').replace(/(^|\s)_([^_\n]+)_(?=\s|$|[.,!?])/g, '$1$2');
}

/** A bar drawn with block characters, and its share in whole per cent. */
export function barParts(b: Bar, width = 20): { glyphs: string; percent: number } {
  const share = b.total > 0 ? b.count / b.total : 0;
  const filled = Math.round(share * width);
  return { glyphs: `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`, percent: Math.round(share * 100) };
}

/** "████░░░░ 5 (42 %)" */
export function barText(b: Bar, width = 20): string {
  const { glyphs, percent } = barParts(b, width);
  return `${glyphs} ${b.count} (${percent} %)`;
}
