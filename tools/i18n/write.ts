/**
 * `npm run i18n`: writes each feature's typed `texts.ts` from its `locales/*.json`.
 * `npm run i18n -- --check` writes nothing and fails when one is out of date.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { findCatalogs, typedModule, typedModulePath } from './catalogs.js';

const repo = join(import.meta.dirname, '..', '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const cat of findCatalogs(repo)) {
  const file = join(repo, typedModulePath(cat));
  const wanted = await typedModule(repo, cat);
  if (existsSync(file) && readFileSync(file, 'utf8') === wanted) continue;
  if (check) {
    stale++;
    console.error(`${typedModulePath(cat)} is out of date: run npm run i18n`);
  } else {
    writeFileSync(file, wanted);
    console.log(`wrote ${typedModulePath(cat)}`);
  }
}
process.exit(stale ? 1 : 0);
