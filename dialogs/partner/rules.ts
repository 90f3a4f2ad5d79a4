/** Who may record a party's decision, and for which parties a decision counts. */
import type { Types } from 'mongoose';
import { isSecretariat, type MemberDoc } from '../../models/member.js';

type Id = Types.ObjectId | string;

/** Its own members (its representatives) and the secretariat record a party's decision. */
export function canRecordFor(actor: Pick<MemberDoc, 'memberships' | 'party'>, party: Id): boolean {
  return isSecretariat(actor) || String(actor.party) === String(party);
}

/** Only a party that was asked has a decision to record. */
export function asked(req: { parties: readonly unknown[] }, party: unknown): boolean {
  return req.parties.some((p) => String(p) === String(party));
}
