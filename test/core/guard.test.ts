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

describe('identity numbers however they are written', () => {
  // 15076500565 and the D-number 41107512460, as people and platforms write them.
  it.each([
    ['a non-breaking space', '150765\u00a000565'],
    ['a narrow no-break space', '150765\u202f00565'],
    ['two spaces', '150765  00565'],
    ['a slash', '150765/00565'],
    ['a zero-width space', '150765\u200b00565'],
    ['zero-width characters inside the groups', '15\u200d0765\u206000565'],
    ['a soft hyphen', '1507\u00ad6500565'],
    ['a line break (two Slack boxes joined)', 'pasienten 150765\n00565 er innlagd'],
    ['a Windows line break', '150765\r\n00565'],
    ['full-width digits', '\uff11\uff15\uff10\uff17\uff16\uff15\uff10\uff10\uff15\uff16\uff15'],
    ['dd.mm.yy nnnnn', 'født 15.07.65 00565'],
    ['dd.mm.yy-nnnnn', '15.07.65-00565'],
    ['dd/mm/yy nnnnn', '15/07/65 00565'],
    ['dd mm yy nnnnn', '15 07 65 00565'],
    ['a D-number with a dot', '411075.12460'],
    ['a dash with spaces around it', '150765 - 00565'],
  ])('with %s', (_what, text) => {
    expect(containsNationalId(text)).toBe(true);
  });

  it('still needs valid check digits, and leaves dates, phone numbers and amounts alone', () => {
    expect(containsNationalId('150765 00566')).toBe(false);
    expect(containsNationalId('15.07.65 00566')).toBe(false);
    expect(containsNationalId('Møtet 15.07.2026 kl. 09.00, rom 12345')).toBe(false);
    expect(containsNationalId('Ring +47 55 97 50 00 eller 912 34 567')).toBe(false);
    expect(containsNationalId('Budsjett 1 500 765 00 565 kr')).toBe(false);
    expect(containsNationalId('Sak 15/07 65 00565')).toBe(false);
    expect(containsNationalId('Kontonummer 1503.12.34567')).toBe(false);
  });
});
