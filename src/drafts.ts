/**
 * Drafts: what a member typed into a form and has not sent yet (or sent with errors). The core
 * keeps and fills them; a capability may need to forget them (an anonymous poll, once closed).
 */
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { Draft } from '../models/draft.js';
import { dialogArgs, type ActionPayload } from './payload.js';

/** Drafts belong to a form, not to one showing of it: the instance is left out. */
export function draftKey(p: ActionPayload): string {
  const a = dialogArgs(p.a);
  const args = a ? createHash('sha1').update(JSON.stringify(a)).digest('hex').slice(0, 12) : '-';
  return `${p.d}:${p.s}:${args}`;
}

/** Forgets every member's draft of the form this action submits. */
export async function forgetDrafts(community: Types.ObjectId | string, formAction: ActionPayload): Promise<void> {
  await Draft.deleteMany({ community, key: draftKey(formAction) });
}
