/**
 * A burst of large reads alongside writes never stalls the database. On the embedded FerretDB
 * every cursor left open between batches holds one of its 100 SQLite connections; without
 * whole-batch reads, 200 such reads at once took them all and every later query waited forever.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessedEvent } from '../../models/processed-event.js';
import { WHOLE_BATCH } from '../../models/whole-batches.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await ProcessedEvent.insertMany(Array.from({ length: 300 }, (_, i) => ({ key: `burst:${i}` })));
});
afterAll(async () => t?.close());

const withinOrStalled = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`stalled: not done after ${ms} ms`)), ms).unref())]);

describe('a burst of reads and writes', () => {
  it('all finish, and every read sees every row', async () => {
    const reads = Array.from({ length: 200 }, () => ProcessedEvent.find({ key: /^burst:/ }).lean());
    const writes = Array.from({ length: 200 }, (_, i) => ProcessedEvent.updateOne({ key: `burst-write:${i}` }, { $set: { at: new Date() } }, { upsert: true }));
    const [found] = await withinOrStalled(Promise.all([Promise.all(reads), Promise.all(writes)]), 45_000);
    expect(found.every((rows) => rows.length === 300)).toBe(true);
    expect(await ProcessedEvent.countDocuments({ key: /^burst-write:/ })).toBe(200);
  });

  it('holds for every model: each reads in whole batches', async () => {
    const models = Object.values(mongoose.models);
    expect(models.length).toBeGreaterThan(15);
    const without: string[] = [];
    for (const m of models) {
      const q = m.find({}).limit(1);
      await q.exec();
      if (q.getOptions().batchSize !== WHOLE_BATCH) without.push(m.modelName);
    }
    expect(without).toEqual([]);
  });
});
