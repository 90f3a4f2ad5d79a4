import './whole-batches.js';
/**
 * Cases (saker): a member's proposal to a body, through triage, an agenda and a decision.
 * The states and the transitions between them live in dialogs/case/service.ts; this file only
 * holds the data.
 */
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

/** The kind of a case in the audit log and as a partner-decision subject. */
export const CASE_KIND = 'case';

export const CASE_STATES = ['submitted', 'returned', 'accepted', 'rejected', 'decided', 'at_partners', 'partners_decided', 'withdrawn'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_TYPES = ['planning', 'priority', 'project', 'agreement', 'other'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** The priority patient groups of the community (same values as the input rounds use). */
export const CASE_PRIORITY_GROUPS = ['children', 'mental_health', 'frail_elderly', 'chronic'] as const;
export type CasePriorityGroup = (typeof CASE_PRIORITY_GROUPS)[number];

/** What the proposer wrote; every submitted version is kept. */
const versionSchema = new Schema(
  {
    n: { type: Number, required: true },
    title: { type: String, required: true },
    background: { type: String, required: true },
    proposedDecision: { type: String, required: true },
    type: { type: String, enum: CASE_TYPES, required: true },
    priorityGroups: { type: [String], default: [] },
    links: { type: [String], default: [] },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
  },
  { _id: false },
);

/** A case number, e.g. "SSU 12/2026": per body and year. */
const numberSchema = new Schema(
  {
    body: { type: Schema.Types.ObjectId, ref: 'Body', required: true },
    year: { type: Number, required: true },
    seq: { type: Number, required: true },
    label: { type: String, required: true },
  },
  { _id: false },
);

const caseSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    /** The body the case is with now (changes on referral). */
    body: { type: Schema.Types.ObjectId, ref: 'Body', required: true },
    /** Whose case it is: told of every change. */
    proposer: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    /** Who entered it: the proposer, or the secretariat on their behalf. */
    createdBy: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    state: { type: String, enum: CASE_STATES, required: true, default: 'submitted' },
    stateAt: { type: Date, default: () => new Date() },

    // The current version's text (a copy of versions[last]).
    title: { type: String, required: true },
    background: { type: String, required: true },
    proposedDecision: { type: String, required: true },
    type: { type: String, enum: CASE_TYPES, required: true },
    priorityGroups: { type: [String], default: [] },
    links: { type: [String], default: [] },
    version: { type: Number, default: 1 },
    versions: { type: [versionSchema], default: [] },

    /** The secretariat's comment when it returned the case for revision. */
    returnComment: { type: String, default: '' },
    rejectReason: { type: String, default: '' },
    /** The proposer's (optional) reason when the case was withdrawn. */
    withdrawReason: { type: String, default: '' },
    /** The meeting it was accepted for. */
    meeting: {
      type: new Schema(
        { id: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true }, title: { type: String, default: '' }, start: { type: Date, required: true } },
        { _id: false },
      ),
      default: null,
    },
    /** Null until accepted; after a referral the old number moves to previousNumbers. */
    number: { type: numberSchema, default: null },
    previousNumbers: { type: [numberSchema], default: [] },
    decision: {
      type: new Schema({ text: { type: String, required: true }, at: { type: Date, required: true }, by: { type: Schema.Types.ObjectId, ref: 'Member' } }, { _id: false }),
      default: null,
    },
    /** Raised by every change; a change is written only at the rev it was checked at (compare-and-set). */
    rev: { type: Number, default: 0 },
    /** The parties chosen when the case went out for the partners' own decision (kept so a send-out interrupted by a crash can be completed). */
    partnerParties: { type: [Schema.Types.ObjectId], ref: 'Party', default: [] },
  },
  { timestamps: true },
);
caseSchema.index({ community: 1, proposer: 1 });
caseSchema.index({ community: 1, body: 1, state: 1 });
caseSchema.index({ community: 1, 'number.seq': 1 });

export type CaseFields = InferSchemaType<typeof caseSchema>;
export type CaseDoc = HydratedDocument<CaseFields>;
export const Case = mongoose.model('Case', caseSchema);

/**
 * The numbering ledger: one row per number taken, under two unique indexes — a number is held by
 * one case only, and a case holds at most one number per body and year. Numbers are taken by
 * inserting the next row (retrying on a clash). Unlike a counter, the ledger also says which case
 * holds which number, so a case interrupted between taking its number and recording it gets the
 * same number again, and a withdrawn case keeps its own.
 */
const caseNumberSchema = new Schema({
  community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
  body: { type: Schema.Types.ObjectId, ref: 'Body', required: true },
  year: { type: Number, required: true },
  seq: { type: Number, required: true },
  case: { type: Schema.Types.ObjectId, ref: 'Case', required: true },
  at: { type: Date, default: () => new Date() },
});
caseNumberSchema.index({ community: 1, body: 1, year: 1, seq: 1 }, { unique: true });
caseNumberSchema.index({ case: 1, body: 1, year: 1 }, { unique: true });

export const CaseNumber = mongoose.model('CaseNumber', caseNumberSchema);
