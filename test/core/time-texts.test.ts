import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatShort } from '../../src/time.js';

describe('dates and times in each language', () => {
  const d = new Date('2026-03-30T07:00:00Z'); // 09:00 in Oslo (summer time)
  it('writes the date and time as each language does', () => {
    expect(formatDateTime(d, 'nb')).toBe('mandag 30. mars 2026 kl. 09:00');
    expect(formatDateTime(d, 'nn')).toBe('måndag 30. mars 2026 kl. 09:00');
    expect(formatDateTime(d, 'en')).toBe('Monday 30 March 2026 at 09:00');
    expect(formatDate(d, 'nn')).toBe('måndag 30. mars 2026');
    expect(formatDate(d, 'en')).toBe('Monday 30 March 2026');
    expect(formatShort(d, 'en')).toBe('30 Mar 09:00');
  });

  it('starts a line (a case history entry) without Markdown reading the day as a list number', () => {
    for (const lang of ['nb', 'nn'] as const) {
      const line = `${formatShort(new Date('2026-12-02T19:27:00Z'), lang)} — Anne Ulvik: sendt inn`;
      expect(line.replace('\u00a0', ' ')).toBe('2. des. 20:27 — Anne Ulvik: sendt inn');
      const html = String(marked.parse(line));
      expect(html).not.toContain('<ol');
      expect(html).toContain('2.');
    }
  });
});
