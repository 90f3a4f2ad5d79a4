/**
 * Texts in nb, nn and en. Each module defines its own catalog with defineTexts; the compiler
 * refuses a catalog where one language lacks a key the others have.
 */
import type { Lang } from './ui.js';

export type Vars = Record<string, string | number>;
export type T = (key: string, vars?: Vars) => string;

export interface Catalog<K extends string> {
  (lang: Lang, key: K, vars?: Vars): string;
  keys: readonly K[];
  /** The same text in every language, for matching what people type. */
  all(key: K): string[];
}

export function defineTexts<const E extends Record<string, string>>(texts: {
  en: E;
  nb: { [k in keyof E]: string };
  nn: { [k in keyof E]: string };
}): Catalog<Extract<keyof E, string>> {
  type K = Extract<keyof E, string>;
  const fn = ((lang: Lang, key: K, vars?: Vars) => interpolate(texts[lang][key] ?? texts.en[key], vars)) as Catalog<K>;
  fn.keys = Object.keys(texts.en) as K[];
  fn.all = (key: K) => [texts.nb[key], texts.nn[key], texts.en[key]] as string[];
  return fn;
}

export function interpolate(s: string, vars?: Vars): string {
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Binds a catalog to one language. */
export function bind<K extends string>(cat: Catalog<K>, lang: Lang): (key: K, vars?: Vars) => string {
  return (key, vars) => cat(lang, key, vars);
}
