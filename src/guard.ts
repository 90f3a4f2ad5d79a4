/**
 * No patient data: text that contains a Norwegian national identity number (fødselsnummer) or a
 * D-number is refused before it is stored or logged.
 */

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: number[], weights: number[]): number | null {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i]!, 0);
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  if (k === 10) return null;
  return k;
}

/** True for an 11-digit number with valid mod-11 check digits and a plausible birth date (D-numbers: day + 40). */
export function isNationalId(s: string): boolean {
  if (!/^\d{11}$/.test(s)) return false;
  const d = [...s].map(Number);
  let day = d[0]! * 10 + d[1]!;
  const month = d[2]! * 10 + d[3]!;
  if (day > 40) day -= 40; // D-number
  // Month + 40 marks H-numbers and + 80 the Tax Administration's synthetic test numbers.
  const m = month > 80 ? month - 80 : month > 40 ? month - 40 : month;
  if (day < 1 || day > 31 || m < 1 || m > 12) return false;
  const k1 = checkDigit(d, W1);
  if (k1 === null || k1 !== d[9]) return false;
  const k2 = checkDigit(d, W2);
  return k2 !== null && k2 === d[10];
}

/**
 * Text as it is compared: compatibility forms folded (full-width digits, no-break spaces), and
 * invisible format characters (zero-width spaces and joiners, soft hyphens, direction marks)
 * removed, since none of them changes what a reader sees.
 */
export function normalizeForGuard(text: string): string {
  return text.normalize('NFKC').replace(/\p{Cf}/gu, '');
}

/** Between the birth date and the personal number: any short run of spaces, line breaks or punctuation. */
const GAP = String.raw`[\s\p{P}]{0,3}`;
/**
 * The birth date as six digits, or as dd.mm.yy with one separator used twice (a dot, slash, dash
 * or space), so that two unrelated numbers («1503 12») do not make one.
 */
const BIRTH_DATE = String.raw`(\d{6}|\d{2}([./\- ])\d{2}\2\d{2})`;
const NATIONAL_ID = String.raw`(?<!\d)${BIRTH_DATE}${GAP}(\d{5})(?!\d)`;

/** Finds identity numbers, however they are spaced, punctuated, broken across lines or typed in other digit forms. */
export function containsNationalId(text: string): boolean {
  const s = normalizeForGuard(text);
  const re = new RegExp(NATIONAL_ID, 'gu');
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (isNationalId(m[1]!.replace(/\D/g, '') + m[3]!)) return true;
    // Matches may overlap: a near miss must not hide a real number that starts inside it.
    re.lastIndex = m.index + 1;
  }
  return false;
}

/**
 * The text with every identity number replaced, for what must be written somewhere anyway (an
 * error message quoting a value it could not use). Only the matched span is replaced.
 */
export function redactNationalIds(text: string): string {
  const s = normalizeForGuard(text);
  if (!containsNationalId(s)) return text;
  const re = new RegExp(NATIONAL_ID, 'gu');
  return s.replace(re, (m: string, date: string, _sep: string, rest: string) => (isNationalId(date.replace(/\D/g, '') + rest) ? '[fødselsnummer]' : m));
}
