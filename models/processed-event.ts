import './whole-batches.js';
import mongoose, { Schema } from 'mongoose';

/**
 * Platform events already handled, so a retry (Slack's X-Slack-Retry-Num, a redelivered click or
 * activity) has no second effect, and effects of jobs claimed once. Rows with an expiry are
 * removed by the scheduled sweep soon after it (FerretDB 1.x has no TTL indexes).
 */
const processedEventSchema = new Schema({
  key: { type: String, required: true, unique: true },
  /** A random token per claim attempt, so a retried claim recognises its own row. */
  claimant: { type: String },
  at: { type: Date, default: () => new Date() },
  expiresAt: { type: Date },
});
processedEventSchema.index({ at: 1 });
processedEventSchema.index({ expiresAt: 1 });

export const ProcessedEvent = mongoose.model('ProcessedEvent', processedEventSchema);
