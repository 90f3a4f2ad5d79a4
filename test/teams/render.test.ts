/** The pure Reply → Adaptive Card converter: schema 1.5, size budget, nothing lost, and the way back. */
import { describe, expect, it } from 'vitest';
import { decodeSubmission, inputId, timeInputId } from '../../adapters/teams/card-data.js';
import { renderReply, toMarkdown, type TeamsMessage } from '../../adapters/teams/render.js';
import { action } from '../../src/payload.js';
import type { Form, Reply } from '../../src/ui.js';
import { seenOf } from '../support/teams-driver.js';
import { cardProblems } from './validate-card.js';

const form: Form = {
  id: 'f',
  title: 'Innspel',
  submitLabel: 'Send inn',
  action: action('input', 'answer', { round: 'r1' }),
  intro: 'Svar innan *fredag*.',
  values: { text: 'Vi treng meir', when: '2026-04-01 10:30', many: ['a', 'b'], n: 'tre' },
  errors: { n: 'Skriv eit tal.', _form: 'Noko må rettast.' },
  fields: [
    { id: 'text', label: 'Svar', kind: 'longtext', required: true, maxLength: 4000, hint: 'Kort og konkret' },
    { id: 'title', label: 'Tittel', kind: 'text', placeholder: 'Tittel' },
    { id: 'n', label: 'Tal', kind: 'number', min: 0, max: 10 },
    { id: 'day', label: 'Dag', kind: 'date' },
    { id: 'when', label: 'Tid', kind: 'datetime', required: true },
    { id: 'one', label: 'Ein', kind: 'choice', options: Array.from({ length: 8 }, (_, i) => ({ value: `o${i}`, label: `Val ${i}` })) },
    {
      id: 'many',
      label: 'Fleire',
      kind: 'multichoice',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
        { value: 'c', label: 'C' },
      ],
    },
  ],
};

const everything: Reply = {
  text: 'Alt',
  elements: [
    { type: 'section', text: '*Feit* og _kursiv_ med https://helse-bergen.no/samhandling.\nAndre linje' },
    {
      type: 'fields',
      fields: [
        { label: 'Frist', value: '30. mars' },
        { label: 'Organ', value: '*SSU*' },
      ],
    },
    { type: 'divider' },
    {
      type: 'bars',
      bars: [
        { label: 'Ja', count: 7, total: 10 },
        { label: 'Nei', count: 0, total: 0 },
      ],
    },
    { type: 'context', text: 'Intern (gul)' },
    { type: 'links', links: [{ label: 'Legg i kalenderen (.ics)', url: 'https://samla.example.no/meetings/abc.nb.sig.ics' }] },
    {
      type: 'buttons',
      buttons: [
        { label: 'Ja', action: action('poll', 'vote', { o: 1 }), style: 'primary' },
        { label: 'Slett', action: action('poll', 'del'), style: 'danger' },
      ],
    },
    {
      type: 'select',
      label: 'Kva organ?',
      options: [
        { value: 'ssu', label: 'SSU' },
        { value: 'pm', label: 'PM' },
      ],
      action: action('poll', 'body'),
    },
    {
      type: 'select',
      label: 'Kommune',
      placeholder: 'Vel',
      options: Array.from({ length: 17 }, (_, i) => ({ value: `k${i}`, label: `Kommune ${i}` })),
      action: action('poll', 'muni'),
    },
    { type: 'form', form },
  ],
};

function cards(ms: TeamsMessage[]) {
  return ms.flatMap((m) => (m.kind === 'card' ? [m.card] : []));
}

describe('Teams renderer', () => {
  it('one line of text is a plain message with Teams markdown', () => {
    expect(renderReply({ text: 'Hei *Kari*, sjå https://example.no' })).toEqual([{ kind: 'text', text: 'Hei **Kari**, sjå [https://example.no](https://example.no)' }]);
  });

  it('every element kind renders to a valid Adaptive Card 1.5, in every language', () => {
    for (const lang of ['nb', 'nn', 'en'] as const) {
      const out = cards(renderReply(everything, { lang }));
      expect(out).toHaveLength(1);
      expect(cardProblems(out[0])).toEqual([]);
      expect(JSON.stringify(out[0])).toContain('"type":"Action.OpenUrl","title":"Legg i kalenderen (.ics)","url":"https://samla.example.no/meetings/abc.nb.sig.ics"');
    }
  });

  it('keeps typed values that the typed inputs could not hold, as text', () => {
    const seen = seenOf({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: cards(renderReply(everything))[0] }] });
    expect(seen.form).toMatchObject({
      title: 'Innspel',
      values: { text: 'Vi treng meir', when: '2026-04-01 10:30', many: 'a,b', n: 'tre' },
      errors: { n: 'Skriv eit tal.', _form: 'Noko må rettast.' },
    });
    expect(seen.buttons).toEqual(['Ja', 'Slett', 'SSU', 'PM', ...Array.from({ length: 17 }, (_, i) => `Kommune ${i}`)]);
    expect(seen.text).toContain('7 (70\u00a0%)');
  });

  it('a submission comes back as the form’s action with values by field id', () => {
    const card = cards(renderReply(everything))[0]!;
    const datas: Record<string, unknown>[] = [];
    JSON.stringify(card, (k, v) => (k === 'data' && datas.push(v as Record<string, unknown>), v));
    const submit = datas.find((x) => x.samlaForm === '0')!;
    const value = {
      ...submit,
      [inputId(0, 'text')]: 'Svar',
      [inputId(0, 'when')]: '2026-04-02',
      [timeInputId(0, 'when')]: '08:15',
      [inputId(0, 'many')]: 'a,c',
      'samla.select.0': 'k3',
    };
    expect(decodeSubmission(value)).toEqual({
      kind: 'submit',
      action: { d: 'input', s: 'answer', a: { round: 'r1' } },
      values: { text: 'Svar', when: '2026-04-02 08:15', many: 'a,c' },
    });
    const ok = datas.find((x) => x.samlaSelect === 'samla.select.0')!;
    expect(decodeSubmission({ ...ok, 'samla.select.0': 'k3' })).toEqual({ kind: 'action', action: { d: 'poll', s: 'muni', a: { value: 'k3' } } });
    expect(decodeSubmission({ samla: '{"v":0}' })).toEqual({ kind: 'unknown' });
  });

  it('a big reply is split across cards under the size limit, and no text is lost', () => {
    const answers = Array.from({ length: 400 }, (_, i) => `• Kommune ${i % 17}: ${'Vi treng fleire fastlegar og betre samhandling. '.repeat(4)}#${i}`);
    const oneLongLine = 'ord '.repeat(5000);
    const big: Reply = {
      text: 'Samanstilling',
      elements: [
        { type: 'section', text: answers.join('\n') },
        { type: 'section', text: oneLongLine },
        { type: 'fields', fields: Array.from({ length: 120 }, (_, i) => ({ label: `Part ${i}`, value: 'har svart' })) },
        { type: 'form', form },
      ],
    };
    const out = cards(renderReply(big));
    expect(out.length).toBeGreaterThan(3);
    for (const c of out) {
      expect(cardProblems(c)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThan(80_000);
    }
    const all = out.map((c) => JSON.stringify(c)).join('');
    for (const a of answers) expect(all).toContain(toMarkdown(a).replace(/"/g, '\\"'));
    expect(all).toContain('Part 119');
    expect((all.match(/ord/g) ?? []).length).toBeGreaterThanOrEqual(5000);
    // The form stays whole on one card, with its submit.
    expect(out.filter((c) => JSON.stringify(c).includes('"samlaForm"'))).toHaveLength(1);
    expect(JSON.stringify(out.at(-1))).toContain(`(${out.length}/${out.length})`);
  });
});
