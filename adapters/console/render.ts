/**
 * Pure rendering of the neutral Reply as terminal text. Buttons and select options become
 * numbered choices; the caller keeps the list to map a typed number back to its action.
 */
import type { ActionPayload } from '../../src/payload.js';
import { barTexts, plainText } from '../../src/markup.js';
import type { Element, Form, FormField, Lang, Reply } from '../../src/ui.js';
import { texts } from './texts.js';

export interface Choice {
  label: string;
  action: ActionPayload;
}

export interface Rendered {
  text: string;
  choices: Choice[];
  forms: Form[];
}

export function renderReply(r: Reply, startAt = 1, lang: Lang = 'nb'): Rendered {
  const lines: string[] = [];
  const choices: Choice[] = [];
  const forms: Form[] = [];
  const els: Element[] = r.elements?.length ? r.elements : [{ type: 'section', text: r.text }];
  for (const e of els) {
    switch (e.type) {
      case 'section':
        lines.push(plainText(e.text));
        break;
      case 'fields':
        for (const f of e.fields) lines.push(`${plainText(f.label)}: ${plainText(f.value)}`);
        break;
      case 'context':
        lines.push(`  ${plainText(e.text)}`);
        break;
      case 'divider':
        lines.push('─'.repeat(40));
        break;
      case 'links':
        for (const l of e.links) lines.push(`${l.label}: ${l.url}`);
        break;
      case 'bars': {
        const w = Math.max(...e.bars.map((b) => b.label.length), 1);
        const shown = barTexts(e.bars, lang);
        e.bars.forEach((b, i) => lines.push(`${plainText(b.label).padEnd(w)}  ${shown[i]}`));
        break;
      }
      case 'buttons':
        lines.push(
          e.buttons
            .map((b) => {
              choices.push({ label: b.label, action: b.action });
              return `[${startAt + choices.length - 1}] ${b.label}`;
            })
            .join('   '),
        );
        break;
      case 'select':
        lines.push(`${plainText(e.label)}:`);
        for (const o of e.options) {
          choices.push({ label: o.label, action: { ...e.action, a: { ...(e.action.a ?? {}), value: o.value } } });
          lines.push(`  [${startAt + choices.length - 1}] ${o.label}`);
        }
        break;
      case 'form':
        forms.push(e.form);
        break;
    }
  }
  return { text: lines.join('\n'), choices, forms };
}

/** The question for one form field, with its current value and options. */
export function fieldPrompt(f: FormField, current: string | string[] | undefined, lang: Lang, error?: string): string {
  const parts: string[] = [];
  if (error) parts.push(`! ${error}`);
  let q = `${f.label}${f.required ? '' : ` (${texts(lang, 'console.form.optional')})`}`;
  // Slack and Teams have date and time pickers; here the format is typed, so it is shown.
  const format = f.kind === 'date' || f.kind === 'datetime' ? texts(lang, `console.form.example.${f.kind}`) : '';
  const hint = [f.hint, format].filter(Boolean).join('; ');
  if (hint) q += ` — ${hint}`;
  parts.push(q);
  if (f.options?.length) {
    f.options.forEach((o, i) => parts.push(`  [${i + 1}] ${o.label}`));
    if (f.kind === 'multichoice') parts.push(`  (${texts(lang, 'console.form.multi')})`);
  }
  const cur = Array.isArray(current) ? current.join(', ') : current;
  const shown = cur && cur.length > 80 ? `${cur.slice(0, 77)}…` : cur;
  // A value in error cannot be kept (↵ would only fail again): it is shown, and a new one asked for.
  if (shown) parts.push(error ? `  (${texts(lang, 'console.form.typed')}: ${shown})` : `  [${shown}] ${texts(lang, 'console.form.keep')}`);
  return parts.join('\n');
}

/** Turns what was typed for a choice field (numbers or values) into option values. */
export function parseChoice(f: FormField, typed: string): string | string[] {
  const opts = f.options ?? [];
  const pick = (tok: string) => {
    const n = Number(tok);
    if (Number.isInteger(n) && n >= 1 && n <= opts.length) return opts[n - 1]!.value;
    const byLabel = opts.find((o) => o.label.toLowerCase() === tok.toLowerCase() || o.value === tok);
    return byLabel ? byLabel.value : tok;
  };
  if (f.kind === 'multichoice')
    return typed
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(pick);
  return pick(typed.trim());
}
