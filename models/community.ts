import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

/**
 * What a document from Samla is marked with until the community says otherwise: the names of
 * parties and their positions are internal to the partners, as the seeds mark theirs.
 */
export const DEFAULT_SENSITIVITY_LABEL = 'Intern (gul)';
export const MAX_SENSITIVITY_LABEL = 60;

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
    /** The sensitivity label every Word document from Samla carries, as the community writes it. */
    sensitivityLabel: { type: String, default: DEFAULT_SENSITIVITY_LABEL, maxlength: MAX_SENSITIVITY_LABEL },
  },
  { timestamps: true },
);
communitySchema.index({ slackTeamIds: 1 });
communitySchema.index({ teamsTenantIds: 1 });

export type CommunityFields = InferSchemaType<typeof communitySchema>;
export type CommunityDoc = HydratedDocument<CommunityFields>;
export const Community = mongoose.model('Community', communitySchema);
