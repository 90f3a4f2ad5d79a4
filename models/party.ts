import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { z } from 'zod';

export const PARTY_TYPES = ['municipality', 'hospital_trust', 'private_ideal', 'gp', 'user_rep', 'ks', 'union', 'secretariat'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];
export const AREAS = ['bergen', 'bergensregionen', 'nordhordland', 'voss'] as const;

const partySchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    key: { type: String, required: true },
    name: { type: String, required: true },
    type: { type: String, enum: PARTY_TYPES, required: true },
    area: { type: String, enum: [...AREAS, null], default: null },
  },
  { timestamps: true },
);
partySchema.index({ community: 1, key: 1 }, { unique: true });

export const partyInput = z.object({
  key: z.string().regex(/^[a-z0-9-]{2,60}$/, 'lower-case letters, digits and - only'),
  name: z.string().min(2).max(120),
  type: z.enum(PARTY_TYPES),
  area: z.enum(AREAS).optional(),
});

export type PartyFields = InferSchemaType<typeof partySchema>;
export type PartyDoc = HydratedDocument<PartyFields>;
export const Party = mongoose.model('Party', partySchema);
