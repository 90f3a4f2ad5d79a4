import './whole-batches.js';
import mongoose, { Schema } from 'mongoose';

/** What a member typed into a form that could not be saved yet, kept until it is. */
const draftSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    member: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    key: { type: String, required: true },
    values: { type: Schema.Types.Mixed, default: {} },
  },
  { timestamps: true, minimize: false },
);
draftSchema.index({ community: 1, member: 1, key: 1 }, { unique: true });

export const Draft = mongoose.model('Draft', draftSchema);
