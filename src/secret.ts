/**
 * The app's secret for keyed hashes: SAMLA_SECRET, or in development one random value kept in the
 * database, so every instance on the same database derives the same keys.
 */
import { randomBytes } from 'node:crypto';
import { Setting } from '../models/setting.js';
import type { Config } from './config.js';

const cache = new Map<string, Promise<string>>();

export function appSecret(config: Pick<Config, 'SAMLA_SECRET'>, name = 'app-secret'): Promise<string> {
  if (config.SAMLA_SECRET) return Promise.resolve(config.SAMLA_SECRET);
  let p = cache.get(name);
  if (!p) {
    p = (async () => {
      await Setting.updateOne({ key: name }, { $setOnInsert: { value: randomBytes(32).toString('hex') } }, { upsert: true });
      return (await Setting.findOne({ key: name }))!.value;
    })();
    // A failed read is not remembered: the next turn asks again.
    p.catch(() => cache.delete(name));
    cache.set(name, p);
  }
  return p;
}
