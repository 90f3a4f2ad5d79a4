/**
 * Pure conversion of the neutral Reply into what Teams shows: a plain message for one line of
 * text, otherwise Adaptive Cards (schema 1.5, what Teams supports) with a plain-text fallback.
 * Long content is split across several cards on purpose, so no card passes the size budget and
 * nothing is cut off. No botbuilder here: the output is plain JSON.
 */
import { barTexts, plainText } from '../../src/markup.js';
import { encodePayload } from '../../src/payload.js';
import { texts as coreTexts } from '../../src/texts.js';
import type { Element, Form, FormField, Lang, Reply } from '../../src/ui.js';
import { texts } from './texts.js';
import { errorBlockId, FORM_KEY, formTitleId, inputId, PAYLOAD_KEY, SELECT_KEY, selectInputId, splitMulti, timeInputId } from './card-data.js';

export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/**
 * Bytes of card JSON per message. Teams refuses messages from about 28 KB on (the product limit we
 * were given is 80 KB); staying well under both leaves room for the activity around the card.
 */
export const CARD_BUDGET_BYTES = 24_000;
/** A line longer than this is cut into pieces at word boundaries, so packing can split it across cards. */
const MAX_LINE_CHARS = 3_000;
/** Up to this many options a select shows as buttons; more become a drop-down with an OK button. */
const MAX_SELECT_BUTTONS = 6;
/** Up to this many options a single choice field shows as radio buttons. */
const MAX_EXPANDED_CHOICES = 5;

export type CardElement = Record<string, unknown>;
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  fallbackText: string;
  body: CardElement[];
}

export type TeamsMessage = { kind: 'text'; text: string } | { kind: 'card'; card: AdaptiveCard; summary: string };

// ── markup ────────────────────────────────────────────────────────────────────────────────────

const URL_RE = /\bhttps?:\/\/[^\s<>()]+[^\s<>().,;:!?'"»]/g;

/** Neutral markup (*bold*, _italic_, bare URLs) as the markdown Teams renders. */
export function toMarkdown(s: string): string {
  return s.replace(/\*([^*\n]+)\*/g, '**$1**').replace(URL_RE, (u) => `[${u}](${u})`);
}

/** The whole reply as plain text, for the card's fallback and the notification summary. */
export function fallbackText(r: Reply): string {
  const lines: string[] = [];
  for (const e of r.elements ?? []) {
    switch (e.type) {
      case 'section':
      case 'context':
        lines.push(plainText(e.text));
        break;
      case 'fields':
        for (const f of e.fields) lines.push(`${plainText(f.label)}: ${plainText(f.value)}`);
        break;
      case 'bars':
        for (const b of e.bars) lines.push(`${plainText(b.label)}: ${b.count}/${b.total}`);
        break;
      case 'links':
        for (const l of e.links) lines.push(`${l.label}: ${l.url}`);
        break;
      case 'form':
        lines.push(e.form.title);
        break;
      default:
        break;
    }
  }
  return lines.length ? lines.join('\n') : plainText(r.text);
}

// ── blocks: each element becomes one or more blocks; packing never splits a block ──────────────

type Block = CardElement[];

/** Lines of a text, with overlong lines cut at word boundaries (never dropped). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > MAX_LINE_CHARS) {
      let cut = rest.lastIndexOf(' ', MAX_LINE_CHARS);
      if (cut < MAX_LINE_CHARS / 2) cut = MAX_LINE_CHARS;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^ /, '');
    }
    out.push(rest);
  }
  return out;
}

function textBlocks(text: string, extra: CardElement = {}): Block[] {
  return splitLines(text).map((line, i) => [{ type: 'TextBlock', text: line ? toMarkdown(line) : ' ', wrap: true, ...(i > 0 ? { spacing: 'None' } : {}), ...extra }]);
}

function submitAction(title: string, data: Record<string, unknown>, style?: 'primary' | 'danger'): CardElement {
  return {
    type: 'Action.Submit',
    title,
    data,
    // Buttons beside a form must not demand that the form be filled in first.
    associatedInputs: 'none',
    ...(style ? { style: style === 'primary' ? 'positive' : 'destructive' } : {}),
  };
}

function actionSets(actions: CardElement[]): Block[] {
  // Teams shows at most six actions in a row; more go on the next row.
  const blocks: Block[] = [];
  for (let i = 0; i < actions.length; i += MAX_SELECT_BUTTONS) {
    blocks.push([{ type: 'ActionSet', actions: actions.slice(i, i + MAX_SELECT_BUTTONS) }]);
  }
  return blocks;
}

function elementBlocks(e: Element, lang: Lang, selectIndex: () => number, formIndex: () => number): Block[] {
  switch (e.type) {
    case 'section':
      return textBlocks(e.text);
    case 'context':
      return textBlocks(e.text, { isSubtle: true, size: 'Small' });
    case 'divider':
      return [[{ type: 'Container', separator: true, spacing: 'Medium', items: [] }]];
    case 'fields': {
      // FactSets of a modest size, so a long list can still be split across cards.
      const blocks: Block[] = [];
      for (let i = 0; i < e.fields.length; i += 20) {
        const facts = e.fields.slice(i, i + 20).map((f) => ({ title: plainText(f.label), value: toMarkdown(f.value) }));
        blocks.push([{ type: 'FactSet', facts }]);
      }
      return blocks;
    }
    case 'bars': {
      const shown = barTexts(e.bars, lang);
      return e.bars.map((b, i) => [
        { type: 'TextBlock', text: toMarkdown(b.label), wrap: true, spacing: 'Small' },
        { type: 'TextBlock', text: shown[i]!, fontType: 'Monospace', spacing: 'None', wrap: true },
      ]);
    }
    case 'buttons':
      return actionSets(e.buttons.map((b) => submitAction(b.label, { [PAYLOAD_KEY]: encodePayload(b.action) }, b.style)));
    case 'links':
      return actionSets(e.links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })));
    case 'select': {
      const label: Block = [{ type: 'TextBlock', text: toMarkdown(e.label), wrap: true, weight: 'Bolder' }];
      if (e.options.length <= MAX_SELECT_BUTTONS) {
        const buttons = e.options.map((o) => submitAction(o.label, { [PAYLOAD_KEY]: encodePayload({ ...e.action, a: { ...(e.action.a ?? {}), value: o.value } }) }));
        return [label, ...actionSets(buttons)];
      }
      const id = selectInputId(selectIndex());
      return [
        [
          ...label,
          {
            type: 'Input.ChoiceSet',
            id,
            style: 'compact',
            ...(e.placeholder ? { placeholder: e.placeholder } : {}),
            choices: e.options.map((o) => ({ title: o.label, value: o.value })),
          },
          {
            type: 'ActionSet',
            actions: [{ type: 'Action.Submit', title: texts(lang, 'teams.button.choose'), data: { [PAYLOAD_KEY]: encodePayload(e.action), [SELECT_KEY]: id } }],
          },
        ],
      ];
    }
    case 'form':
      return [formBlock(e.form, formIndex(), lang)];
  }
}

// ── forms ─────────────────────────────────────────────────────────────────────────────────────

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::\d{2})?$/;

function asText(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}

/** The inputs for one field: typed where the value allows it, a text box with the raw value otherwise. */
function fieldInputs(f: FormField, n: number, value: string | string[] | undefined, lang: Lang): CardElement[] {
  const id = inputId(n, f.id);
  const common = { id, label: f.label, ...(f.required ? { isRequired: true, errorMessage: coreTexts(lang, 'core.field.required') } : {}) };
  const text = asText(value);
  const hint = f.hint ? [{ type: 'TextBlock', text: toMarkdown(f.hint), wrap: true, isSubtle: true, size: 'Small', spacing: 'None' }] : [];
  const textInput = (multi: boolean) => ({
    type: 'Input.Text',
    ...common,
    ...(multi ? { isMultiline: true } : {}),
    ...(f.placeholder ? { placeholder: f.placeholder } : {}),
    // The card never holds back what was typed: a value longer than the limit stays, and the error says so.
    ...(f.maxLength && text.length <= f.maxLength ? { maxLength: f.maxLength } : {}),
    ...(text ? { value: text } : {}),
  });
  switch (f.kind) {
    case 'text':
      return [textInput(false), ...hint];
    case 'longtext':
      return [textInput(true), ...hint];
    case 'number': {
      if (text && !Number.isFinite(Number(text.replace(',', '.')))) return [textInput(false), ...hint];
      return [
        {
          type: 'Input.Number',
          ...common,
          ...(f.min !== undefined ? { min: f.min } : {}),
          ...(f.max !== undefined ? { max: f.max } : {}),
          ...(f.placeholder ? { placeholder: f.placeholder } : {}),
          ...(text ? { value: Number(text.replace(',', '.')) } : {}),
        },
        ...hint,
      ];
    }
    case 'date':
      if (text && !ISO_DATE.test(text)) return [textInput(false), ...hint];
      return [{ type: 'Input.Date', ...common, ...(text ? { value: text } : {}) }, ...hint];
    case 'datetime': {
      const m = ISO_DATE_TIME.exec(text);
      if (text && !m) return [textInput(false), ...hint];
      return [
        { type: 'Input.Date', ...common, ...(m ? { value: m[1] } : {}) },
        {
          type: 'Input.Time',
          id: timeInputId(n, f.id),
          label: `${f.label}: ${texts(lang, 'teams.form.time')}`,
          ...(f.required ? { isRequired: true, errorMessage: coreTexts(lang, 'core.field.required') } : {}),
          spacing: 'Small',
          ...(m ? { value: m[2] } : {}),
        },
        ...hint,
      ];
    }
    case 'choice':
    case 'multichoice': {
      const multi = f.kind === 'multichoice';
      const options = f.options ?? [];
      const chosen = multi ? splitMulti(text) : text ? [text] : [];
      const known = chosen.filter((c) => options.some((o) => o.value === c));
      return [
        {
          type: 'Input.ChoiceSet',
          ...common,
          style: multi || options.length <= MAX_EXPANDED_CHOICES ? 'expanded' : 'compact',
          ...(multi ? { isMultiSelect: true } : {}),
          ...(f.placeholder ? { placeholder: f.placeholder } : {}),
          choices: options.map((o) => ({ title: o.label, value: o.value })),
          ...(known.length ? { value: known.join(',') } : {}),
        },
        ...hint,
      ];
    }
  }
}

function errorBlock(id: string, text: string): CardElement {
  return { type: 'TextBlock', id, text: `⚠ ${text}`, wrap: true, color: 'Attention', spacing: 'Small' };
}

/** One form as one block: it is never split across cards, or its submit would lose inputs. */
export function formBlock(form: Form, n: number, lang: Lang): Block {
  const errors = form.errors ?? {};
  const values = form.values ?? {};
  const items: CardElement[] = [{ type: 'TextBlock', id: formTitleId(n), text: form.title, wrap: true, weight: 'Bolder', size: 'Medium' }];
  if (form.intro) items.push(...textBlocks(form.intro).flat());
  if (errors._form) items.push(errorBlock(errorBlockId(n, '_form'), errors._form));
  for (const f of form.fields) {
    items.push(...fieldInputs(f, n, values[f.id], lang));
    const err = errors[f.id];
    if (err) items.push(errorBlock(errorBlockId(n, f.id), err));
  }
  items.push({
    type: 'ActionSet',
    actions: [{ type: 'Action.Submit', title: form.submitLabel, style: 'positive', data: { [PAYLOAD_KEY]: encodePayload(form.action), [FORM_KEY]: String(n) } }],
  });
  return [{ type: 'Container', items }];
}

// ── packing ───────────────────────────────────────────────────────────────────────────────────

function bytes(x: unknown): number {
  return Buffer.byteLength(JSON.stringify(x), 'utf8');
}

function card(body: CardElement[], fallback: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText: fallback,
    body,
  };
}

/** Cuts a text into pieces of at most `max` bytes (for a fallback text that would not fit). */
function clip(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s, 'utf8') <= maxBytes) return s;
  let cut = Math.floor(maxBytes / 4);
  while (cut < s.length && Buffer.byteLength(s.slice(0, cut + 64), 'utf8') < maxBytes - 8) cut += 64;
  return `${s.slice(0, cut)}…`;
}

export interface RenderOptions {
  /** The reader's language, for the few words the card adds itself. */
  lang?: Lang;
  budgetBytes?: number;
}

/** Renders a Reply as the messages Teams shows, in order. */
export function renderReply(r: Reply, opts: RenderOptions = {}): TeamsMessage[] {
  const budget = opts.budgetBytes ?? CARD_BUDGET_BYTES;
  const elements = r.elements ?? [];
  if (!elements.length && !r.text.includes('\n') && r.text.length <= MAX_LINE_CHARS) {
    return [{ kind: 'text', text: toMarkdown(r.text) }];
  }

  let selects = 0;
  let forms = 0;
  const blocks: Block[] = [];
  const shown: Element[] = elements.length ? elements : [{ type: 'section', text: r.text }];
  let separateNext = false;
  for (const e of shown) {
    if (e.type === 'divider') {
      separateNext = true;
      continue;
    }
    const bs = elementBlocks(
      e,
      opts.lang ?? 'nb',
      () => selects++,
      () => forms++,
    );
    if (separateNext && bs[0]?.[0]) bs[0][0] = { ...bs[0][0], separator: true, spacing: 'Medium' };
    separateNext = false;
    blocks.push(...bs);
  }

  // The fallback text is part of each card's size: it gets a share of the budget and is never the
  // reason a card is split. The full text is always in the cards themselves.
  const summary = plainText(r.text);
  const fallback = clip(fallbackText(r), Math.floor(budget / 4));
  const bodies: CardElement[][] = [];
  let current: CardElement[] = [];
  const base = bytes(card([], fallback));
  let size = base;
  for (const b of blocks) {
    const s = bytes(b) + b.length;
    if (current.length && size + s > budget) {
      bodies.push(current);
      current = [];
      size = base;
    }
    current.push(...b);
    size += s;
  }
  if (current.length) bodies.push(current);

  return bodies.map((body, i) => ({
    kind: 'card' as const,
    card: card(
      bodies.length > 1 ? [...body, { type: 'TextBlock', text: `(${i + 1}/${bodies.length})`, isSubtle: true, size: 'Small', horizontalAlignment: 'Right' }] : body,
      fallback,
    ),
    summary: clip(summary, 1000),
  }));
}
