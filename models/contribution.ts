import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

export const PRIORITY_GROUPS = ['children', 'mental_health', 'frail_elderly', 'chronic'] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];

/**
 * One contribution (innspel) by one member for their party: to a round, or free input to a body
 * when no round is open. Withdrawn contributions are kept (status), so the history stays whole.
 */
const contributionSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    round: { type: Schema.Types.ObjectId, ref: 'InputRound', default: null },
    /** For free input: the body it is addressed to. */
    body: { type: Schema.Types.ObjectId, ref: 'Body', default: null },
    member: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    party: { type: Schema.Types.ObjectId, ref: 'Party', required: true },
    text: { type: String, required: true },
    themes: { type: [String], default: [] },
    priorityGroups: { type: [String], default: [] },
    status: { type: String, enum: ['active', 'withdrawn'], default: 'active' },
    /**
     * Identifies one submission of one form, so a form sent twice (a retry, a double tap) is
     * saved once: unique per member.
     */
    submission: { type: String, required: true },
  },
  { timestamps: true },
);
contributionSchema.index({ community: 1, member: 1, submission: 1 }, { unique: true });
contributionSchema.index({ round: 1, status: 1, party: 1 });
contributionSchema.index({ community: 1, round: 1, createdAt: -1 });

export type ContributionFields = InferSchemaType<typeof contributionSchema>;
export type ContributionDoc = HydratedDocument<ContributionFields>;
export const Contribution = mongoose.model('Contribution', contributionSchema);
