import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType, type HydratedDocument, type Types } from 'mongoose';
import { z } from 'zod';

export const ROLES = ['leader', 'deputy_leader', 'member', 'observer', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

const membershipSchema = new Schema(
  {
    body: { type: Schema.Types.ObjectId, ref: 'Body', required: true },
    role: { type: String, enum: ROLES, required: true },
    /** Observers may have speaking and proposal rights (tale- og forslagsrett). */
    proposalRights: { type: Boolean, default: false },
  },
  { _id: false },
);

const memberSchema = new Schema(
  {
    community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
    name: { type: String, required: true },
    /** Lower-case; the key a platform identity is matched by on first contact. */
    email: { type: String, required: true, lowercase: true, trim: true },
    party: { type: Schema.Types.ObjectId, ref: 'Party', required: true },
    title: { type: String, default: '' },
    lang: { type: String, enum: ['nb', 'nn', 'en', null], default: null },
    memberships: { type: [membershipSchema], default: [] },
    /** Reminders muted by the member; notices that need an answer still reach them. */
    mutedReminders: { type: Boolean, default: false },
  },
  { timestamps: true },
);
memberSchema.index({ community: 1, email: 1 }, { unique: true });
memberSchema.index({ community: 1, party: 1 });
memberSchema.index({ community: 1, 'memberships.body': 1 });

export const memberInput = z.object({
  name: z.string().min(2).max(120),
  email: z.string().email(),
  party: z.string().min(2),
  title: z.string().max(120).optional(),
  lang: z.enum(['nb', 'nn', 'en']).optional(),
});

export type MemberFields = InferSchemaType<typeof memberSchema>;
export type MemberDoc = HydratedDocument<MemberFields>;
export const Member = mongoose.model('Member', memberSchema);

export function isSecretariat(m: Pick<MemberFields, 'memberships'>): boolean {
  return m.memberships.some((x) => x.role === 'secretariat');
}

export function roleIn(m: Pick<MemberFields, 'memberships'>, body: Types.ObjectId | string): Role | null {
  const ms = m.memberships.find((x) => String(x.body) === String(body));
  return (ms?.role as Role | undefined) ?? null;
}
