import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

const communitySchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    defaultLang: { type: String, enum: ['nb', 'nn', 'en'], default: 'nb' },
    timeZone: { type: String, default: 'Europe/Oslo' },
    /** Demo data is marked so that nobody mistakes it for the real directory. */
    demo: { type: Boolean, default: false },
    slackTeamIds: { type: [String], default: [] },
    teamsTenantIds: { type: [String], default: [] },
    /** Who to contact when someone is not in the directory. */
    contact: { type: String, default: '' },
  },
  { timestamps: true },
);
communitySchema.index({ slackTeamIds: 1 });
communitySchema.index({ teamsTenantIds: 1 });

export type CommunityFields = InferSchemaType<typeof communitySchema>;
export type CommunityDoc = HydratedDocument<CommunityFields>;
export const Community = mongoose.model('Community', communitySchema);
