/**
 * Finds fetch their whole result in the first batch.
 *
 * FerretDB 1.x (the embedded database) holds one of its 100 SQLite connections for every cursor
 * left open between batches. The driver's first batch is 101 documents, so a burst of reads with
 * larger results, alongside writes, could take every connection and leave every later query
 * waiting forever (test/core/read-burst.test.ts). A first batch that holds the whole result
 * closes the cursor at once. On MongoDB it only saves round trips.
 *
 * Every model file imports this module first, so the plugin is registered before any schema is
 * compiled into a model (mongoose applies global plugins at compile time).
 */
import mongoose from 'mongoose';

/** Far above any result Samla reads in one go (members, votes, answers of one community). */
export const WHOLE_BATCH = 10_000;

export function wholeBatches(schema: mongoose.Schema): void {
  schema.pre('find', function () {
    if (this.getOptions().batchSize === undefined) this.batchSize(WHOLE_BATCH);
  });
}

mongoose.plugin(wholeBatches);
