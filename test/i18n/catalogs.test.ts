/**
 * The language gate: every catalog complete in nb, nn and en with the same placeholders, its typed
 * module up to date, the Norwegian texts spelt as Debian's hunspell-no dictionaries (nb_NO, nn_NO)
 * spell them, and nynorsk written as nynorsk. The allow-lists next to this file are short and say why.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCatalogs, isWellFormedKey, LANGS, literalText, placeholders, typedModule, typedModulePath } from '../../tools/i18n/catalogs.js';

const repo = join(import.meta.dirname, '..', '..');
const catalogs = findCatalogs(repo);

/** A list file: one entry a line, `#` starts a comment. */
function listFile(name: string): Set<string> {
  const text = readFileSync(join(import.meta.dirname, name), 'utf8');
  return new Set(
    text
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim().toLowerCase())
      .filter(Boolean),
  );
}

/** What a reader reads of a message: no ICU syntax, no link targets, no Slack markup. */
function readable(message: string): string {
  return (
    literalText(message)
      .replace(/<[^|>]*\|([^>]*)>/g, '$1')
      .replace(/https?:\/\/\S+/g, ' ')
      // Code to type (`npm run samla -- …`) is not prose.
      .replace(/`[^`]*`/g, ' ')
      // Names of settings (SAMLA_USER) are not words.
      .replace(/\b[A-Z]+(?:_[A-Z]+)+\b/g, ' ')
      .replace(/[*_~`•→✓✗·]/g, ' ')
  );
}

function misspelt(lang: 'nb' | 'nn', texts: string[]): Set<string> {
  const out = execFileSync('hunspell', ['-d', `${lang}_NO`, '-l'], { input: texts.join('\n'), encoding: 'utf8' });
  // Tokens of one or two letters are abbreviations' parts (t.d., e-post) and language codes (nb, nn, en).
  return new Set(out.split('\n').filter((w) => w.length > 2));
}

describe('the message catalogs', () => {
  it('are found, one per feature, with prefixes of their own', () => {
    expect(catalogs.length).toBeGreaterThan(5);
    const prefixes = catalogs.map((c) => c.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  for (const cat of catalogs) {
    describe(cat.dir, () => {
      it('has the same keys in nb, nn and en, all of one scheme', () => {
        const en = Object.keys(cat.messages.en).sort();
        expect(Object.keys(cat.messages.nb).sort(), 'nb').toEqual(en);
        expect(Object.keys(cat.messages.nn).sort(), 'nn').toEqual(en);
        expect(en.filter((k) => !isWellFormedKey(k, cat.prefix))).toEqual([]);
      });

      it('has the same placeholders, of the same kind, in every language', () => {
        const differing: string[] = [];
        for (const key of Object.keys(cat.messages.en)) {
          const want = JSON.stringify([...placeholders(cat.messages.en[key]!)].sort());
          for (const lang of LANGS) {
            const text = cat.messages[lang][key];
            if (text !== undefined && JSON.stringify([...placeholders(text)].sort()) !== want) differing.push(`${lang} ${key}`);
          }
        }
        expect(differing).toEqual([]);
      });

      it('has its typed module written from the current catalog (npm run i18n)', async () => {
        expect(readFileSync(join(repo, typedModulePath(cat)), 'utf8')).toBe(await typedModule(repo, cat));
      });
    });
  }
});

describe('the Norwegian texts', () => {
  const allowed = listFile('allowed-words.txt');
  for (const lang of ['nb', 'nn'] as const) {
    it(`pass hunspell's ${lang}_NO spell check (allow-list: names and domain words)`, () => {
      const entries = catalogs.flatMap((c) => Object.entries(c.messages[lang]));
      const words = misspelt(
        lang,
        entries.map(([, m]) => readable(m)),
      );
      const unknown = [...words].filter((w) => !allowed.has(w.toLowerCase()));
      const where = unknown.map((w) => `${w}  (${entries.find(([, m]) => readable(m).includes(w))?.[0]})`);
      expect(where).toEqual([]);
    });
  }

  it('write nynorsk in nn, not the bokmål text again (allow-list: texts of three words or more that both standards write alike)', () => {
    const same = listFile('nn-same-as-nb.txt');
    // Labels and buttons of one or two words (Ja, Type, Lagre) are mostly the same in both standards: not flagged.
    const words = (m: string) =>
      readable(m)
        .split(/\s+/)
        .filter((w) => /\p{L}{2}/u.test(w)).length;
    const copied = catalogs.flatMap((c) =>
      Object.keys(c.messages.nb).filter((k) => c.messages.nb[k] === c.messages.nn[k] && words(c.messages.nb[k]!) >= 3 && !same.has(k.toLowerCase())),
    );
    expect(copied).toEqual([]);
  });
});

describe('the code', () => {
  const sources = ['src', 'adapters', 'dialogs'].flatMap((root) =>
    readdirSync(join(repo, root), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(root, f)),
  );

  it('has no language branches: what differs by language is in a catalog', () => {
    const branches = sources.filter((f) => /\blang\s*[!=]==\s*'(nb|nn|en)'/.test(readFileSync(join(repo, f), 'utf8')));
    expect(branches).toEqual([]);
  });

  it("has every feature's texts in a catalog: a texts.ts is always the one written from locales/", () => {
    const handMade = sources.filter((f) => basename(f) === 'texts.ts' && !readFileSync(join(repo, f), 'utf8').startsWith('// Written by `npm run i18n`'));
    expect(handMade).toEqual([]);
  });
});
