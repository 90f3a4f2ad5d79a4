import './whole-batches.js';
import mongoose, { Schema } from 'mongoose';

/** A message the bot posted that may be updated in place later (e.g. a live poll tally). */
const sentMessageSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    key: { type: String, required: true },
    address: { type: Schema.Types.ObjectId, ref: 'Address', required: true },
    platform: { type: String, required: true },
    /** The platform's id of the posted message (Slack ts; Teams activity id). */
    ref: { type: String, required: true },
  },
  { timestamps: true },
);
sentMessageSchema.index({ community: 1, key: 1, address: 1 }, { unique: true });

export const SentMessage = mongoose.model('SentMessage', sentMessageSchema);
