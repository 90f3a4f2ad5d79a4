import './whole-batches.js';
/**
 * Feedback on a strategy version: one row per member, version and section (plus one row for the
 * general comment), so a member can change any answer until the deadline with a single-document
 * upsert. The party is copied in, so «which parties have responded» is one query.
 *
 * FeedbackPosition is where a member is in the walk through a version; it lives in the database
 * so a member continues where they left off from any platform, also after a restart.
 */
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

export const STANCES = ['supports', 'supports_changes', 'not_supports', 'no_comment'] as const;
export type Stance = (typeof STANCES)[number];

/** The section key of the general comment. */
export const GENERAL = '_general';
export const MAX_PROPOSAL = 4000;
export const MAX_COMMENT = 4000;

const feedbackSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    strategy: { type: Schema.Types.ObjectId, ref: 'Strategy', required: true },
    version: { type: Schema.Types.ObjectId, ref: 'StrategyVersion', required: true },
    member: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    party: { type: Schema.Types.ObjectId, ref: 'Party', required: true },
    /** A section key of the version, or GENERAL. */
    section: { type: String, required: true },
    stance: { type: String, enum: [...STANCES, null], default: null },
    comment: { type: String, default: '' },
    /** Proposed wording for the section. */
    proposal: { type: String, default: '' },
  },
  { timestamps: true },
);
feedbackSchema.index({ version: 1, member: 1, section: 1 }, { unique: true });
feedbackSchema.index({ version: 1, party: 1 });
feedbackSchema.index({ community: 1, version: 1, section: 1 });

const positionSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    version: { type: Schema.Types.ObjectId, ref: 'StrategyVersion', required: true },
    member: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    /** The section key the member is on, or GENERAL at the end. */
    section: { type: String, required: true },
  },
  { timestamps: true },
);
positionSchema.index({ version: 1, member: 1 }, { unique: true });

export type FeedbackFields = InferSchemaType<typeof feedbackSchema>;
export type FeedbackDoc = HydratedDocument<FeedbackFields>;
export const Feedback = mongoose.model('StrategyFeedback', feedbackSchema);

export const FeedbackPosition = mongoose.model('StrategyFeedbackPosition', positionSchema);
