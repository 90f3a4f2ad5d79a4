import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * One ballot per (poll, voter). The voter key is the member or, for one-voice-per-party polls, the
 * party; in an anonymous poll it is an HMAC of that id (app secret + per-poll salt), so the
 * database holds no readable link between a person and a choice. The unique index is what makes
 * a double click, a platform retry or two votes at the same moment count once.
 */
const voteSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    poll: { type: Schema.Types.ObjectId, ref: 'Poll', required: true },
    voterKey: { type: String, required: true },
    /** Option ids: the choice (single), the choices (multiple), or the order (ranking, best first). */
    choices: { type: [String], default: [] },
    /** Scale 1–5. */
    scale: { type: Number, default: null },
    /** Open «pros and cons» answers. */
    pros: { type: String, default: '' },
    cons: { type: String, default: '' },
    reason: { type: String, default: '' },
    /** Named polls only: who cast or last changed the vote (for a party vote, which member). */
    castBy: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
    party: { type: Schema.Types.ObjectId, ref: 'Party', default: null },
    /** Named polls only; anonymous ballots carry no time of their own. */
    castAt: { type: Date, default: null },
  },
  { timestamps: false },
);
voteSchema.index({ poll: 1, voterKey: 1 }, { unique: true });

export type VoteFields = InferSchemaType<typeof voteSchema>;
export const Vote = mongoose.model('Vote', voteSchema);
