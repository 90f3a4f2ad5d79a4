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
});
