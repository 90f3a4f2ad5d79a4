/**
 * The message catalogs as data: where they are, what each message's placeholders are, and the
 * typed `texts.ts` module written from them. Used by `npm run i18n` (writes) and by the language
 * gate in the tests (checks).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

export const LANGS = ['nb', 'nn', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Where catalogs may live: a `locales/` folder next to a feature (or the core, or an adapter). */
const ROOTS = ['src', 'adapters', 'dialogs'];
const KEY = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/;

export interface CatalogSource {
  /** The feature's folder, relative to the repository (`dialogs/poll`). */
  dir: string;
  /** The key prefix every key starts with (`poll`). */
  prefix: string;
  messages: Record<Lang, Record<string, string>>;
}

export function findCatalogs(repo: string): CatalogSource[] {
  const found: CatalogSource[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(repo, dir), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const sub = join(dir, entry.name);
      if (entry.name === 'locales') found.push(readCatalog(repo, dir));
      else walk(sub);
    }
  };
  for (const root of ROOTS) walk(root);
  return found.sort((a, b) => a.dir.localeCompare(b.dir));
}

function readCatalog(repo: string, dir: string): CatalogSource {
  const messages = Object.fromEntries(
    LANGS.map((lang) => {
      const file = join(repo, dir, 'locales', `${lang}.json`);
      return [lang, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {}];
    }),
  ) as Record<Lang, Record<string, string>>;
  const prefixes = new Set(Object.keys(messages.en).map((k) => k.split('.')[0]!));
  if (prefixes.size !== 1) throw new Error(`${dir}/locales/en.json: every key must start with the same feature prefix (found ${[...prefixes].join(', ') || 'none'})`);
  return { dir: dir.split(sep).join('/'), prefix: [...prefixes][0]!, messages };
}

export type ArgKind = 'text' | 'number';

/** A message's placeholders and what they take; plural, select ordinal and number arguments take numbers. */
export function placeholders(message: string): Map<string, ArgKind> {
  const args = new Map<string, ArgKind>();
  const visit = (els: MessageFormatElement[]): void => {
    for (const el of els) {
      if (el.type === TYPE.argument || el.type === TYPE.select) {
        if (!args.has(el.value)) args.set(el.value, 'text');
      }
      if (el.type === TYPE.number || el.type === TYPE.plural) args.set(el.value, 'number');
      if (el.type === TYPE.date || el.type === TYPE.time) args.set(el.value, 'number');
      if (el.type === TYPE.select || el.type === TYPE.plural) for (const opt of Object.values(el.options)) visit(opt.value);
      if (el.type === TYPE.tag) visit(el.children);
    }
  };
  visit(parse(message, { ignoreTag: true }));
  return args;
}

/** The literal words of a message, without its ICU syntax (for the spell check). */
export function literalText(message: string): string {
  const parts: string[] = [];
  const visit = (els: MessageFormatElement[]): void => {
    for (const el of els) {
      if (el.type === TYPE.literal) parts.push(el.value);
      else if (el.type === TYPE.select || el.type === TYPE.plural) {
        // Each option is a text of its own: keep their words apart.
        for (const opt of Object.values(el.options)) {
          parts.push(' ');
          visit(opt.value);
          parts.push(' ');
        }
      } else parts.push(' ');
    }
  };
  visit(parse(message, { ignoreTag: true }));
  return parts.join('');
}

export function isWellFormedKey(key: string, prefix: string): boolean {
  return KEY.test(key) && key.startsWith(`${prefix}.`);
}

/** The `texts.ts` module for a catalog: its messages' types and the catalog itself, laid out by Prettier. */
export async function typedModule(repo: string, cat: CatalogSource): Promise<string> {
  const file = join(repo, typedModulePath(cat));
  return format(typedModuleSource(cat), { ...(await resolveConfig(file)), filepath: file });
}

function typedModuleSource(cat: CatalogSource): string {
  const i18n = relative(cat.dir, 'src/i18n.js').split(sep).join('/');
  const lines = Object.keys(cat.messages.en)
    .sort()
    .map((key) => {
      const args = placeholders(cat.messages.en[key]!);
      if (args.size === 0) return `  '${key}': never;`;
      const fields = [...args].map(([name, kind]) => `${name}: ${kind === 'number' ? 'number' : 'MessageValue'}`).join('; ');
      return `  '${key}': { ${fields} };`;
    });
  const usesValue = lines.some((l) => l.includes('MessageValue'));
  return [
    `// Written by \`npm run i18n\` from locales/*.json; edit those, not this file.`,
    `import { defineCatalog${usesValue ? ', type MessageValue' : ''} } from '${i18n.startsWith('.') ? i18n : `./${i18n}`}';`,
    `import en from './locales/en.json' with { type: 'json' };`,
    `import nb from './locales/nb.json' with { type: 'json' };`,
    `import nn from './locales/nn.json' with { type: 'json' };`,
    ``,
    `export interface Messages {`,
    ...lines,
    `}`,
    ``,
    `export const texts = defineCatalog<Messages>('${cat.prefix}', { nb, nn, en });`,
    ``,
  ].join('\n');
}

export function typedModulePath(cat: CatalogSource): string {
  return join(cat.dir, 'texts.ts');
}
