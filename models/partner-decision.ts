import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

/**
 * Political anchoring: something (a case, a strategy version, …) sent out to the partners so that
 * each party makes its own decision — the parties keep the formal power. One request per subject;
 * one decision row per party, so a party's decision is counted once however often it is recorded.
 */
export const PARTNER_DECISIONS = ['adopted', 'adopted_with_changes', 'not_adopted'] as const;
export type PartnerDecisionValue = (typeof PARTNER_DECISIONS)[number];

const subjectSchema = new Schema(
  {
    /** Who owns the subject, e.g. 'case' or 'strategy-version'. */
    kind: { type: String, required: true },
    id: { type: String, required: true },
    /** Shown to the parties' members; stored so reminders need no look-up in the owner's model. */
    title: { type: String, required: true },
  },
  { _id: false },
);

const partnerDecisionRequestSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    subject: { type: subjectSchema, required: true },
    /** The parties asked to decide. */
    parties: { type: [Schema.Types.ObjectId], ref: 'Party', default: [] },
    sentBy: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
    sentAt: { type: Date, default: () => new Date() },
    /** Reminders sent so far; each reminder's fan-out key carries its number so none is merged with an earlier one. */
    reminders: { type: Number, default: 0 },
    /** Set once when the last party has decided, so «everyone has decided» is announced once. */
    completedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
partnerDecisionRequestSchema.index({ community: 1, 'subject.kind': 1, 'subject.id': 1 }, { unique: true });

const partnerDecisionSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    request: { type: Schema.Types.ObjectId, ref: 'PartnerDecisionRequest', required: true },
    party: { type: Schema.Types.ObjectId, ref: 'Party', required: true },
    decision: { type: String, enum: PARTNER_DECISIONS, required: true },
    /** When the party decided (its council or board meeting), not when it was recorded here. */
    date: { type: Date, required: true },
    comment: { type: String, default: '' },
    recordedBy: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
    recordedAt: { type: Date, default: () => new Date() },
  },
  { timestamps: true },
);
partnerDecisionSchema.index({ request: 1, party: 1 }, { unique: true });

export type PartnerDecisionRequestFields = InferSchemaType<typeof partnerDecisionRequestSchema>;
export type PartnerDecisionRequestDoc = HydratedDocument<PartnerDecisionRequestFields>;
export type PartnerDecisionFields = InferSchemaType<typeof partnerDecisionSchema>;

export const PartnerDecisionRequest = mongoose.model('PartnerDecisionRequest', partnerDecisionRequestSchema);
export const PartnerDecision = mongoose.model('PartnerDecision', partnerDecisionSchema);
