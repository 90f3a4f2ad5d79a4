import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

/**
 * Where the bot can reach a member (a DM) or a body (its channel) on one platform.
 * `ref` is opaque to the core: each adapter stores what it needs to send there later
 * (a Slack channel id; a Teams conversation reference).
 */
const addressSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    platform: { type: String, enum: ['console', 'slack', 'teams'], required: true },
    kind: { type: String, enum: ['member', 'channel'], required: true },
    member: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
    body: { type: Schema.Types.ObjectId, ref: 'Body', default: null },
    /** The platform's id of the user (member) or of the channel. */
    externalId: { type: String, required: true },
    ref: { type: Schema.Types.Mixed, default: {} },
  },
  { timestamps: true },
);
addressSchema.index({ community: 1, platform: 1, kind: 1, externalId: 1 }, { unique: true });
addressSchema.index({ community: 1, member: 1 });
addressSchema.index({ community: 1, body: 1 });

export type AddressFields = InferSchemaType<typeof addressSchema>;
export type AddressDoc = HydratedDocument<AddressFields>;
export const Address = mongoose.model('Address', addressSchema);
