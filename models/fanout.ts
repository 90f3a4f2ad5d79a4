import './whole-batches.js';
import mongoose, { Schema } from 'mongoose';

/** One recipient of one fan-out, so a restarted fan-out resumes without repeating or skipping anyone. */
const fanOutRecipientSchema = new Schema(
  {
    key: { type: String, required: true },
    member: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    state: { type: String, enum: ['pending', 'sending', 'sent', 'skipped', 'failed'], default: 'pending' },
    claimedAt: { type: Date, default: null },
    /** Bumped when a crashed send is retried, so the retry can be claimed afresh. */
    attempt: { type: Number, default: 0 },
    platform: { type: String, default: null },
  },
  { timestamps: true },
);
fanOutRecipientSchema.index({ key: 1, member: 1 }, { unique: true });
fanOutRecipientSchema.index({ key: 1, state: 1 });

export const FanOutRecipient = mongoose.model('FanOutRecipient', fanOutRecipientSchema);
