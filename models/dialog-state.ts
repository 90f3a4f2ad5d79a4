import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** One conversation's state, so a restarted or second process continues where it was. */
const dialogStateSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    platform: { type: String, required: true },
    conversation: { type: String, required: true },
    member: { type: Schema.Types.ObjectId, ref: 'Member', required: true },
    dialog: { type: String, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
  },
  { timestamps: true, minimize: false },
);
dialogStateSchema.index({ community: 1, platform: 1, conversation: 1, member: 1 }, { unique: true });

export type DialogStateFields = InferSchemaType<typeof dialogStateSchema>;
export const DialogState = mongoose.model('DialogState', dialogStateSchema);
