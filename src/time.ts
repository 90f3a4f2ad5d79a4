/** Dates and times shown to people: Europe/Oslo, in the member's language. */
import { format } from 'date-fns/format';
import { parse } from 'date-fns/parse';
import { isValid } from 'date-fns/isValid';
import { TZDate } from '@date-fns/tz';
import { enGB } from 'date-fns/locale/en-GB';
import { nb } from 'date-fns/locale/nb';
import { nn } from 'date-fns/locale/nn';
import type { Lang } from './ui.js';

export const TZ = 'Europe/Oslo';
const LOCALES = { nb, nn, en: enGB } as const;

/** date-fns patterns per language: Norwegian writes «mandag 30. mars 2026 kl. 09:00», English «Monday 30 March 2026 at 09:00». */
const PATTERNS: Record<Lang, { dateTime: string; date: string; short: string }> = {
  // The short form starts lines (a case's history): «2. des.» with an ordinary space there is a
  // numbered-list item to Markdown (Teams, Web Chat), shown as «1. des.». A no-break space is
  // what Norwegian typesetting puts there anyway.
  nb: { dateTime: "EEEE d. MMMM yyyy 'kl.' HH:mm", date: 'EEEE d. MMMM yyyy', short: 'd.\u00a0MMM HH:mm' },
  nn: { dateTime: "EEEE d. MMMM yyyy 'kl.' HH:mm", date: 'EEEE d. MMMM yyyy', short: 'd.\u00a0MMM HH:mm' },
  en: { dateTime: "EEEE d MMMM yyyy 'at' HH:mm", date: 'EEEE d MMMM yyyy', short: 'd MMM HH:mm' },
};

export function formatDateTime(d: Date, lang: Lang, tz = TZ): string {
  return format(new TZDate(d, tz), PATTERNS[lang].dateTime, { locale: LOCALES[lang] });
}

export function formatDate(d: Date, lang: Lang, tz = TZ): string {
  return format(new TZDate(d, tz), PATTERNS[lang].date, { locale: LOCALES[lang] });
}

export function formatShort(d: Date, lang: Lang, tz = TZ): string {
  return format(new TZDate(d, tz), PATTERNS[lang].short, { locale: LOCALES[lang] });
}

const DATE_PATTERNS = ['yyyy-MM-dd', 'dd.MM.yyyy', 'd.M.yyyy', 'dd.MM.yy', 'd.M.yy'];
const TIME_PATTERNS = ['HH:mm', 'H:mm', 'HH.mm', 'H.mm'];

/** Parses a date typed by a person (2026-03-30, 30.03.2026) as midnight in Oslo. */
export function parseDate(s: string, tz = TZ): Date | null {
  const text = s.trim();
  for (const p of DATE_PATTERNS) {
    const d = parse(text, p, new TZDate(2000, 0, 1, tz));
    if (isValid(d) && d.getFullYear() > 1900) return new Date(d.getTime());
  }
  return null;
}

/**
 * Parses a date and time typed by a person, or sent by a platform's date-time picker, as Oslo
 * wall-clock time: "2026-03-30 09:00", "30.03.2026 kl. 9.00", "2026-03-30T09:00".
 */
export function parseDateTime(s: string, tz = TZ): Date | null {
  const text = s
    .trim()
    .replace(/\s+kl\.?\s+/i, ' ')
    .replace('T', ' ')
    .replace(/\s+/g, ' ');
  if (/Z|[+-]\d\d:\d\d$/.test(s.trim())) {
    const d = new Date(s.trim());
    return isValid(d) ? d : null;
  }
  for (const dp of DATE_PATTERNS) {
    for (const tp of TIME_PATTERNS) {
      const d = parse(text, `${dp} ${tp}`, new TZDate(2000, 0, 1, tz));
      if (isValid(d) && d.getFullYear() > 1900) return new Date(d.getTime());
    }
  }
  return null;
}

/** The Oslo wall-clock form a form field shows back: "2026-03-30 09:00". */
export function toInputDateTime(d: Date, tz = TZ): string {
  return format(new TZDate(d, tz), 'yyyy-MM-dd HH:mm');
}

export function toInputDate(d: Date, tz = TZ): string {
  return format(new TZDate(d, tz), 'yyyy-MM-dd');
}
