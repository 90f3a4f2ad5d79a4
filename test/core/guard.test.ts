/**
 * The identity-number check that keeps patient data out of Samla (forms, typed messages, shared
 * messages — see also national-id-text.test.ts): valid numbers (with
 * correct mod-11 check digits), D-numbers (day + 40), and numbers that only look like one.
 * The numbers were made with a separate implementation of the published mod-11 rules;
 * 15076500565 is the example commonly used in Norwegian documentation.
 */
import { describe, expect, it } from 'vitest';
import { containsNationalId, isNationalId } from '../../src/guard.js';

const VALID = ['15076500565', '01019012480', '24129945652', '31010578968', '17052033349', '15038510190', '01019010046', '31129910065', '29020410181'];
const D_NUMBERS = ['41107512460', '52038834681', '71040211157', '55038510184', '41019010110'];
const INVALID = [
  '15076500566', // last check digit wrong
  '15076500575', // first check digit wrong
  '32017512345', // day 32
  '01137512345', // month 13
  '12345678901',
  '00000000000',
  '1507650056', // ten digits
  '150765005651', // twelve digits
];

describe('national identity numbers', () => {
  it.each(VALID)('%s is a valid fødselsnummer', (n) => {
    expect(isNationalId(n)).toBe(true);
    expect(containsNationalId(`Pasient ${n} har vore innlagd`)).toBe(true);
  });

  it.each(D_NUMBERS)('%s is a valid D-number', (n) => {
    expect(isNationalId(n)).toBe(true);
    expect(containsNationalId(`D-nummer: ${n}.`)).toBe(true);
  });

  it.each(INVALID)('%s is not an identity number', (n) => {
    expect(isNationalId(n)).toBe(false);
    expect(containsNationalId(`Saksnummer ${n}`)).toBe(false);
  });

  it('finds a number written with a space or dash after the birth date', () => {
    expect(containsNationalId('fnr 150765 00565')).toBe(true);
    expect(containsNationalId('fnr 150765-00565')).toBe(true);
    expect(containsNationalId('fnr 411075 12460')).toBe(true);
  });

  it('leaves ordinary numbers alone: phone numbers, org numbers, amounts, longer digit runs', () => {
    expect(containsNationalId('Ring 55 97 50 00 eller 91234567')).toBe(false);
    expect(containsNationalId('Org.nr. 983974724, budsjett 12 500 000 kr')).toBe(false);
    expect(containsNationalId('Kontonummer 1503 12 34567 og referanse 9150765005650')).toBe(false);
  });
});
