/**
 * Texts in nb, nn and en as ICU MessageFormat (plurals, select, numbers and percentages by Intl),
 * formatted by FormatJS's intl-messageformat. Each feature keeps its messages as data, one file per
 * language (`locales/{nb,nn,en}.json` next to the feature), with keys of one scheme
 * (`poll.form.create.question.label`). `npm run i18n` writes the feature's `texts.ts` from them: the
 * catalog, typed so that a misspelt key or a missing placeholder is a compile error.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Lang } from './ui.js';

/** What a message's placeholders take; plurals and numbers take numbers. */
export type MessageValue = string | number;

/** The values argument of a message: none for a message without placeholders. */
export type ValuesOf<V> = [V] extends [never] ? [] : [values: V];

/** The keys of messages without placeholders. */
export type PlainKey<M> = { [K in keyof M & string]: [M[K]] extends [never] ? K : never }[keyof M & string];

export interface Catalog<M extends object> {
  <K extends keyof M & string>(lang: Lang, key: K, ...values: ValuesOf<M[K]>): string;
  /** The feature's key prefix (`poll`). */
  readonly prefix: string;
  /** Type only: lets the compiler read the messages back off a catalog (see defineForm). */
  readonly messages?: M;
  readonly keys: readonly (keyof M & string)[];
  /** Whether the catalog has this key (for keys built by convention, such as a form field's hint). */
  has(key: string): key is keyof M & string;
  /** The message in every language, for matching what people type (messages without placeholders). */
  all<K extends keyof M & string>(key: K, ...values: ValuesOf<M[K]>): string[];
}

type Source = Record<string, string>;

/** Intl's locale for each written standard. */
const LOCALE: Record<Lang, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export function defineCatalog<M extends object>(prefix: string, sources: Record<Lang, Source>): Catalog<M> {
  const compiled = new Map<string, IntlMessageFormat>();
  const compile = (lang: Lang, key: string): IntlMessageFormat | null => {
    const id = `${lang}\u0000${key}`;
    let f = compiled.get(id);
    if (!f) {
      // A key missing in one language falls back to English; the language gate keeps that from happening.
      const text = Object.hasOwn(sources[lang], key) ? sources[lang][key] : Object.hasOwn(sources.en, key) ? sources.en[key] : undefined;
      if (text === undefined) return null;
      // ignoreTag: our texts carry Slack links (<url|label>), not XML tags.
      f = new IntlMessageFormat(text, LOCALE[lang], undefined, { ignoreTag: true });
      compiled.set(id, f);
    }
    return f;
  };
  const format = (lang: Lang, key: string, values?: Record<string, MessageValue>): string => {
    const f = compile(lang, key);
    if (!f) return key;
    return String(f.format(values));
  };
  const catalog = ((lang: Lang, key: string, values?: Record<string, MessageValue>) => format(lang, key, values)) as unknown as Catalog<M>;
  Object.defineProperties(catalog, {
    prefix: { value: prefix },
    keys: { value: Object.keys(sources.en) },
    has: { value: (key: string) => Object.hasOwn(sources.en, key) },
    all: { value: (key: string, values?: Record<string, MessageValue>) => (['nb', 'nn', 'en'] as const).map((l) => format(l, key, values)) },
  });
  return catalog;
}
