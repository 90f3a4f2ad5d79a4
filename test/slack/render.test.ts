/** The pure Block Kit renderer: everything it produces validates against Slack's limits. */
import { describe, expect, it } from 'vitest';
import { homeSchema, LIMITS, messageSchema, modalSchema } from '../../adapters/slack/limits.js';
import { decodeMetadata, modalErrors, renderHome, renderMessages, renderModal, renderSingleMessage, valuesFromState } from '../../adapters/slack/render.js';
import type { ViewStateValue } from '@slack/bolt';
import { action, decodePayload } from '../../src/payload.js';
import type { Form, Reply } from '../../src/ui.js';

const long = (n: number, word = 'samhandling') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');
const options = (n: number) => Array.from({ length: n }, (_, i) => ({ value: `o${i}`, label: `Alternativ ${i} ${'x'.repeat(90)}` }));

const bigForm: Form = {
  id: 'big',
  title: 'Innspel til strategi for helsefellesskapet 2026–2030',
  submitLabel: 'Send inn innspelet ditt no',
  intro: long(800),
  action: action('test', 'big', { id: '65f0c0ffee0000000000abcd' }),
  fields: [
    { id: 'title', label: 'Tittel', kind: 'text', required: true, maxLength: 120 },
    { id: 'body', label: 'Grunngiving', kind: 'longtext', maxLength: 8000 },
    { id: 'party', label: 'Part', kind: 'choice', options: options(250), required: true },
    { id: 'groups', label: 'Prioriterte grupper', kind: 'multichoice', options: options(4) },
    { id: 'many', label: 'Kommunar', kind: 'multichoice', options: options(120), maxChoices: 3 },
    { id: 'some', label: 'Tema', kind: 'multichoice', options: options(30), maxChoices: 2 },
    { id: 'when', label: 'Frist', kind: 'date' },
    { id: 'at', label: 'Møtetid', kind: 'datetime' },
    { id: 'n', label: 'Tal', kind: 'number', min: 1, max: 10 },
  ],
  values: { title: 'x'.repeat(300), party: 'o3', at: '2026-03-30 09:00', when: '30.03.2026' },
};

const bigReply: Reply = {
  text: long(2000),
  elements: [
    { type: 'section', text: long(1500) },
    { type: 'fields', fields: Array.from({ length: 35 }, (_, i) => ({ label: `Felt ${i}`, value: long(300) })) },
    { type: 'buttons', buttons: Array.from({ length: 60 }, (_, i) => ({ label: `Knapp ${i} ${'y'.repeat(100)}`, action: action('test', 'b', { i }) })) },
    { type: 'select', label: 'Vel kommune', options: options(250), action: action('test', 'pick') },
    { type: 'bars', bars: Array.from({ length: 120 }, (_, i) => ({ label: `Svar ${i}`, count: i, total: 200 })) },
    { type: 'context', text: long(600) },
    ...Array.from({ length: 40 }, () => ({ type: 'divider' as const })),
    { type: 'form', form: bigForm },
  ],
};

describe('Block Kit rendering within Slack’s limits', () => {
  it('splits a big reply into several valid messages, nothing dropped', () => {
    const msgs = renderMessages(bigReply, 'nn');
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) expect(messageSchema.safeParse(m).success, JSON.stringify(messageSchema.safeParse(m).error?.issues[0])).toBe(true);
    expect(msgs[1]!.text).toBe('(held fram)');
    const buttons = msgs.flatMap((m) => m.blocks).flatMap((b) => (b.type === 'actions' ? b.elements : []));
    // 60 buttons + the form's open button, each ≤ 75 characters, shortened with an ellipsis.
    expect(buttons.filter((b) => b.type === 'button')).toHaveLength(61);
    expect(buttons.every((b) => b.type !== 'button' || b.text.text.length <= LIMITS.buttonText)).toBe(true);
    const all = msgs
      .flatMap((m) => m.blocks)
      .map((b) => JSON.stringify(b))
      .join('');
    expect(all).toContain('Svar 119');
    expect(all).toContain('Felt 34');
  });

  it('links are labelled (<url|label>), never bare', () => {
    const r: Reply = {
      text: 'Eksport',
      elements: [
        {
          type: 'links',
          links: [
            { label: 'CSV', url: 'https://samla.example.no/exports/a.csv' },
            { label: 'Excel', url: 'https://samla.example.no/exports/a.xlsx' },
          ],
        },
      ],
    };
    const [m] = renderMessages(r, 'nb');
    expect(messageSchema.safeParse(m).success).toBe(true);
    expect(JSON.stringify(m!.blocks)).toContain('<https://samla.example.no/exports/a.csv|CSV>');
    expect(JSON.stringify(m!.blocks)).toContain('<https://samla.example.no/exports/a.xlsx|Excel>');
  });

  it('a form in a message is a button that reopens it', () => {
    const msgs = renderMessages({ text: 'Skjema', elements: [{ type: 'form', form: bigForm }] }, 'nb');
    const btn = msgs.flatMap((m) => m.blocks).flatMap((b) => (b.type === 'actions' ? b.elements : []))[0]!;
    expect(btn.type).toBe('button');
    const p = decodePayload((btn as { value: string }).value)!;
    expect(p).toMatchObject({ d: 'test', s: '@form', a: { '@f': 'big', id: '65f0c0ffee0000000000abcd' } });
  });

  it('a select of 250 options groups them by 100', () => {
    const [m] = renderMessages({ text: 'x', elements: [{ type: 'select', label: 'Vel', options: options(250), action: action('test', 'pick') }] }, 'nb');
    const sel = (m!.blocks[0] as { accessory: { option_groups: { options: unknown[] }[] } }).accessory;
    expect(sel.option_groups.map((g) => g.options.length)).toEqual([100, 100, 50]);
    expect(messageSchema.safeParse(m).success).toBe(true);
  });

  it('an update in place keeps to one message with «(+N more)»', () => {
    const m = renderSingleMessage(bigReply, 'en');
    expect(messageSchema.safeParse(m).success).toBe(true);
    expect(m.blocks).toHaveLength(50);
    expect(JSON.stringify(m.blocks.at(-1))).toMatch(/\(\+\d+ more\)/);
  });

  it('a form becomes a valid modal: short title, external select beyond 100 options, values kept', () => {
    const view = renderModal(bigForm, { c: 'C123' }, 'nb');
    const r = modalSchema.safeParse(view);
    expect(r.success, JSON.stringify(r.error?.issues[0])).toBe(true);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.close?.text).toBe('Avbryt');
    const byId = Object.fromEntries(
      view.blocks.filter((b) => b.type === 'input').map((b) => [(b as { block_id: string }).block_id, (b as { element: Record<string, unknown> }).element]),
    );
    expect(byId.party).toMatchObject({ type: 'external_select', initial_option: { value: 'o3' } });
    expect(byId.groups).toMatchObject({ type: 'checkboxes' });
    expect(byId.many).toMatchObject({ type: 'multi_external_select', max_selected_items: 3 });
    expect(byId.some).toMatchObject({ type: 'multi_static_select', max_selected_items: 2 });
    expect(byId.body).toMatchObject({ type: 'plain_text_input', multiline: true, max_length: 3000 });
    expect(byId.title).toMatchObject({ max_length: 120, initial_value: 'x'.repeat(120) });
    expect(byId.when).toMatchObject({ initial_date: '2026-03-30' });
    expect(byId.at).toMatchObject({ initial_date_time: Date.parse('2026-03-30T07:00:00Z') / 1000 });
    expect(decodeMetadata(view.private_metadata)).toMatchObject({ c: 'C123' });
    expect(view.private_metadata!.length).toBeLessThanOrEqual(LIMITS.privateMetadata);
  });

  it('a submission maps back to field ids, date-times as Oslo wall-clock', () => {
    const v = valuesFromState({
      title: { title: { type: 'plain_text_input', value: 'Hei' } },
      party: { party: { type: 'external_select', selected_option: { value: 'o7', text: { type: 'plain_text', text: 'Fedje' } } } },
      groups: {
        groups: {
          type: 'checkboxes',
          selected_options: [
            { value: 'o1', text: { type: 'plain_text', text: 'A' } },
            { value: 'o2', text: { type: 'plain_text', text: 'B' } },
          ],
        },
      },
      when: { when: { type: 'datepicker', selected_date: '2026-04-01' } },
      at: { at: { type: 'datetimepicker', selected_date_time: Date.parse('2026-03-30T07:00:00Z') / 1000 } },
      n: { n: { type: 'number_input', value: null } },
    });
    expect(v).toEqual({ title: 'Hei', party: 'o7', groups: ['o1', 'o2'], when: '2026-04-01', at: '2026-03-30 09:00', n: '' });
  });

  describe('a field longer than Slack’s 3,000 characters per input', () => {
    const answerForm = (value?: string, errors?: Record<string, string>): Form => ({
      id: 'answer',
      title: 'Svar',
      submitLabel: 'Send',
      action: action('input', 'answer'),
      fields: [{ id: 'text', label: 'Innspel', kind: 'longtext', required: true, maxLength: 4000, hint: 'Kort og konkret' }],
      ...(value ? { values: { text: value } } : {}),
      ...(errors ? { errors } : {}),
    });
    const inputs = (f: Form) =>
      renderModal(f, {}, 'nn').blocks.filter((b) => b.type === 'input') as unknown as {
        block_id: string;
        optional: boolean;
        label: { text: string };
        hint?: { text: string };
        element: { action_id: string; max_length: number; initial_value?: string };
      }[];
    /** What Slack sends back when the member submits the modal as it was opened. */
    const submitted = (f: Form) =>
      valuesFromState(
        Object.fromEntries(inputs(f).map((b) => [b.block_id, { [b.element.action_id]: { type: 'plain_text_input', value: b.element.initial_value ?? null } as ViewStateValue }])),
      );

    it('is asked for in two boxes of at most 3,000, the second optional and labelled as continued', () => {
      const blocks = inputs(answerForm());
      expect(blocks.map((b) => b.block_id)).toEqual(['text', 'text~2']);
      expect(blocks.map((b) => b.element.max_length)).toEqual([3000, 3000]);
      expect(blocks.map((b) => b.optional)).toEqual([false, true]);
      expect(blocks[1]!.label.text).toBe('Innspel (held fram)');
      expect(modalSchema.safeParse(renderModal(answerForm(), {}, 'nn')).success).toBe(true);
    });

    it('a 3,900-character text written elsewhere opens split at a line break and comes back whole', () => {
      const paragraph = (n: number) => `${'Kommunen ønskjer betre samhandling om utskrivingsklare pasientar. '.repeat(n).trim()}`;
      const long = [paragraph(20), paragraph(20), paragraph(18)].join('\n');
      expect(long.length).toBeGreaterThan(3000);
      expect(long.length).toBeLessThanOrEqual(4000);
      const blocks = inputs(answerForm(long));
      expect(blocks.every((b) => (b.element.initial_value ?? '').length <= 3000)).toBe(true);
      expect(submitted(answerForm(long))).toEqual({ text: long });
    });

    it('a text with no line break is split at a space and keeps every word', () => {
      const words = 'samhandling '.repeat(340).trim();
      const back = String(submitted(answerForm(words)).text);
      expect(back.split(/\s+/)).toEqual(words.split(' '));
    });

    it('the parts a member typed are joined with a line break; an empty second box adds nothing', () => {
      const state = (a: string, b: string | null) => ({ text: { text: { type: 'plain_text_input', value: a } }, 'text~2': { 'text~2': { type: 'plain_text_input', value: b } } });
      expect(valuesFromState(state('Første del.', 'Andre del.'))).toEqual({ text: 'Første del.\nAndre del.' });
      expect(valuesFromState(state('Berre ein del.', null))).toEqual({ text: 'Berre ein del.' });
    });

    it('an error shows under the first box', () => {
      const blocks = inputs(answerForm('x', { text: 'Maks 4000 teikn' }));
      expect(blocks[0]!.hint?.text).toContain('Maks 4000 teikn');
      expect(blocks[1]!.hint).toBeUndefined();
      expect(modalErrors(answerForm('x', { text: 'Maks 4000 teikn' }))).toEqual({ text: 'Maks 4000 teikn' });
    });
  });

  it('errors go per field; a whole-form error goes on the first field', () => {
    expect(modalErrors({ ...bigForm, errors: { n: 'For stort', _form: 'Fristen er ute' } })).toEqual({ n: 'For stort', title: 'Fristen er ute' });
  });

  it('the Home tab keeps to 100 blocks and says where the rest is', () => {
    const home = renderHome({ text: 'x', elements: Array.from({ length: 150 }, (_, i) => ({ type: 'section' as const, text: `Linje ${i}` })) }, 'nb');
    expect(homeSchema.safeParse(home).success).toBe(true);
    expect(home.blocks).toHaveLength(100);
    expect(JSON.stringify(home.blocks.at(-1))).toContain('skriv «status»');
  });

  it('escapes what Slack would read as markup or links', () => {
    const [m] = renderMessages({ text: 'a < b & c > d', elements: [{ type: 'section', text: '*Viktig* <!channel> & _no_' }] }, 'nb');
    expect((m!.blocks[0] as { text: { text: string } }).text.text).toBe('*Viktig* &lt;!channel&gt; &amp; _no_');
  });
});
