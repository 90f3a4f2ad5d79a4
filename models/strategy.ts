import './whole-batches.js';
/**
 * A strategy and its versions. A version holds its sections; a section keeps its `key` across
 * versions while its heading stays the same, so feedback and comparisons can follow it from one
 * version to the next. Each section carries a hash of its text, so a new version can say which
 * sections changed.
 */
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

export const VERSION_STATES = ['draft', 'open', 'closed'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

/** SSU approves a version; Partnerskapsmøtet endorses it (stiller seg bak). */
export const DECISION_KINDS = ['approved', 'endorsed'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

const strategySchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    title: { type: String, required: true },
    /** Demo data is marked wherever it shows. */
    demo: { type: Boolean, default: false },
    createdBy: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
  },
  { timestamps: true },
);
strategySchema.index({ community: 1, createdAt: -1 });

const sectionSchema = new Schema(
  {
    /** Stable identity across versions (same heading → same key). */
    key: { type: String, required: true },
    heading: { type: String, required: true },
    /** The section's text as Markdown (without its heading). */
    body: { type: String, default: '' },
    /** sha256 of the normalised heading and text: a different hash means the section changed. */
    hash: { type: String, required: true },
    /** New or different since the previous version (always true in the first version). */
    changed: { type: Boolean, default: true },
  },
  { _id: false },
);

const decisionSchema = new Schema(
  {
    kind: { type: String, enum: DECISION_KINDS, required: true },
    body: { type: Schema.Types.ObjectId, ref: 'Body', default: null },
    date: { type: Date, required: true },
    reference: { type: String, default: '' },
    by: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
    at: { type: Date, default: () => new Date() },
  },
  { _id: false },
);

const versionSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    strategy: { type: Schema.Types.ObjectId, ref: 'Strategy', required: true },
    /** 1, 2, 3 … within the strategy. */
    number: { type: Number, required: true },
    /** What the secretariat calls it, e.g. «Utkast 2» or «v0.3». */
    label: { type: String, required: true },
    title: { type: String, required: true },
    /** Text before the first section (shown when a member starts). */
    intro: { type: String, default: '' },
    sections: { type: [sectionSchema], default: [] },
    /** Headings of the previous version that this one no longer has. */
    removed: { type: [String], default: [] },
    previous: { type: Schema.Types.ObjectId, ref: 'StrategyVersion', default: null },
    state: { type: String, enum: VERSION_STATES, default: 'draft' },
    /** The feedback period. */
    audience: {
      type: new Schema(
        {
          bodies: { type: [Schema.Types.ObjectId], default: [] },
          partyTypes: { type: [String], default: [] },
        },
        { _id: false },
      ),
      default: () => ({ bodies: [], partyTypes: [] }),
    },
    deadline: { type: Date, default: null },
    reminders: { type: [Date], default: [] },
    openedAt: { type: Date, default: null },
    openedBy: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
    closedAt: { type: Date, default: null },
    decisions: { type: [decisionSchema], default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
  },
  { timestamps: true },
);
versionSchema.index({ strategy: 1, number: 1 }, { unique: true });
versionSchema.index({ community: 1, state: 1 });

export type StrategyFields = InferSchemaType<typeof strategySchema>;
export type StrategyDoc = HydratedDocument<StrategyFields>;
export const Strategy = mongoose.model('Strategy', strategySchema);

export type VersionFields = InferSchemaType<typeof versionSchema>;
export type VersionDoc = HydratedDocument<VersionFields>;
export type SectionFields = VersionFields['sections'][number];
export const StrategyVersion = mongoose.model('StrategyVersion', versionSchema);
