import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

/**
 * One fan-out: what is sent (a template and its small parameters) and until when it is worth
 * sending. Kept beside the rows so a failed message can be shown and sent again later, by any
 * instance, without the job that first sent it.
 */
const fanOutSchema = new Schema(
  {
    key: { type: String, required: true },
    community: { type: Schema.Types.ObjectId, ref: 'Community', default: null },
    template: { type: String, required: true },
    params: { type: Schema.Types.Mixed, default: {} },
    reminder: { type: Boolean, default: false },
    /** After this a message not yet delivered is dropped: a reminder for a meeting that has begun helps nobody. */
    until: { type: Date, default: null },
    /** After a passing failure nobody in this fan-out is sent to before this. */
    pausedUntil: { type: Date, default: null },
    /** Passing failures in a row across the fan-out, with no delivery between: sets the pause. */
    streak: { type: Number, default: 0 },
  },
  { timestamps: true, minimize: false },
);
fanOutSchema.index({ key: 1 }, { unique: true });
fanOutSchema.index({ community: 1, until: 1 });

export type FanOutFields = InferSchemaType<typeof fanOutSchema>;
export type FanOutDoc = HydratedDocument<FanOutFields>;
export const FanOutMessage = mongoose.model('FanOutMessage', fanOutSchema);

export const RECIPIENT_STATES = ['pending', 'sending', 'sent', 'skipped', 'failed', 'unreachable'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/** One recipient of one fan-out, so a restarted fan-out resumes without repeating or skipping anyone. */
const fanOutRecipientSchema = new Schema(
  {
    key: { type: String, required: true },
    member: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    /**
     * `failed`: the platform refused it, or it kept failing until it was no longer worth sending.
     * `unreachable`: the member has no address on any platform yet; it waits for their first contact.
     */
    state: { type: String, enum: RECIPIENT_STATES, default: 'pending' },
    claimedAt: { type: Date, default: null },
    /** Bumped for every new try (a crashed send, a retry), so each try is claimed afresh. */
    attempt: { type: Number, default: 0 },
    /** Passing failures so far (429, 5xx, network); sets the back-off. */
    tries: { type: Number, default: 0 },
    /** A pending row is not sent before this (back-off after a passing failure). */
    retryAt: { type: Date, default: null },
    /** Why the last try did not deliver: `transient`, `expired`, `refused`, `unreachable`. */
    reason: { type: String, default: null },
    platform: { type: String, default: null },
  },
  { timestamps: true },
);
fanOutRecipientSchema.index({ key: 1, member: 1 }, { unique: true });
fanOutRecipientSchema.index({ key: 1, state: 1 });
fanOutRecipientSchema.index({ member: 1, state: 1 });

export const FanOutRecipient = mongoose.model('FanOutRecipient', fanOutRecipientSchema);
