/**
 * `npm run samla -- strategy-load <file.md> --title "…" --version "Utkast 2" [--community <slug>]`:
 * loads a strategy draft from a Markdown file (each heading a section). A strategy with the same
 * title gets a new version, and the command says which sections changed since the previous one.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Community } from '../../models/community.js';
import { StrategyVersion } from '../../models/strategy.js';
import { SamlaError } from '../../src/errors.js';
import { StrategyError } from './errors.js';
import { loadVersion } from './service.js';
import { texts } from './texts.js';
import { changesText, errorText } from './words.js';

export const STRATEGY_LOAD_USAGE = 'strategy-load <file.md> --version <label> [--title <title>] [--community <slug>]';

export async function strategyLoad(args: string[], print: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { title: { type: 'string' }, version: { type: 'string' }, community: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || !values.version) throw new SamlaError('usage', `usage: npm run samla -- ${STRATEGY_LOAD_USAGE}`);
  const markdown = fs.readFileSync(file, 'utf8');
  const community = values.community ? await Community.findOne({ slug: values.community }) : await Community.findOne().sort({ createdAt: 1 });
  if (!community) throw new SamlaError('no_community', values.community ? `No community «${values.community}».` : 'There is no community in this database.');
  try {
    const r = await loadVersion({ community: community._id, title: values.title ?? null, label: values.version, markdown });
    const v = r.version;
    print(texts('en', 'strategy.cli.loaded', { title: v.title, label: v.label, number: v.number, count: v.sections.length, community: community.name }));
    if (v.previous) {
      const prev = await StrategyVersion.findById(v.previous);
      print(changesText('en', prev?.label ?? '', r));
    }
    return 0;
  } catch (e) {
    if (e instanceof StrategyError) {
      print(errorText('en', null, e));
      return 1;
    }
    throw e;
  }
}
