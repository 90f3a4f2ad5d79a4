import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { PARTY_TYPES } from './party.js';

export const ROUND_STATUSES = ['scheduled', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/**
 * An input round (innspelsrunde): the secretariat asks a question with a deadline, the audience
 * answers. Reminders are stored as specs ("7d", "2d", "08:00", "30m") so that moving the deadline
 * moves them too.
 */
const roundSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    /** Number within the community, for commands like «innspel status 3». */
    no: { type: Number, required: true },
    title: { type: String, required: true },
    question: { type: String, required: true },
    themes: { type: [String], default: [] },
    audience: {
      type: new Schema(
        {
          bodies: { type: [Schema.Types.ObjectId], ref: 'Body', default: [] },
          partyTypes: { type: [{ type: String, enum: PARTY_TYPES }], default: [] },
        },
        { _id: false },
      ),
      required: true,
    },
    opensAt: { type: Date, required: true },
    deadline: { type: Date, required: true },
    reminders: { type: [String], default: [] },
    status: { type: String, enum: ROUND_STATUSES, required: true },
    /** Bumped whenever the deadline moves, so each move's notice and reminders are their own fan-out. */
    deadlineVersion: { type: Number, default: 0 },
    closedAt: { type: Date, default: null },
    createdBy: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
  },
  { timestamps: true },
);
roundSchema.index({ community: 1, no: 1 }, { unique: true });
roundSchema.index({ community: 1, status: 1 });

export type RoundFields = InferSchemaType<typeof roundSchema>;
export type RoundDoc = HydratedDocument<RoundFields>;
export const Round = mongoose.model('InputRound', roundSchema);
