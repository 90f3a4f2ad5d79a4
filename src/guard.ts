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

/** Finds identity numbers written as 11 digits, also with a space, dot or dash after the birth date. */
export function containsNationalId(text: string): boolean {
  const re = /(?<!\d)(\d{6})[ .-]?(\d{5})(?!\d)/g;
  for (const m of text.matchAll(re)) {
    if (isNationalId(m[1]! + m[2]!)) return true;
  }
  return false;
}
