/**
 * Validation of form submissions against the form's own field definitions, in one place for
 * every dialog and platform. Values that fail are returned with per-field messages; nothing is
 * thrown away.
 */
import { containsNationalId } from './guard.js';
import { texts as coreTexts } from './texts.js';
import { parseDate, parseDateTime } from './time.js';
import type { Form, FormField, FormValue, FormValues, Lang } from './ui.js';

/** What a validated form hands to a dialog: strings trimmed, numbers and dates parsed. */
export type CleanValue = string | string[] | number | Date | undefined;
export type CleanValues = Record<string, CleanValue>;

export interface FormCheck {
  ok: boolean;
  values: CleanValues;
  errors: Record<string, string>;
}

/** Free-text that a field may hold at most when the form sets no limit. */
export const DEFAULT_MAX_TEXT = 4000;

export function validateForm(form: Form, raw: FormValues, lang: Lang): FormCheck {
  const values: CleanValues = {};
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const r = checkField(field, raw[field.id], lang);
    if (r.error) errors[field.id] = r.error;
    else values[field.id] = r.value;
  }
  return { ok: Object.keys(errors).length === 0, values, errors };
}

/** Any text in a submission holds an identity number: checked before anything else sees it. */
export function submissionHasNationalId(raw: FormValues): boolean {
  return Object.entries(raw).some(([k, v]) => containsNationalId(k) || valueHasNationalId(v));
}

/** A list is also read as a whole: a number typed across two entries («150765, 00565») is still one. */
export function valueHasNationalId(v: FormValue | undefined): boolean {
  if (v === undefined) return false;
  if (!Array.isArray(v)) return containsNationalId(String(v));
  return v.some((x) => containsNationalId(String(x))) || containsNationalId(v.join(' '));
}

function asList(v: FormValue | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean);
}

function checkField(f: FormField, v: FormValue | undefined, lang: Lang): { value?: CleanValue; error?: string } {
  if (f.kind === 'multichoice') {
    const list = asList(v);
    if (valueHasNationalId(list)) return { error: coreTexts(lang, 'core.field.nationalId') };
    if (f.required && list.length === 0) return { error: coreTexts(lang, 'core.field.required') };
    const allowed = new Set((f.options ?? []).map((o) => o.value));
    if (list.some((x) => !allowed.has(x))) return { error: coreTexts(lang, 'core.field.notOption') };
    if (f.maxChoices && list.length > f.maxChoices) return { error: coreTexts(lang, 'core.field.tooManyChoices', { max: f.maxChoices }) };
    return { value: [...new Set(list)] };
  }
  const s = (Array.isArray(v) ? v.join(', ') : (v ?? '')).trim();
  if (!s) return f.required ? { error: coreTexts(lang, 'core.field.required') } : { value: undefined };
  if (containsNationalId(s)) return { error: coreTexts(lang, 'core.field.nationalId') };
  switch (f.kind) {
    case 'text':
    case 'longtext': {
      const max = f.maxLength ?? (f.kind === 'text' ? 200 : DEFAULT_MAX_TEXT);
      if (s.length > max) return { error: coreTexts(lang, 'core.field.tooLong', { length: s.length, max }) };
      return { value: s };
    }
    case 'number': {
      const n = Number(s.replace(',', '.'));
      if (!Number.isFinite(n)) return { error: coreTexts(lang, 'core.field.notNumber') };
      if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max)) {
        return { error: coreTexts(lang, 'core.field.numberRange', { min: f.min ?? '−∞', max: f.max ?? '∞' }) };
      }
      return { value: n };
    }
    case 'date': {
      const d = parseDate(s);
      return d ? { value: d } : { error: coreTexts(lang, 'core.field.notDate') };
    }
    case 'datetime': {
      const d = parseDateTime(s);
      return d ? { value: d } : { error: coreTexts(lang, 'core.field.notDateTime') };
    }
    case 'choice': {
      const allowed = (f.options ?? []).map((o) => o.value);
      return allowed.includes(s) ? { value: s } : { error: coreTexts(lang, 'core.field.notOption') };
    }
  }
}
