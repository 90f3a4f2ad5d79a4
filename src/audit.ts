import type { Types } from 'mongoose';
import { Audit } from '../models/audit.js';

type Id = Types.ObjectId | string;

export async function audit(community: Id, actor: Id | null, action: string, target: { kind: string; id: Id }, details: Record<string, unknown> = {}): Promise<void> {
  await Audit.create({ community, actor, action, target: { kind: target.kind, id: String(target.id) }, details });
}

export async function history(community: Id, kind: string, id: Id) {
  return Audit.find({ community, 'target.kind': kind, 'target.id': String(id) })
    .sort({ at: 1, _id: 1 })
    .lean();
}
