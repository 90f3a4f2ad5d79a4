/**
 * Pure conversion of the neutral UI model to Block Kit: messages, modals and the App Home tab.
 * Everything stays within Slack's limits (limits.ts) by construction: long text is split into
 * several sections, more than 50 blocks continue in a further message, text that cannot be split
 * (button and option labels, modal titles) is shortened with an ellipsis, and a select with more
 * than 100 options becomes an external select (modals) or grouped options (messages).
 */
import type { ViewOutput } from '@slack/bolt';
import { barGlyphs, barShares } from '../../src/markup.js';
import { encodePayload, openFormAction, type ActionPayload } from '../../src/payload.js';
import { parseDate, parseDateTime, toInputDate, toInputDateTime } from '../../src/time.js';
import type { Bar, Element, Form, FormField, FormValues, Lang, Option, Reply } from '../../src/ui.js';
import { LIMITS, type SlackBlock, type SlackHome, type SlackMessage, type SlackModal } from './limits.js';
import { texts } from './texts.js';

export const FORM_CALLBACK_ID = 'samla_form';
/** Every interactive element of ours has an action id with this prefix; its value is the encoded payload. */
export const ACTION_PREFIX = 'samla';

type Block = SlackBlock;
type Plain = { type: 'plain_text'; text: string };

/** Shortens a text that cannot be split, keeping the start. */
export function shorten(s: string, max: number): string {
  const t = s.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** Slack mrkdwn: our *bold* and _italic_ are Slack's own; only &, < and > need escaping. */
export function mrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const plain = (text: string, max: number): Plain => ({ type: 'plain_text', text: shorten(text, max) || '…' });

/** Splits text into pieces of at most max characters, at line breaks where possible. */
export function splitText(s: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of s.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      if (cur) {
        out.push(cur);
        cur = '';
      }
      // A single line longer than the limit: cut at the last space before it.
      const cut = rest.lastIndexOf(' ', max) > max / 2 ? rest.lastIndexOf(' ', max) : max;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    const next = cur ? `${cur}\n${rest}` : rest;
    if (next.length > max) {
      out.push(cur);
      cur = rest;
    } else cur = next;
  }
  if (cur.trim()) out.push(cur);
  return out.filter((p) => p.trim());
}

function sections(text: string): Block[] {
  return splitText(mrkdwn(text), LIMITS.sectionText).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));
}

function barLines(bars: Bar[], lang: Lang): string {
  const shares = barShares(bars, lang);
  return bars.map((b, i) => `${b.label}\n\`${barGlyphs(b)}\` ${b.count} (${shares[i]})`).join('\n');
}

/** Numbers the interactive elements of one message so their action ids are unique. */
class Ids {
  private n = 0;
  next(): string {
    return `${ACTION_PREFIX}-${++this.n}`;
  }
}

function button(label: string, action: ActionPayload, ids: Ids, style?: 'primary' | 'danger') {
  return {
    type: 'button' as const,
    text: plain(label, LIMITS.buttonText),
    action_id: ids.next(),
    value: encodePayload(action),
    ...(style ? { style } : {}),
  };
}

function buttonRows(buttons: ReturnType<typeof button>[]): Block[] {
  const rows: Block[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) {
    rows.push({ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsElements) });
  }
  return rows;
}

/** The payload a select option stands for: the select's action with the chosen value (as in the console). */
export function optionAction(action: ActionPayload, value: string): ActionPayload {
  return { ...action, a: { ...(action.a ?? {}), value } };
}

function selectBlocks(e: Extract<Element, { type: 'select' }>, ids: Ids, lang: Lang): Block[] {
  const values = e.options.map((o) => encodePayload(optionAction(e.action, o.value)));
  // An option value holds at most 150 characters; when a payload is longer, the choices become buttons.
  if (values.some((v) => v.length > LIMITS.optionValue) || e.options.length === 0) {
    return [...sections(e.label), ...buttonRows(e.options.map((o) => button(o.label, optionAction(e.action, o.value), ids)))];
  }
  const opts = e.options.map((o, i) => ({ text: plain(o.label, LIMITS.optionText), value: values[i]! }));
  const max = LIMITS.staticOptions * LIMITS.optionGroups;
  const shown = opts.slice(0, max);
  let select;
  if (shown.length <= LIMITS.staticOptions) {
    select = { type: 'static_select' as const, action_id: ids.next(), placeholder: plain(e.placeholder ?? texts(lang, 'slack.form.choose'), LIMITS.placeholder), options: shown };
  } else {
    // More than 100: groups of 100 (Slack filters across groups as the member types).
    const groups = [];
    for (let i = 0; i < shown.length; i += LIMITS.staticOptions) {
      const part = shown.slice(i, i + LIMITS.staticOptions);
      groups.push({ label: plain(texts(lang, 'slack.form.optionGroup', { from: i + 1, to: i + part.length }), LIMITS.optionText), options: part });
    }
    select = {
      type: 'static_select' as const,
      action_id: ids.next(),
      placeholder: plain(e.placeholder ?? texts(lang, 'slack.form.choose'), LIMITS.placeholder),
      option_groups: groups,
    };
  }
  const label = opts.length > max ? `${e.label} ${texts(lang, 'slack.notice.more', { n: opts.length - max })}` : e.label;
  const [first, ...rest] = splitText(mrkdwn(label), LIMITS.sectionText);
  return [
    { type: 'section', text: { type: 'mrkdwn', text: first ?? '…' }, accessory: select },
    ...rest.map((t): Block => ({ type: 'section', text: { type: 'mrkdwn', text: t } })),
  ];
}

/** Block Kit for the elements of a message (forms become a button that opens them). */
export function messageBlocks(r: Reply, lang: Lang, ids = new Ids()): Block[] {
  const els: Element[] = r.elements?.length ? r.elements : [{ type: 'section', text: r.text }];
  const blocks: Block[] = [];
  for (const e of els) {
    switch (e.type) {
      case 'section':
        blocks.push(...sections(e.text));
        break;
      case 'context':
        for (const t of splitText(mrkdwn(e.text), LIMITS.contextText)) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t }] });
        break;
      case 'divider':
        blocks.push({ type: 'divider' });
        break;
      case 'fields': {
        const cells = e.fields.map((f) => shorten(`*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}`, LIMITS.fieldText));
        for (let i = 0; i < cells.length; i += LIMITS.sectionFields) {
          blocks.push({ type: 'section', fields: cells.slice(i, i + LIMITS.sectionFields).map((t) => ({ type: 'mrkdwn' as const, text: t })) });
        }
        break;
      }
      case 'bars':
        blocks.push(...sections(barLines(e.bars, lang)));
        break;
      case 'links':
        // Labelled links rather than url buttons: a url button still sends an action to answer.
        blocks.push(
          ...splitText(e.links.map((l) => `<${l.url.replace(/[<>|]/g, encodeURIComponent)}|${mrkdwn(l.label).replace(/\|/g, '¦')}>`).join('   ·   '), LIMITS.sectionText).map(
            (t): Block => ({ type: 'section', text: { type: 'mrkdwn', text: t } }),
          ),
        );
        break;
      case 'buttons':
        blocks.push(...buttonRows(e.buttons.map((b) => button(b.label, b.action, ids, b.style))));
        break;
      case 'select':
        blocks.push(...selectBlocks(e, ids, lang));
        break;
      case 'form':
        // A message cannot hold inputs, and a modal needs a click's trigger id: offer a button.
        if (e.form.intro) blocks.push(...sections(e.form.intro));
        blocks.push(...buttonRows([button(e.form.title, openFormAction(e.form), ids, 'primary')]));
        break;
    }
  }
  if (!blocks.length) blocks.push(...sections(r.text || '…'));
  return blocks;
}

/** A reply as one or more messages of at most 50 blocks; later ones say they continue the first. */
export function renderMessages(r: Reply, lang: Lang): SlackMessage[] {
  const blocks = messageBlocks(r, lang);
  const out: SlackMessage[] = [];
  const room = LIMITS.messageBlocks;
  for (let i = 0; i < blocks.length; i += room) {
    const text = i === 0 ? shorten(mrkdwn(r.text || '…'), LIMITS.sectionText) : texts(lang, 'slack.notice.continued');
    out.push({ text, blocks: blocks.slice(i, i + room) as SlackMessage['blocks'] });
  }
  return out;
}

/** One message for an update in place: the first 50 blocks, the rest summed up as «(+N more)». */
export function renderSingleMessage(r: Reply, lang: Lang): SlackMessage {
  return {
    text: shorten(mrkdwn(r.text || '…'), LIMITS.sectionText),
    blocks: capBlocks(messageBlocks(r, lang), LIMITS.messageBlocks, (n) => texts(lang, 'slack.notice.more', { n })) as SlackMessage['blocks'],
  };
}

/** Keeps at most max blocks; the last one says how many were left out. */
function capBlocks(blocks: Block[], max: number, more: (left: number) => string): Block[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  return [...kept, { type: 'context', elements: [{ type: 'mrkdwn', text: more(blocks.length - kept.length) }] }];
}

/** The App Home tab: the dashboard, shortened to 100 blocks with a pointer to the full «status». */
export function renderHome(r: Reply, lang: Lang): SlackHome {
  const blocks = messageBlocks(r, lang);
  const capped = blocks.length <= LIMITS.viewBlocks ? blocks : capBlocks(blocks, LIMITS.viewBlocks, () => texts(lang, 'slack.notice.homeMore'));
  return { type: 'home', blocks: capped as SlackHome['blocks'] };
}

// ---------------------------------------------------------------- modals

/** What a modal carries to its submission: the form's action and the conversation it was opened in. */
export interface FormMetadata {
  /** The encoded form action. */
  a: string;
  /** The channel the form was opened in, when not a direct conversation. */
  c?: string;
}

export function encodeMetadata(m: FormMetadata): string {
  const s = JSON.stringify(m);
  // The action is at most 2,000 characters and a channel id is short, so this stays under 3,000.
  return s.length <= LIMITS.privateMetadata ? s : JSON.stringify({ a: m.a });
}

export function decodeMetadata(s: string | undefined): FormMetadata | null {
  if (!s) return null;
  try {
    const m = JSON.parse(s) as FormMetadata;
    return typeof m.a === 'string' ? m : null;
  } catch {
    return null;
  }
}

function optionObj(o: Option) {
  return { text: plain(o.label, LIMITS.optionText), value: shorten(o.value, LIMITS.optionValue) };
}

function asList(v: FormValues[string] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean);
}

function fieldElement(f: FormField, value: FormValues[string] | undefined, lang: Lang) {
  const action_id = f.id;
  const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
  const placeholder = f.placeholder ? { placeholder: plain(f.placeholder, LIMITS.placeholder) } : {};
  const options = f.options ?? [];
  switch (f.kind) {
    case 'text':
    case 'longtext': {
      const max = Math.min(f.maxLength ?? (f.kind === 'text' ? 200 : LIMITS.inputMaxLength), LIMITS.inputMaxLength);
      return {
        type: 'plain_text_input' as const,
        action_id,
        ...(f.kind === 'longtext' ? { multiline: true } : {}),
        max_length: max,
        ...(text ? { initial_value: text.slice(0, max) } : {}),
        ...placeholder,
      };
    }
    case 'number':
      return {
        type: 'number_input' as const,
        action_id,
        is_decimal_allowed: true,
        ...(text ? { initial_value: text } : {}),
        ...(f.min !== undefined ? { min_value: String(f.min) } : {}),
        ...(f.max !== undefined ? { max_value: String(f.max) } : {}),
        ...placeholder,
      };
    case 'date': {
      const d = text ? parseDate(text) : null;
      return { type: 'datepicker' as const, action_id, ...(d ? { initial_date: toInputDate(d) } : {}) };
    }
    case 'datetime': {
      const d = text ? parseDateTime(text) : null;
      return { type: 'datetimepicker' as const, action_id, ...(d ? { initial_date_time: Math.floor(d.getTime() / 1000) } : {}) };
    }
    case 'choice': {
      const chosen = options.find((o) => o.value === text);
      const initial = chosen ? { initial_option: optionObj(chosen) } : {};
      const ph = { placeholder: plain(f.placeholder ?? texts(lang, 'slack.form.choose'), LIMITS.placeholder) };
      if (options.length > LIMITS.staticOptions) return { type: 'external_select' as const, action_id, min_query_length: 0, ...ph, ...initial };
      return { type: 'static_select' as const, action_id, options: options.map(optionObj), ...ph, ...initial };
    }
    case 'multichoice': {
      const picked = asList(value);
      const chosen = options.filter((o) => picked.includes(o.value)).map(optionObj);
      const initial = chosen.length ? { initial_options: chosen } : {};
      const maxItems = f.maxChoices ? { max_selected_items: f.maxChoices } : {};
      const ph = { placeholder: plain(f.placeholder ?? texts(lang, 'slack.form.choose'), LIMITS.placeholder) };
      if (options.length > LIMITS.staticOptions) return { type: 'multi_external_select' as const, action_id, min_query_length: 0, ...ph, ...initial, ...maxItems };
      if (options.length <= 10 && !f.maxChoices) return { type: 'checkboxes' as const, action_id, options: options.map(optionObj), ...initial };
      return { type: 'multi_static_select' as const, action_id, options: options.map(optionObj), ...ph, ...initial, ...maxItems };
    }
  }
}

/**
 * Slack takes at most 3,000 characters in one input, and Samla's long fields take up to 4,000.
 * Such a field is asked for in parts: blocks `id`, `id~2`, … whose texts are joined with a line
 * break on submit (valuesFromState). A longer text written elsewhere is split the same way when
 * the form is opened, so editing it in Slack loses nothing.
 */
const PART_MARK = '~';

/** The field a later part's block belongs to (`text~2` → `text`), or null for a field's own block. */
export function fieldOfPart(blockId: string): string | null {
  const mark = blockId.lastIndexOf(PART_MARK);
  return mark > 0 ? blockId.slice(0, mark) : null;
}

/** Splits a text into pieces Slack's inputs take, at a line break (else a space) where one is near the end. */
export function splitForInputs(text: string, max: number = LIMITS.inputMaxLength): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) {
      pieces.push(rest.slice(0, max));
      rest = rest.slice(max);
    } else {
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
  }
  pieces.push(rest);
  return pieces;
}

/** The field as one input per part: the field itself first, then `id~2`, `id~3`, … labelled as continued. */
function inputParts(f: FormField, value: FormValues[string] | undefined, lang: Lang): { field: FormField; value: FormValues[string] | undefined }[] {
  if ((f.kind !== 'text' && f.kind !== 'longtext') || (f.maxLength ?? 0) <= LIMITS.inputMaxLength) return [{ field: f, value }];
  const pieces = splitForInputs(Array.isArray(value) ? value.join(', ') : (value ?? ''));
  const count = Math.max(Math.ceil(f.maxLength! / LIMITS.inputMaxLength), pieces.length);
  const continued = (i: number): FormField => ({
    ...f,
    id: `${f.id}${PART_MARK}${i + 1}`,
    label: `${f.label} ${texts(lang, 'slack.notice.continued')}`,
    required: false,
    hint: undefined,
    placeholder: undefined,
  });
  return Array.from({ length: count }, (_, i) => ({ field: i === 0 ? f : continued(i), value: pieces[i] }));
}

/** A form as a modal. Field ids are the block ids and action ids, so a submission maps straight back. */
export function renderModal(form: Form, meta: Omit<FormMetadata, 'a'>, lang: Lang): SlackModal {
  const blocks: Block[] = [];
  if (form.intro) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: shorten(mrkdwn(form.intro), LIMITS.sectionText) } });
  if (form.errors?._form) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: shorten(`⚠️ ${mrkdwn(form.errors._form)}`, LIMITS.contextText) }] });
  const room = LIMITS.viewBlocks - blocks.length;
  const inputs: Block[] = [];
  for (const f of form.fields) {
    const err = form.errors?.[f.id];
    for (const part of inputParts(f, form.values?.[f.id], lang)) {
      const hint = [part.field === f && err ? `⚠️ ${err}` : '', part.field.hint ?? ''].filter(Boolean).join(' — ');
      inputs.push({
        type: 'input',
        block_id: part.field.id,
        label: plain(part.field.label, LIMITS.inputLabel),
        ...(hint ? { hint: plain(hint, LIMITS.inputHint) } : {}),
        optional: !part.field.required,
        element: fieldElement(part.field, part.value, lang),
      } as Block);
    }
  }
  blocks.push(...inputs.slice(0, room));
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalButton),
    close: plain(texts(lang, 'slack.button.cancel'), LIMITS.modalButton),
    private_metadata: encodeMetadata({ a: encodePayload(form.action), ...meta }),
    blocks: blocks as SlackModal['blocks'],
  };
}

/** Slack's errors for a rejected submission: per input block; a whole-form error goes on the first field. */
export function modalErrors(form: Form): Record<string, string> {
  const errors: Record<string, string> = {};
  const ids = new Set(form.fields.map((f) => f.id));
  for (const [k, v] of Object.entries(form.errors ?? {})) if (ids.has(k)) errors[k] = shorten(v, LIMITS.inputHint);
  const general = Object.entries(form.errors ?? {})
    .filter(([k]) => !ids.has(k))
    .map(([, v]) => v);
  const first = form.fields[0]?.id;
  if (general.length && first) errors[first] = shorten([errors[first], ...general].filter(Boolean).join(' '), LIMITS.inputHint);
  return errors;
}

/** The submitted values by field id, as the core's form validation expects them. */
export function valuesFromState(state: ViewOutput['state']['values']): FormValues {
  const values: FormValues = {};
  const parts = new Map<string, { n: number; text: string }[]>();
  for (const [blockId, byAction] of Object.entries(state)) {
    const field = fieldOfPart(blockId);
    if (field) {
      // A later part of a long field (see inputParts): joined onto the field below.
      const text = Object.values(byAction)[0]?.value ?? '';
      parts.set(field, [...(parts.get(field) ?? []), { n: Number(blockId.slice(field.length + 1)), text }]);
      continue;
    }
    for (const v of Object.values(byAction)) {
      switch (v.type) {
        case 'static_select':
        case 'external_select':
          values[blockId] = v.selected_option?.value ?? '';
          break;
        case 'multi_static_select':
        case 'multi_external_select':
        case 'checkboxes':
          values[blockId] = (v.selected_options ?? []).map((o) => o.value);
          break;
        case 'datepicker':
          values[blockId] = v.selected_date ?? '';
          break;
        case 'datetimepicker':
          values[blockId] = typeof v.selected_date_time === 'number' ? toInputDateTime(new Date(v.selected_date_time * 1000)) : '';
          break;
        default:
          values[blockId] = v.value ?? '';
      }
    }
  }
  for (const [id, later] of parts) {
    const first = typeof values[id] === 'string' ? (values[id] as string) : '';
    values[id] = [first, ...later.sort((a, b) => a.n - b.n).map((p) => p.text)].filter((t) => t !== '').join('\n');
  }
  return values;
}

/** Options for an external select: those whose label contains what was typed, at most 100. */
export function matchingOptions(field: FormField, query: string): { text: Plain; value: string }[] {
  const q = query.trim().toLowerCase();
  return (field.options ?? [])
    .filter((o) => !q || o.label.toLowerCase().includes(q))
    .slice(0, LIMITS.staticOptions)
    .map(optionObj);
}
