import './whole-batches.js';
import mongoose, { Schema } from 'mongoose';

/**
 * What the browser chat page (adapters/teams/webchat/) shows: every activity posted in one of its
 * conversations, and every later version of one (a card updated in place), in the order it
 * happened. `seq` is the Direct Line watermark; the page polls for what came after the last it saw.
 */
const webchatActivitySchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    /** A Teams conversation (a member's personal chat, a channel), or one viewer's own echoes in a channel. */
    conversation: { type: String, required: true },
    seq: { type: Number, required: true },
    activityId: { type: String, required: true },
    /** Posted by the bot (what an unread mark counts), not echoed from the page. */
    fromBot: { type: Boolean, required: true },
    /** The activity as JSON: card input ids («samla.0.title») are not field names a database takes. */
    json: { type: String, required: true },
  },
  { timestamps: true },
);
webchatActivitySchema.index({ community: 1, seq: 1 }, { unique: true });
webchatActivitySchema.index({ community: 1, conversation: 1, seq: 1 });
webchatActivitySchema.index({ community: 1, activityId: 1 });

export const WebchatActivity = mongoose.model('WebchatActivity', webchatActivitySchema);
