/**
 * The case domain: proposing, moving a case through its states (rules.ts), and the hand-over to
 * meetings (agenda) and to the partners (partner decisions). Each step changes the data, writes
 * the audit trail and returns the case as it now is; who is told of it is notify.ts's business,
 * called by whoever took the step. Every step takes the services, though only the hand-over to
 * the partners uses them, so that all steps are called alike.
 */
import type { Types } from 'mongoose';
import { Body, type BodyDoc } from '../../models/body.js';
import { CASE_KIND, Case, type CaseDoc, type CasePriorityGroup, type CaseType } from '../../models/case.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { audit } from '../../src/audit.js';
import { SamlaError } from '../../src/errors.js';
import { canAdminister, canPropose } from '../../src/permissions.js';
import type { Services } from '../../src/services.js';
import { findMeeting, removeAgendaItem } from '../meeting/service.js';
import { findRequest, sendOut } from '../partner/service.js';
import { referralTargets } from './find.js';
import { completeAcceptance, ledgerNumber } from './numbering.js';
import { CaseTransitionError, isProposer, mayActAsProposer } from './rules.js';
import { move } from './store.js';

type Id = Types.ObjectId | string;

export { CASE_KIND };
export { completeAcceptance, takeNumber } from './numbering.js';

export interface CaseText {
  title: string;
  background: string;
  proposedDecision: string;
  type: CaseType;
  priorityGroups: CasePriorityGroup[];
  links: string[];
}

// ── proposing ─────────────────────────────────────────────────────────────────────────────────

/**
 * A proposal to a body. The actor proposes for themselves when they have proposal rights there;
 * the secretariat may enter a case on someone's behalf (the proposer is then told as if they had).
 */
export async function propose(_services: Services, o: { community: Id; body: BodyDoc; actor: MemberDoc; proposer?: MemberDoc; text: CaseText }): Promise<CaseDoc> {
  const proposer = o.proposer ?? o.actor;
  const onBehalf = String(proposer._id) !== String(o.actor._id);
  if (onBehalf ? !canAdminister(o.actor) : !canPropose(o.actor, o.body._id)) throw new SamlaError('forbidden', 'no proposal rights for this body');
  const now = new Date();
  const c = await Case.create({
    community: o.community,
    body: o.body._id,
    proposer: proposer._id,
    createdBy: o.actor._id,
    state: 'submitted',
    stateAt: now,
    ...o.text,
    version: 1,
    versions: [{ n: 1, ...o.text, at: now, by: o.actor._id }],
  });
  await audit(
    o.community,
    o.actor._id,
    'case.propose',
    { kind: CASE_KIND, id: c._id },
    {
      body: o.body.short,
      title: o.text.title,
      ...(onBehalf ? { onBehalfOf: proposer.name } : {}),
    },
  );
  return c;
}

function requireSecretariat(actor: MemberDoc): void {
  if (!canAdminister(actor)) throw new SamlaError('forbidden', 'only the secretariat handles cases');
}

/**
 * Accepts a case for a meeting of its body: the case goes on the agenda and gets its number.
 *
 * Order, and what a crash between the steps leaves:
 *  1. the state moves submitted → accepted (claimed; a refusal stops here, no number is taken);
 *  2. the number is taken in the ledger (CaseNumber), which records which case holds it;
 *  3. the number is written to the case (another claimed change); 4. it goes on the agenda.
 * A crash after 1 leaves an accepted case without a number; after 2 the ledger already holds its
 * number. completeAcceptance() does 2–4 again idempotently (the ledger gives a case the number it
 * already holds; the agenda never lists a case twice), and the case view calls it, so such a case
 * is healed the next time anyone looks at it — no number skipped or repeated.
 */
export async function accept(_services: Services, o: { community: Id; caseId: Id; meetingId: Id; actor: MemberDoc }): Promise<CaseDoc> {
  requireSecretariat(o.actor);
  const before = await Case.findOne({ _id: o.caseId, community: o.community });
  if (!before) throw new SamlaError('case_not_found', 'no such case');
  const meeting = await findMeeting(o.community, o.meetingId);
  if (!meeting || meeting.status !== 'scheduled' || String(meeting.body) !== String(before.body) || meeting.start.getTime() <= Date.now()) {
    throw new SamlaError('case_meeting', 'choose an upcoming meeting of the case’s body');
  }
  const moved = await move(o.community, o.caseId, 'accept', () => ({
    meeting: { id: meeting._id, title: meeting.title, start: meeting.start },
    returnComment: '',
  }));
  const done = await completeAcceptance(moved, o.actor._id);
  await audit(
    o.community,
    o.actor._id,
    'case.accept',
    { kind: CASE_KIND, id: done._id },
    {
      number: done.number?.label,
      meeting: meeting.title,
      meetingStart: meeting.start,
    },
  );
  return done;
}

export async function returnToProposer(_services: Services, o: { community: Id; caseId: Id; comment: string; actor: MemberDoc }): Promise<CaseDoc> {
  requireSecretariat(o.actor);
  const c = await move(o.community, o.caseId, 'return', () => ({ returnComment: o.comment }));
  await audit(o.community, o.actor._id, 'case.return', { kind: CASE_KIND, id: c._id }, { comment: o.comment });
  return c;
}

/** The proposer (or the secretariat) sends a returned case in again; the earlier versions are kept. */
export async function resubmit(_services: Services, o: { community: Id; caseId: Id; text: CaseText; actor: MemberDoc }): Promise<CaseDoc> {
  const before = await Case.findOne({ _id: o.caseId, community: o.community });
  if (!before) throw new SamlaError('case_not_found', 'no such case');
  if (!mayActAsProposer(o.actor, before)) throw new SamlaError('forbidden', 'only the proposer revises a case');
  const c = await move(o.community, o.caseId, 'resubmit', (x) => {
    const n = x.version + 1;
    const versions = [...x.toObject().versions, { n, ...o.text, at: new Date(), by: o.actor._id }];
    return { ...o.text, version: n, versions };
  });
  const n = c.version;
  await audit(o.community, o.actor._id, 'case.resubmit', { kind: CASE_KIND, id: c._id }, { version: n, title: o.text.title });
  return c;
}

export async function refer(_services: Services, o: { community: Id; caseId: Id; toBody: Id; comment?: string; actor: MemberDoc }): Promise<CaseDoc> {
  requireSecretariat(o.actor);
  const before = await Case.findOne({ _id: o.caseId, community: o.community });
  if (!before) throw new SamlaError('case_not_found', 'no such case');
  const targets = await referralTargets(o.community, before.body);
  const to = targets.find((b) => String(b._id) === String(o.toBody));
  if (!to) throw new SamlaError('case_refer_target', 'refer up to the parent body or down to one under it');
  const from = await Body.findById(before.body);
  // The old number stays with the case as history; the new body numbers it when it accepts it.
  let oldNumber: string | undefined;
  const c = await move(o.community, o.caseId, 'refer', async (x) => {
    const number = x.number ? x.toObject().number : await ledgerNumber(x);
    oldNumber = number?.label;
    return {
      body: to._id,
      meeting: null,
      number: null,
      returnComment: '',
      previousNumbers: number ? [...x.toObject().previousNumbers, number] : x.toObject().previousNumbers,
    };
  });
  // Referred before its meeting: it will not be handled there, so it leaves that agenda. After
  // the meeting the agenda is history and keeps it.
  if (before.meeting && before.meeting.start.getTime() > Date.now()) await takeOffAgenda(before.meeting.id, c._id, o.actor._id);
  await audit(
    o.community,
    o.actor._id,
    'case.refer',
    { kind: CASE_KIND, id: c._id },
    {
      from: from?.short ?? '',
      to: to.short,
      comment: o.comment ?? '',
      ...(oldNumber ? { number: oldNumber } : {}),
    },
  );
  return c;
}

export async function reject(_services: Services, o: { community: Id; caseId: Id; reason: string; actor: MemberDoc }): Promise<CaseDoc> {
  requireSecretariat(o.actor);
  const c = await move(o.community, o.caseId, 'reject', () => ({ rejectReason: o.reason }));
  await audit(o.community, o.actor._id, 'case.reject', { kind: CASE_KIND, id: c._id }, { reason: o.reason });
  return c;
}

/**
 * The proposer (or the secretariat on their behalf) takes the case back: while it is submitted,
 * returned, or accepted but not decided. A case on an agenda comes off it. Its number stays with
 * it (the ledger row is kept), so the body's sequence neither repeats nor skips: the next case
 * accepted gets the number after it.
 */
export async function withdraw(_services: Services, o: { community: Id; caseId: Id; reason?: string; actor: MemberDoc }): Promise<CaseDoc> {
  const before = await Case.findOne({ _id: o.caseId, community: o.community });
  if (!before) throw new SamlaError('case_not_found', 'no such case');
  const onBehalf = !isProposer(o.actor, before);
  if (!mayActAsProposer(o.actor, before)) throw new SamlaError('forbidden', 'only the proposer or the secretariat withdraws a case');
  const reason = (o.reason ?? '').trim();
  const c = await move(o.community, o.caseId, 'withdraw', async (x) => {
    // A number the ledger gave it during an acceptance a crash interrupted is written too: it is taken.
    const number = x.number ? x.toObject().number : await ledgerNumber(x);
    return { withdrawReason: reason, returnComment: '', ...(number ? { number } : {}) };
  });
  if (c.meeting) await takeOffAgenda(c.meeting.id, c._id, o.actor._id);
  const proposer = onBehalf ? await Member.findById(c.proposer) : null;
  await audit(
    o.community,
    o.actor._id,
    'case.withdraw',
    { kind: CASE_KIND, id: c._id },
    {
      reason,
      ...(c.number ? { number: c.number.label } : {}),
      ...(c.meeting ? { meeting: c.meeting.title } : {}),
      ...(proposer ? { onBehalfOf: proposer.name } : {}),
    },
  );
  return c;
}

/** Takes the case off the meeting's agenda (an acceptance racing this checks again after adding it). */
async function takeOffAgenda(meetingId: Types.ObjectId, caseId: Types.ObjectId, actor: Id | null): Promise<void> {
  await removeAgendaItem(meetingId, caseId, { actor });
}

/** The body's decision after the meeting. Only a case that was on an agenda can be decided. */
export async function decide(_services: Services, o: { community: Id; caseId: Id; text: string; actor: MemberDoc }): Promise<CaseDoc> {
  requireSecretariat(o.actor);
  await requireMeetingHeld(o.community, o.caseId);
  const c = await move(o.community, o.caseId, 'decide', () => ({ decision: { text: o.text, at: new Date(), by: o.actor._id } }));
  await audit(o.community, o.actor._id, 'case.decide', { kind: CASE_KIND, id: c._id }, { number: c.number?.label, decision: o.text });
  return c;
}

/** A case is decided (or sent to the partners) after the meeting it is on, not before. */
async function requireMeetingHeld(community: Id, caseId: Id): Promise<void> {
  const c = await Case.findOne({ _id: caseId, community });
  const start = c?.meeting?.start;
  if (start && start.getTime() > Date.now()) throw new SamlaError('case_meeting_not_held', 'the meeting has not been held yet', { start });
}

/** The subject the partners decide on: the case by its number and title. */
export function partnerSubject(c: Pick<CaseDoc, '_id' | 'title' | 'number'>) {
  return { kind: CASE_KIND, id: String(c._id), title: c.number ? `${c.number.label} ${c.title}` : c.title };
}

/**
 * Sends the case out for each party's own decision. The parties are stored with the state change,
 * so if the send-out itself is interrupted, completeSendOut() finishes it (sendOut is idempotent).
 */
export async function sendToPartners(services: Services, o: { community: Id; caseId: Id; parties: Id[]; remindAt?: Date | null; actor: MemberDoc }): Promise<CaseDoc> {
  requireSecretariat(o.actor);
  if (!o.parties.length) throw new SamlaError('partner_parties', 'choose at least one party');
  await requireMeetingHeld(o.community, o.caseId);
  const c = await move(o.community, o.caseId, 'send_to_partners', () => ({ partnerParties: o.parties }));
  await audit(o.community, o.actor._id, 'case.send_to_partners', { kind: CASE_KIND, id: c._id }, { parties: o.parties.length });
  await sendOut(services, { community: o.community, subject: partnerSubject(c), parties: o.parties, actor: o.actor._id, remindAt: o.remindAt ? [o.remindAt] : [] });
  return c;
}

/** Finishes a send-out a crash interrupted (the case is at the partners, but they were never asked). */
export async function completeSendOut(services: Services, c: CaseDoc): Promise<void> {
  if (c.state !== 'at_partners' || !c.partnerParties.length) return;
  if (await findRequest(c.community, { kind: CASE_KIND, id: String(c._id) })) return;
  await sendOut(services, { community: c.community, subject: partnerSubject(c), parties: c.partnerParties, actor: null });
}

// When the last party has decided, the case is done; the proposer hears of it.

/** The last party has decided: the case is done with the parties. Null when it no longer was at the partners. */
export async function partnersDecided(community: Id, caseId: Id, counts: Record<string, number>): Promise<CaseDoc | null> {
  try {
    const c = await move(community, caseId, 'partners_done');
    await audit(community, null, 'case.partners_decided', { kind: CASE_KIND, id: c._id }, { counts });
    return c;
  } catch (err) {
    if (!(err instanceof CaseTransitionError)) throw err;
    return null;
  }
}
