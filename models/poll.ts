import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { z } from 'zod';

export const POLL_TYPES = ['single', 'multiple', 'scale', 'ranking', 'open'] as const;
export type PollType = (typeof POLL_TYPES)[number];
/** Who a vote belongs to: each member, or one voice per party (the consensus principle). */
export const POLL_VOTERS = ['member', 'party'] as const;
export type PollVoters = (typeof POLL_VOTERS)[number];
/** When the tally is shown: live in the channel, to each voter after they voted, or only at close. */
export const POLL_RESULTS = ['live', 'after_vote', 'at_close'] as const;
export type PollResults = (typeof POLL_RESULTS)[number];

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;
export const MAX_QUESTION = 300;
/** Button and option texts stay within what every platform shows (Slack: 75 characters). */
export const MAX_OPTION_LABEL = 75;
export const MAX_REASON = 500;
export const MAX_OPEN_ANSWER = 1500;

const optionSchema = new Schema({ id: { type: String, required: true }, label: { type: String, required: true } }, { _id: false });

const pollSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    /** Short number within the community, for commands like «avstemming lukk 3». */
    number: { type: Number, required: true },
    body: { type: Schema.Types.ObjectId, ref: 'Body', required: true },
    question: { type: String, required: true },
    type: { type: String, enum: POLL_TYPES, required: true },
    /** The choices (single, multiple, ranking) or the five scale steps with their labels (scale); none for open. */
    options: { type: [optionSchema], default: [] },
    /** Multiple choice: at most this many. */
    maxChoices: { type: Number, default: null },
    voters: { type: String, enum: POLL_VOTERS, default: 'member' },
    observersMayVote: { type: Boolean, default: false },
    /** Anonymous polls keep no readable link between a voter and a choice; it cannot be turned off. */
    anonymous: { type: Boolean, default: false },
    /** Per-poll salt for the anonymous voter key (HMAC with the app secret). */
    salt: { type: String, required: true },
    results: { type: String, enum: POLL_RESULTS, default: 'live' },
    closesAt: { type: Date, default: null },
    /** How long before closing the one reminder goes out. */
    remindBeforeMs: { type: Number, default: 24 * 3600_000 },
    state: { type: String, enum: ['open', 'closed'], default: 'open' },
    closedAt: { type: Date, default: null },
    closedBy: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
    createdBy: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    /** Live-tally coalescing (see dialogs/poll/coalescer.ts): shared by every process. */
    tallyDirty: { type: Boolean, default: false },
    updateClaimedUntil: { type: Date, default: null },
    lastUpdateAt: { type: Date, default: null },
  },
  { timestamps: true },
);
pollSchema.index({ community: 1, number: 1 }, { unique: true });
pollSchema.index({ community: 1, body: 1, state: 1 });

/** What a creator may send in (after the form's own validation). */
export const pollInput = z.object({
  question: z.string().trim().min(3).max(MAX_QUESTION),
  type: z.enum(POLL_TYPES),
  options: z.array(z.string().trim().min(1).max(MAX_OPTION_LABEL)).max(MAX_OPTIONS),
  maxChoices: z.number().int().min(1).max(MAX_OPTIONS).nullable(),
  voters: z.enum(POLL_VOTERS),
  observersMayVote: z.boolean(),
  anonymous: z.boolean(),
  results: z.enum(POLL_RESULTS),
  closesAt: z.date().nullable(),
});
export type PollInput = z.infer<typeof pollInput>;

export type PollFields = InferSchemaType<typeof pollSchema>;
export type PollDoc = HydratedDocument<PollFields>;
export const Poll = mongoose.model('Poll', pollSchema);
