/**
 * How Samla's Adaptive Cards carry what comes back on a click: the ids of inputs and the `data`
 * of Action.Submit. Teams merges the values of every input on the card into the `data` of the
 * action clicked, so input ids are namespaced per form on the card.
 * The renderer writes these, the receiver reads them back; nothing here knows botbuilder.
 */
import { decodePayload, type ActionPayload } from '../../src/payload.js';
import type { FormValues } from '../../src/ui.js';

/** Key of our encoded payload in Action.Submit data. */
export const PAYLOAD_KEY = 'samla';
/** Present on a form's submit: the form's index on the card (its inputs are prefixed with it). */
export const FORM_KEY = 'samlaForm';
/** Present on a long select's OK button: the id of its choice input. */
export const SELECT_KEY = 'samlaSelect';

export function inputId(form: number, field: string): string {
  return `samla.${form}.${field}`;
}

/** The time half of a date-time field (its date half has the plain input id). */
export function timeInputId(form: number, field: string): string {
  return `${inputId(form, field)}.time`;
}

export function selectInputId(n: number): string {
  return `samla.select.${n}`;
}

/** Not input ids (those are «samla.<form>.<field>»), so a field may be called anything. */
export function errorBlockId(form: number, field: string): string {
  return `samla.${form}:error:${field}`;
}

export function formTitleId(form: number): string {
  return `samla.${form}:title`;
}

export type Decoded = { kind: 'action'; action: ActionPayload } | { kind: 'submit'; action: ActionPayload; values: FormValues } | { kind: 'unknown' };

/** Reads the `value` of a card submission back into an action or a form submission. */
export function decodeSubmission(value: unknown): Decoded {
  if (!value || typeof value !== 'object') return { kind: 'unknown' };
  const data = value as Record<string, unknown>;
  const raw = data[PAYLOAD_KEY];
  const action = typeof raw === 'string' ? decodePayload(raw) : null;
  if (!action) return { kind: 'unknown' };

  const select = data[SELECT_KEY];
  if (typeof select === 'string') {
    const chosen = data[select];
    return { kind: 'action', action: { ...action, a: { ...(action.a ?? {}), value: typeof chosen === 'string' ? chosen : '' } } };
  }

  const form = data[FORM_KEY];
  if (typeof form !== 'string' && typeof form !== 'number') return { kind: 'action', action };
  const prefix = `samla.${form}.`;
  const values: FormValues = {};
  const times: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    if (!k.startsWith(prefix) || typeof v !== 'string') continue;
    const rest = k.slice(prefix.length);
    if (rest.endsWith('.time')) times[rest.slice(0, -'.time'.length)] = v;
    else values[rest] = v;
  }
  for (const [field, time] of Object.entries(times)) {
    values[field] = [String(values[field] ?? ''), time].filter(Boolean).join(' ');
  }
  return { kind: 'submit', action, values };
}

/** Multi-select choice sets send their values comma-separated. */
export function splitMulti(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
