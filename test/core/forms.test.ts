import { describe, expect, it } from 'vitest';
import { validateForm } from '../../src/forms.js';
import { action } from '../../src/payload.js';
import type { Form } from '../../src/ui.js';

const form: Form = {
  id: 'f',
  title: 'T',
  submitLabel: 'Send',
  action: action('x', 'f'),
  fields: [
    { id: 'title', label: 'Title', kind: 'text', required: true, maxLength: 10 },
    { id: 'body', label: 'Body', kind: 'longtext' },
    { id: 'n', label: 'N', kind: 'number', min: 2, max: 20 },
    { id: 'when', label: 'When', kind: 'datetime' },
    { id: 'day', label: 'Day', kind: 'date' },
    {
      id: 'pick',
      label: 'Pick',
      kind: 'choice',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    },
    { id: 'many', label: 'Many', kind: 'multichoice', maxChoices: 2, options: ['a', 'b', 'c'].map((v) => ({ value: v, label: v })) },
  ],
};

describe('form validation', () => {
  it('parses good values: numbers, Oslo date-times, choices', () => {
    const r = validateForm(form, { title: ' Hei ', n: '3', when: '30.03.2026 09:00', day: '2026-10-25', pick: 'b', many: ['a', 'c'] }, 'nb');
    expect(r.errors).toEqual({});
    expect(r.values.title).toBe('Hei');
    expect(r.values.n).toBe(3);
    expect((r.values.when as Date).toISOString()).toBe('2026-03-30T07:00:00.000Z'); // summer time (UTC+2)
    expect((r.values.day as Date).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(r.values.many).toEqual(['a', 'c']);
  });

  it('gives one message per bad field, in the member’s language', () => {
    const r = validateForm(form, { title: '', n: '30', when: 'i morgen', pick: 'z', many: ['a', 'b', 'c'] }, 'nn');
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual({
      title: 'Fyll ut dette feltet.',
      n: 'Skriv eit tal frå 2 til 20.',
      when: 'Skriv dato og klokkeslett som 2026-03-30 09:00.',
      pick: 'Vel eitt av alternativa.',
      many: 'Vel høgst 2.',
    });
  });

  it('says how long a too-long text is', () => {
    const r = validateForm(form, { title: 'x'.repeat(11), body: 'y'.repeat(4001) }, 'en');
    expect(r.errors.title).toBe('Too long: 11 characters, at most 10. Please shorten it.');
    expect(r.errors.body).toBe('Too long: 4001 characters, at most 4000. Please shorten it.');
  });

  it('refuses a national identity number in any text field', () => {
    const r = validateForm(form, { title: 'Sak', body: 'Gjelder pasient 15038510190' }, 'nb');
    expect(r.errors.body).toMatch(/fødselsnummer/);
  });
});
