import './whole-batches.js';
import mongoose, { Schema } from 'mongoose';

/**
 * Platform events already handled, so a retry (Slack's X-Slack-Retry-Num, a double click, a
 * redelivered activity) has no second effect. Old rows are swept by a scheduled job because
 * FerretDB 1.x has no TTL indexes.
 */
const processedEventSchema = new Schema({
  key: { type: String, required: true, unique: true },
  /** A random token per claim attempt, so a retried claim recognises its own row. */
  claimant: { type: String },
  at: { type: Date, default: () => new Date() },
});
processedEventSchema.index({ at: 1 });

export const ProcessedEvent = mongoose.model('ProcessedEvent', processedEventSchema);
