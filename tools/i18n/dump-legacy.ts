/**
 * One-off help for issue 17: writes an old defineTexts catalog as locales/{nb,nn,en}.json.
 *   npx tsx tools/i18n/dump-legacy.ts <module.ts> <export name> <feature dir> <map.json>
 * map.json: { "oldKey": "new.key", ... }; an old key missing from the map is reported and left out.
 * Messages are converted from {name} interpolation to ICU (literal apostrophes before braces quoted).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modulePath, exportName, featureDir, mapPath] = process.argv.slice(2);
if (!modulePath || !exportName || !featureDir || !mapPath) throw new Error('usage: dump-legacy <module.ts> <export> <feature dir> <map.json>');
const mod = (await import(pathToFileURL(resolve(modulePath)).href)) as Record<string, { raw?: Record<string, Record<string, string>> }>;
const raw = mod[exportName]?.raw;
if (!raw) throw new Error(`${exportName} in ${modulePath} is not a defineTexts catalog`);
const map = JSON.parse(readFileSync(mapPath, 'utf8')) as Record<string, string>;
const missing = Object.keys(raw.en!).filter((k) => !map[k]);
if (missing.length) console.error(`not mapped (left out): ${missing.join(', ')}`);
mkdirSync(join(featureDir, 'locales'), { recursive: true });
for (const lang of ['nb', 'nn', 'en']) {
  const out: Record<string, string> = {};
  for (const [oldKey, newKey] of Object.entries(map)) {
    const text = raw[lang]![oldKey];
    if (text === undefined) throw new Error(`${lang}: no ${oldKey}`);
    out[newKey] = text.replace(/'(?=[{}#])/g, "''");
  }
  writeFileSync(join(featureDir, 'locales', `${lang}.json`), JSON.stringify(out, null, 2) + '\n');
}
console.log(`wrote ${featureDir}/locales/{nb,nn,en}.json (${Object.keys(map).length} keys)`);
