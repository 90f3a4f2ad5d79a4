import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { z } from 'zod';

export const BODY_KINDS = ['partnership', 'strategic', 'area', 'professional', 'working_group', 'secretariat'] as const;

const bodySchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    /** Short key used in commands, e.g. "ssu". */
    key: { type: String, required: true },
    /** Short name used in case numbers, e.g. "SSU". */
    short: { type: String, required: true },
    name: {
      type: new Schema({ nb: { type: String, required: true }, nn: { type: String, required: true }, en: { type: String, required: true } }, { _id: false }),
      required: true,
    },
    kind: { type: String, enum: BODY_KINDS, required: true },
    /** Where cases are referred up to (faglig utval → SSU → Partnerskapsmøtet). */
    parent: { type: Schema.Types.ObjectId, ref: 'Body', default: null },
  },
  { timestamps: true },
);
bodySchema.index({ community: 1, key: 1 }, { unique: true });

export const bodyInput = z.object({
  key: z.string().regex(/^[a-z0-9-]{2,40}$/, 'lower-case letters, digits and - only'),
  short: z.string().min(2).max(20),
  name_nb: z.string().min(2).max(120),
  name_nn: z.string().min(2).max(120),
  name_en: z.string().min(2).max(120),
  kind: z.enum(BODY_KINDS),
  parent: z.string().optional(),
});

export type BodyFields = InferSchemaType<typeof bodySchema>;
export type BodyDoc = HydratedDocument<BodyFields>;
export const Body = mongoose.model('Body', bodySchema);
