import './whole-batches.js';
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Who did what, when. Written for every change; read for a case's history. */
const auditSchema = new Schema({
  community: { type: Schema.Types.ObjectId, ref: 'Community', required: true },
  actor: { type: Schema.Types.ObjectId, ref: 'Member', default: null },
  action: { type: String, required: true },
  target: {
    kind: { type: String, required: true },
    id: { type: String, required: true },
  },
  details: { type: Schema.Types.Mixed, default: {} },
  at: { type: Date, default: () => new Date() },
});
auditSchema.index({ community: 1, 'target.kind': 1, 'target.id': 1, at: 1 });

export type AuditFields = InferSchemaType<typeof auditSchema>;
export const Audit = mongoose.model('Audit', auditSchema);
