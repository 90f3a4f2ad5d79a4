/**
 * Who may do what in a health community (the secretariat, body leaders, members with proposal
 * rights, observers), enforced here in the core, never in adapters.
 * Each check answers for one member and, where it matters, one body.
 */
import type { Types } from 'mongoose';
import { isSecretariat, type MemberFields } from '../models/member.js';
import { SamlaError } from './errors.js';

type M = Pick<MemberFields, 'memberships'>;
type Id = Types.ObjectId | string;

const VOTING_ROLES = new Set(['leader', 'deputy_leader', 'member']);

/** Opens rounds, polls and meetings and triages cases. */
export function canAdminister(m: M): boolean {
  return isSecretariat(m);
}

function membership(m: M, body: Id) {
  return m.memberships.find((x) => String(x.body) === String(body));
}

/** Members and observers with proposal rights propose cases to a body; the secretariat may too, on someone's behalf. */
export function canPropose(m: M, body: Id): boolean {
  if (isSecretariat(m)) return true;
  const ms = membership(m, body);
  if (!ms) return false;
  return VOTING_ROLES.has(ms.role) || (ms.role === 'observer' && ms.proposalRights === true);
}

/** Only a body's members vote in its polls; observers only when the poll allows it. */
export function canVote(m: M, body: Id, observersMayVote: boolean): boolean {
  const ms = membership(m, body);
  if (!ms) return false;
  return VOTING_ROLES.has(ms.role) || (observersMayVote && ms.role === 'observer');
}

/** Polls are created by the secretariat and by a body's leader and deputy leader. */
export function canCreatePoll(m: M, body: Id): boolean {
  if (isSecretariat(m)) return true;
  const ms = membership(m, body);
  return ms?.role === 'leader' || ms?.role === 'deputy_leader';
}

export function isBodyMember(m: M, body: Id): boolean {
  return Boolean(membership(m, body));
}

/** Throws the core's «not allowed» answer; the core turns it into a private message. */
export function require(allowed: boolean): void {
  if (!allowed) throw new SamlaError('forbidden', 'not allowed');
}
