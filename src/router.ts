/** Maps the first word of a message to a dialog, in nb, nn and en alike. */
import { distance } from 'fastest-levenshtein';
import type { Dialog } from './dialog.js';
import type { Lang } from './ui.js';

export interface Route {
  dialog: Dialog;
  word: string;
  args: string;
}

export class Router {
  private readonly byWord = new Map<string, Dialog>();
  private readonly byId = new Map<string, Dialog>();

  constructor(dialogs: Dialog[]) {
    for (const d of dialogs) {
      if (this.byId.has(d.id)) throw new Error(`two dialogs with id ${d.id}`);
      this.byId.set(d.id, d);
      // A form's submission is routed by its spec's ids: a table key that differs would never be reached.
      for (const [key, h] of Object.entries(d.forms ?? {})) {
        if (h.spec.id !== key || h.spec.dialog !== d.id) throw new Error(`form ${d.id}.${key} is declared as ${h.spec.dialog}.${h.spec.id}`);
      }
      for (const lang of Object.keys(d.commands) as Lang[]) {
        for (const w of d.commands[lang]) {
          const word = normalize(w);
          const other = this.byWord.get(word);
          if (other && other !== d) throw new Error(`command word «${word}» used by both ${other.id} and ${d.id}`);
          this.byWord.set(word, d);
        }
      }
    }
  }

  dialog(id: string): Dialog | undefined {
    return this.byId.get(id);
  }

  dialogs(): Dialog[] {
    return [...this.byId.values()];
  }

  /** The route for a message, or null when its first word is no command. */
  match(text: string): Route | null {
    const trimmed = text.trim().replace(/^\//, '');
    const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
    if (!m) return null;
    const word = normalize(m[1]!);
    const dialog = this.byWord.get(word);
    return dialog ? { dialog, word, args: m[2]!.trim() } : null;
  }

  /** The nearest command word in the member's language, for «did you mean». */
  suggest(text: string, lang: Lang): string | null {
    const word = normalize(text.trim().split(/\s+/)[0] ?? '');
    if (!word) return null;
    let best: { w: string; d: number } | null = null;
    for (const d of this.byId.values()) {
      for (const w of [...d.commands[lang], ...Object.values(d.commands).flat()]) {
        const dist = distance(word, normalize(w));
        if (!best || dist < best.d) best = { w, d: dist };
      }
    }
    if (!best) return null;
    return best.d <= Math.max(1, Math.floor(word.length / 3)) ? best.w : null;
  }
}

function normalize(w: string): string {
  return w.toLowerCase().normalize('NFC');
}
