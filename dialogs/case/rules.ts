/**
 * The rules of a case, pure: the state machine (which step is allowed from which state), who may
 * see a case, and who may act on it as its proposer. Everything else (service, views, the
 * dialog) asks here.
 */
import type { CaseDoc, CaseState } from '../../models/case.js';
import { isSecretariat, type MemberDoc } from '../../models/member.js';
import { SamlaError } from '../../src/errors.js';
import { canAdminister } from '../../src/permissions.js';

/** What a member may ask of a case, and the states each step is allowed from. */
export const TRANSITIONS = {
  accept: { from: ['submitted'], to: 'accepted' },
  return: { from: ['submitted'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'submitted' },
  refer: { from: ['submitted', 'accepted'], to: 'submitted' },
  reject: { from: ['submitted'], to: 'rejected' },
  decide: { from: ['accepted'], to: 'decided' },
  send_to_partners: { from: ['accepted'], to: 'at_partners' },
  partners_done: { from: ['at_partners'], to: 'partners_decided' },
  // The proposer takes the case back while nothing has been decided on it; not once it is
  // decided or with the parties (their own processes have started).
  withdraw: { from: ['submitted', 'returned', 'accepted'], to: 'withdrawn' },
} as const satisfies Record<string, { from: readonly CaseState[]; to: CaseState }>;
export type CaseStep = keyof typeof TRANSITIONS;

/** Whether the step may be taken from the state. */
export function allows(step: CaseStep, state: string): boolean {
  return (TRANSITIONS[step].from as readonly string[]).includes(state);
}

/** A refused transition: the code says why, the dialog says it in the member's language. */
export class CaseTransitionError extends SamlaError {
  constructor(
    readonly step: CaseStep,
    readonly state: CaseState,
  ) {
    super('case_transition', `cannot ${step} a case that is ${state}`, { step, state });
  }
}

/** The states in which a case holds a number on its body's sequence. */
export const NUMBERED_STATES: ReadonlySet<string> = new Set(['accepted', 'decided', 'at_partners', 'partners_decided']);

/** The handling forms, and the step of the state machine each one takes. */
export const HANDLING_FORMS = {
  accept: 'accept',
  return: 'return',
  refer: 'refer',
  reject: 'reject',
  decide: 'decide',
  partners: 'send_to_partners',
  revise: 'resubmit',
  withdraw: 'withdraw',
} as const satisfies Record<string, CaseStep>;
export type HandlingForm = keyof typeof HANDLING_FORMS;

type Who = Pick<MemberDoc, '_id' | 'memberships'>;

export function isProposer(member: Pick<MemberDoc, '_id'>, c: Pick<CaseDoc, 'proposer'>): boolean {
  return String(c.proposer) === String(member._id);
}

/**
 * Revising and withdrawing are the proposer's; the secretariat may do either on their behalf.
 * Every other step is the secretariat's alone (canAdminister).
 */
export function mayActAsProposer(member: Who, c: Pick<CaseDoc, 'proposer'>): boolean {
  return isProposer(member, c) || canAdminister(member);
}

/** The proposer, the members of the case's body, the members of parties asked to decide on it, and the secretariat. */
export function canSee(member: Pick<MemberDoc, '_id' | 'memberships' | 'party'>, c: Pick<CaseDoc, 'proposer' | 'body' | 'partnerParties'>): boolean {
  return (
    isSecretariat(member) ||
    isProposer(member, c) ||
    member.memberships.some((m) => String(m.body) === String(c.body)) ||
    c.partnerParties.some((p) => String(p) === String(member.party))
  );
}
