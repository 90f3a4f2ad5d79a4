import { describe, expect, it } from 'vitest';
import { defineForm, field } from '../../src/form-spec.js';
import { validateForm } from '../../src/forms.js';
import { defineCatalog } from '../../src/i18n.js';
import { testCatalog } from '../support/catalog.js';

const TYPES = ['single', 'multiple'] as const;
const words = {
  'poll.form.new.question.label': 'Question',
  'poll.form.new.question.hint': 'one line',
  'poll.form.new.type.label': 'Type',
  'poll.form.new.options.label': 'Options',
  'poll.form.new.max.label': 'Max',
  'poll.form.new.closesAt.label': 'Closes',
};
const spec = defineForm(testCatalog('poll', words), 'poll', 'new', {
  question: field.text({ maxLength: 20 }).required(),
  type: field.choice(TYPES),
  options: field.multichoice(),
  max: field.number({ min: 1, max: 5 }),
  closesAt: field.datetime(),
});
const look = {
  title: 'New poll',
  submitLabel: 'Create',
  options: {
    type: [
      { value: 'single', label: 'One answer' },
      { value: 'multiple', label: 'Several' },
    ],
    options: [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ],
  },
};

describe('a form declared once', () => {
  it('renders its fields in declaration order with kinds, limits, words and the routing action', () => {
    const form = spec.render('nb', { ...look, hints: { max: 'at most' }, only: ['question', 'type', 'max'] }, { b: 'x1' });
    expect(form.action).toEqual({ d: 'poll', s: 'new', a: { b: 'x1' } });
    expect(form.fields.map((f) => [f.id, f.kind, f.required ?? false])).toEqual([
      ['question', 'text', true],
      ['type', 'choice', false],
      ['max', 'number', false],
    ]);
    expect(form.fields[0]!.maxLength).toBe(20);
    expect(form.fields.map((f) => f.label)).toEqual(['Question', 'Type', 'Max']);
    expect(form.fields[0]!.hint).toBe('one line');
    expect(form.fields[1]!.options!.map((o) => o.label)).toEqual(['One answer', 'Several']);
    expect(form.fields[2]).toMatchObject({ min: 1, max: 5, hint: 'at most' });
  });

  it('hands the validated values over in their own types', () => {
    const form = spec.render('nb', look);
    const check = validateForm(form, { question: ' Hva nå? ', type: 'multiple', options: ['a', 'b'], max: '2', closesAt: '2030-03-30 09:00' }, 'nb');
    expect(check.ok).toBe(true);
    const v = spec.read(check.values);
    expect(v.question).toBe('Hva nå?');
    expect(v.type).toBe('multiple');
    expect(v.options).toEqual(['a', 'b']);
    expect(v.max).toBe(2);
    expect(v.closesAt).toBeInstanceOf(Date);
  });

  it('gives an unfilled list as empty and an unfilled field as undefined', () => {
    const form = spec.render('nb', look);
    const check = validateForm(form, { question: 'Q' }, 'nb');
    const v = spec.read(check.values);
    expect(v.options).toEqual([]);
    expect(v.type).toBeUndefined();
  });

  it('refuses to read a value its declaration does not allow (a form built against its spec)', () => {
    expect(() => spec.read({ question: 'Q', type: 'ranking' })).toThrow();
    expect(() => spec.read({ type: 'single' })).toThrow();
  });

  it("takes its words from the catalog in the member's language, and those given when shown over them", () => {
    const catalog = defineCatalog<Record<'idea.form.idea.title.label', never>>('idea', {
      nb: { 'idea.form.idea.title.label': 'Tittel' },
      nn: { 'idea.form.idea.title.label': 'Tittel på saka' },
      en: { 'idea.form.idea.title.label': 'Title' },
    });
    const idea = defineForm(catalog, 'idea', 'idea', { title: field.text() });
    const label = (lang: 'nb' | 'nn' | 'en', labels?: { title: string }) => idea.render(lang, { title: 'x', submitLabel: 'y', ...(labels ? { labels } : {}) }).fields[0]!.label;
    expect([label('nb'), label('nn'), label('en')]).toEqual(['Tittel', 'Tittel på saka', 'Title']);
    expect(label('nn', { title: 'Namn på saka' })).toBe('Namn på saka');
  });

  it("does not compile when the catalog lacks a field's label", () => {
    const catalog = testCatalog('idea', { 'idea.form.idea.title.label': 'Tittel' });
    // @ts-expect-error -- 'idea.form.idea.place.label' is not in the catalog
    defineForm(catalog, 'idea', 'idea', { title: field.text(), place: field.text() });
    // Sharing another form's words: the edit form reads like the form it edits.
    defineForm(catalog, 'idea', 'edit', { title: field.text() }, { wordsOf: 'idea' });
    // @ts-expect-error -- without wordsOf, the edit form's own label is missing
    defineForm(catalog, 'idea', 'edit', { title: field.text() });
    // Fields labelled when shown (the places of a ranking) need no label of their own.
    defineForm(catalog, 'idea', 'idea', { title: field.text(), rank1: field.text(), rank2: field.text() }, { labelledWhenShown: ['rank1', 'rank2'] });
    // @ts-expect-error -- rank2 is neither in the catalog nor labelled when shown
    defineForm(catalog, 'idea', 'idea', { title: field.text(), rank1: field.text(), rank2: field.text() }, { labelledWhenShown: ['rank1'] });
  });
});
