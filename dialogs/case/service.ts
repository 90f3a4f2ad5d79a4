/**
 * The case domain: proposing, the state machine with its allowed transitions, case numbers, and
 * the hand-over to meetings (agenda) and to the partners (partner decisions). Used by the case
 * dialog and by the partner-decision hook; no chat code here (notices are built in notify.ts).
 *
 * Every change of a case is a compare-and-set on its `rev`: checked against the case as it is,
 * written only if nobody changed it in between. Of two secretaries clicking at once, a double
 * click or a retry, only one succeeds, and a refused transition has no effect at all — in
 * particular it never takes a number.
 */
import type { Types } from 'mongoose';
import { TZDate } from '@date-fns/tz';
import { Body, type BodyDoc } from '../../models/body.js';
import {
  CASE_KIND,
  Case,
  CaseNumber,
  type CaseDoc,
  type CasePriorityGroup,
  type CaseState,
  type CaseType,
} from '../../models/case.js';
import { Member, isSecretariat, type MemberDoc } from '../../models/member.js';
import { audit } from '../../src/audit.js';
import { SamlaError } from '../../src/errors.js';
import { findRequest, onPartnerDecisions, sendOut } from '../../src/partner-decisions.js';
import { canAdminister, canPropose } from '../../src/permissions.js';
import type { Services } from '../../src/services.js';
import { TZ } from '../../src/time.js';
import { addAgendaItem, findMeeting, removeAgendaItem } from '../meeting/service.js';
import { notifyProposer, notifySecretariat } from './notify.js';

type Id = Types.ObjectId | string;

export { CASE_KIND };

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

/** The steps the secretariat can take on a case in its state (for buttons). */
export function stepsFrom(state: CaseState): CaseStep[] {
  return (Object.keys(TRANSITIONS) as CaseStep[]).filter((s) => (TRANSITIONS[s].from as readonly string[]).includes(state));
}

export interface CaseText {
  title: string;
  background: string;
  proposedDecision: string;
  type: CaseType;
  priorityGroups: CasePriorityGroup[];
  links: string[];
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

// ── proposing ─────────────────────────────────────────────────────────────────────────────────

/**
 * A proposal to a body. The actor proposes for themselves when they have proposal rights there;
 * the secretariat may enter a case on someone's behalf (the proposer is then told as if they had).
 */
export async function propose(
  services: Services,
  o: { community: Id; body: BodyDoc; actor: MemberDoc; proposer?: MemberDoc; text: CaseText },
): Promise<CaseDoc> {
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
  await audit(o.community, o.actor._id, 'case.propose', { kind: CASE_KIND, id: c._id }, {
    body: o.body.short,
    title: o.text.title,
    ...(onBehalf ? { onBehalfOf: proposer.name } : {}),
  });
  await notifyProposer(services, c, 'proposed', o.actor._id);
  await notifySecretariat(services, c, 'proposed', o.actor._id);
  return c;
}

// ── the state machine ─────────────────────────────────────────────────────────────────────────

type Changes = Record<string, unknown>;

function isDuplicate(e: unknown): boolean {
  return (e as { code?: number }).code === 11000;
}

export async function current(community: Id, caseId: Id): Promise<CaseDoc> {
  const c = await Case.findOne({ _id: caseId, community });
  if (!c) throw new SamlaError('case_not_found', 'no such case');
  return c;
}

/**
 * One exclusive change of a case: check it against the case as it is now, and write it only if
 * the case is still at the revision checked. Losing to another change means reading again and
 * checking again.
 */
async function change(community: Id, caseId: Id, check: (c: CaseDoc) => void, compute: (c: CaseDoc) => Changes | Promise<Changes>): Promise<CaseDoc> {
  for (let attempt = 0; ; attempt++) {
    const c = await current(community, caseId);
    check(c);
    const set = { ...(await compute(c)), rev: c.rev + 1 };
    const done = await Case.findOneAndUpdate({ _id: c._id, rev: c.rev }, { $set: set }, { new: true });
    if (done) return done;
    if (attempt > 50) throw new SamlaError('case_busy', 'the case kept changing under us');
  }
}

/**
 * Moves a case one step, only from a state the step allows. Throws CaseTransitionError (with the
 * case's actual state) when the step does not apply, and SamlaError 'case_not_found'.
 */
async function move(community: Id, caseId: Id, step: CaseStep, compute: (c: CaseDoc) => Changes | Promise<Changes> = () => ({})): Promise<CaseDoc> {
  const t = TRANSITIONS[step];
  return change(
    community,
    caseId,
    (c) => {
      if (!(t.from as readonly string[]).includes(c.state)) throw new CaseTransitionError(step, c.state as CaseState);
    },
    async (c) => ({ ...(await compute(c)), state: t.to, stateAt: new Date() }),
  );
}

function requireSecretariat(actor: MemberDoc): void {
  if (!canAdminister(actor)) throw new SamlaError('forbidden', 'only the secretariat handles cases');
}

/** The calendar year (in Oslo) a meeting falls in: the year of the case number. */
function yearOf(d: Date): number {
  return new TZDate(d, TZ).getFullYear();
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
export async function accept(services: Services, o: { community: Id; caseId: Id; meetingId: Id; actor: MemberDoc }): Promise<CaseDoc> {
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
  await audit(o.community, o.actor._id, 'case.accept', { kind: CASE_KIND, id: done._id }, {
    number: done.number?.label,
    meeting: meeting.title,
    meetingStart: meeting.start,
  });
  // Withdrawn in the meantime (the proposer was quicker): they are not told it is on the agenda.
  if ((await current(o.community, done._id)).state === 'accepted') await notifyProposer(services, done, 'accepted', o.actor._id);
  return done;
}

const NUMBERED_STATES = new Set(['accepted', 'decided', 'at_partners', 'partners_decided']);

/** Steps 2–4 of an acceptance; safe to run any number of times. */
export async function completeAcceptance(c: CaseDoc, actor: Id | null = null): Promise<CaseDoc> {
  if (!c.meeting || !NUMBERED_STATES.has(c.state)) return c;
  let now = c;
  if (!now.number) {
    const body = await Body.findById(now.body);
    if (!body) return now;
    const year = yearOf(now.meeting!.start);
    const seq = await takeNumber(now.community, body._id, year, now._id);
    const number = { body: body._id, year, seq, label: numberLabel(body.short, seq, year) };
    try {
      now = await change(
        now.community,
        now._id,
        (x) => {
          if (x.number || !x.meeting || String(x.body) !== String(body._id)) throw new SamlaError('case_numbered', 'numbered already, or moved on');
        },
        () => ({ number }),
      );
    } catch (e) {
      if (!(e instanceof SamlaError && e.code === 'case_numbered')) throw e;
      now = await current(now.community, now._id);
    }
  }
  if (now.number && now.meeting && String(now.number.body) === String(now.body)) {
    const { meeting, number, title, _id } = now;
    await addAgendaItem(meeting.id, { title, caseId: String(_id), caseNumber: number.label }, { actor });
    // Withdrawn or referred while it was being put on: its withdrawal may have looked at the
    // agenda before the item was there, so take it off again here. Either this read sees the
    // new state, or the withdrawal's removal comes after the item was added.
    if (!NUMBERED_STATES.has((await current(now.community, _id)).state)) await removeAgendaItem(meeting.id, _id, { actor });
  }
  return now;
}

function numberLabel(short: string, seq: number, year: number): string {
  return `${short} ${seq}/${year}`;
}

let ledgerReady: Promise<unknown> | null = null;

/**
 * The case's number in its body's sequence for the year: the one it already holds, or the next.
 * The next is taken by inserting the row after the highest; when two take the same, the unique
 * index lets one win and the other tries the one after — consecutive, never twice, never skipped.
 */
export async function takeNumber(community: Id, body: Id, year: number, caseId: Id): Promise<number> {
  // The unique indexes must exist before the first concurrent inserts.
  ledgerReady ??= CaseNumber.init();
  await ledgerReady;
  const key = { community, body, year };
  for (let attempt = 0; ; attempt++) {
    const held = await CaseNumber.findOne({ case: caseId, body, year });
    if (held) return held.seq;
    const last = await CaseNumber.findOne(key).sort({ seq: -1 });
    const seq = (last?.seq ?? 0) + 1;
    try {
      await CaseNumber.create({ ...key, seq, case: caseId });
      return seq;
    } catch (e) {
      if (!isDuplicate(e) || attempt > 500) throw e;
    }
  }
}

/** A number the ledger holds for the case in a body but the case never got written (a crash or a race). */
async function ledgerNumber(c: CaseDoc) {
  if (!c.meeting) return null;
  const row = await CaseNumber.findOne({ case: c._id, body: c.body, year: yearOf(c.meeting.start) });
  const body = row ? await Body.findById(row.body) : null;
  return row && body ? { body: row.body, year: row.year, seq: row.seq, label: numberLabel(body.short, row.seq, row.year) } : null;
}

export async function returnToProposer(services: Services, o: { community: Id; caseId: Id; comment: string; actor: MemberDoc }): Promise<CaseDoc> {
  requireSecretariat(o.actor);
  const c = await move(o.community, o.caseId, 'return', () => ({ returnComment: o.comment }));
  await audit(o.community, o.actor._id, 'case.return', { kind: CASE_KIND, id: c._id }, { comment: o.comment });
  await notifyProposer(services, c, 'returned', o.actor._id);
  return c;
}

/** The proposer (or the secretariat) sends a returned case in again; the earlier versions are kept. */
export async function resubmit(services: Services, o: { community: Id; caseId: Id; text: CaseText; actor: MemberDoc }): Promise<CaseDoc> {
  const before = await Case.findOne({ _id: o.caseId, community: o.community });
  if (!before) throw new SamlaError('case_not_found', 'no such case');
  if (String(before.proposer) !== String(o.actor._id) && !canAdminister(o.actor)) throw new SamlaError('forbidden', 'only the proposer revises a case');
  const c = await move(o.community, o.caseId, 'resubmit', (x) => {
    const n = x.version + 1;
    const versions = [...x.toObject().versions, { n, ...o.text, at: new Date(), by: o.actor._id }];
    return { ...o.text, version: n, versions };
  });
  const n = c.version;
  await audit(o.community, o.actor._id, 'case.resubmit', { kind: CASE_KIND, id: c._id }, { version: n, title: o.text.title });
  await notifyProposer(services, c, 'resubmitted', o.actor._id);
  await notifySecretariat(services, c, 'resubmitted', o.actor._id);
  return c;
}

/** Bodies a case with this body may be referred to: up to its parent, or down to the bodies under it. */
export async function referralTargets(community: Id, bodyId: Id): Promise<BodyDoc[]> {
  const body = await Body.findOne({ _id: bodyId, community });
  if (!body) return [];
  const up = body.parent ? await Body.find({ _id: body.parent, community }) : [];
  const down = await Body.find({ community, parent: body._id }).sort({ key: 1 });
  return [...up, ...down];
}

export async function refer(services: Services, o: { community: Id; caseId: Id; toBody: Id; comment?: string; actor: MemberDoc }): Promise<CaseDoc> {
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
  await audit(o.community, o.actor._id, 'case.refer', { kind: CASE_KIND, id: c._id }, {
    from: from?.short ?? '',
    to: to.short,
    comment: o.comment ?? '',
    ...(oldNumber ? { number: oldNumber } : {}),
  });
  await notifyProposer(services, c, 'referred', o.actor._id);
  await notifySecretariat(services, c, 'referred', o.actor._id);
  return c;
}

export async function reject(services: Services, o: { community: Id; caseId: Id; reason: string; actor: MemberDoc }): Promise<CaseDoc> {
  requireSecretariat(o.actor);
  const c = await move(o.community, o.caseId, 'reject', () => ({ rejectReason: o.reason }));
  await audit(o.community, o.actor._id, 'case.reject', { kind: CASE_KIND, id: c._id }, { reason: o.reason });
  await notifyProposer(services, c, 'rejected', o.actor._id);
  return c;
}

/**
 * The proposer (or the secretariat on their behalf) takes the case back: while it is submitted,
 * returned, or accepted but not decided. A case on an agenda comes off it. Its number stays with
 * it (the ledger row is kept), so the body's sequence neither repeats nor skips: the next case
 * accepted gets the number after it.
 */
export async function withdraw(services: Services, o: { community: Id; caseId: Id; reason?: string; actor: MemberDoc }): Promise<CaseDoc> {
  const before = await Case.findOne({ _id: o.caseId, community: o.community });
  if (!before) throw new SamlaError('case_not_found', 'no such case');
  const onBehalf = String(before.proposer) !== String(o.actor._id);
  if (onBehalf && !canAdminister(o.actor)) throw new SamlaError('forbidden', 'only the proposer or the secretariat withdraws a case');
  const reason = (o.reason ?? '').trim();
  const c = await move(o.community, o.caseId, 'withdraw', async (x) => {
    // A number the ledger gave it during an acceptance a crash interrupted is written too: it is taken.
    const number = x.number ? x.toObject().number : await ledgerNumber(x);
    return { withdrawReason: reason, returnComment: '', ...(number ? { number } : {}) };
  });
  if (c.meeting) await takeOffAgenda(c.meeting.id, c._id, o.actor._id);
  const proposer = onBehalf ? await Member.findById(c.proposer) : null;
  await audit(o.community, o.actor._id, 'case.withdraw', { kind: CASE_KIND, id: c._id }, {
    reason,
    ...(c.number ? { number: c.number.label } : {}),
    ...(c.meeting ? { meeting: c.meeting.title } : {}),
    ...(proposer ? { onBehalfOf: proposer.name } : {}),
  });
  await notifyProposer(services, c, 'withdrawn', o.actor._id);
  await notifySecretariat(services, c, 'withdrawn', o.actor._id);
  return c;
}

/** Takes the case off the meeting's agenda (an acceptance racing this checks again after adding it). */
async function takeOffAgenda(meetingId: Types.ObjectId, caseId: Types.ObjectId, actor: Id | null): Promise<void> {
  await removeAgendaItem(meetingId, caseId, { actor });
}

/** The body's decision after the meeting. Only a case that was on an agenda can be decided. */
export async function decide(services: Services, o: { community: Id; caseId: Id; text: string; actor: MemberDoc }): Promise<CaseDoc> {
  requireSecretariat(o.actor);
  await requireMeetingHeld(o.community, o.caseId);
  const c = await move(o.community, o.caseId, 'decide', () => ({ decision: { text: o.text, at: new Date(), by: o.actor._id } }));
  await audit(o.community, o.actor._id, 'case.decide', { kind: CASE_KIND, id: c._id }, { number: c.number?.label, decision: o.text });
  await notifyProposer(services, c, 'decided', o.actor._id);
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
export async function sendToPartners(
  services: Services,
  o: { community: Id; caseId: Id; parties: Id[]; remindAt?: Date | null; actor: MemberDoc },
): Promise<CaseDoc> {
  requireSecretariat(o.actor);
  if (!o.parties.length) throw new SamlaError('partner_parties', 'choose at least one party');
  await requireMeetingHeld(o.community, o.caseId);
  const c = await move(o.community, o.caseId, 'send_to_partners', () => ({ partnerParties: o.parties }));
  await audit(o.community, o.actor._id, 'case.send_to_partners', { kind: CASE_KIND, id: c._id }, { parties: o.parties.length });
  await sendOut(services, { community: o.community, subject: partnerSubject(c), parties: o.parties, actor: o.actor._id, remindAt: o.remindAt ? [o.remindAt] : [] });
  await notifyProposer(services, c, 'at_partners', o.actor._id);
  return c;
}

/** Finishes a send-out a crash interrupted (the case is at the partners, but they were never asked). */
export async function completeSendOut(services: Services, c: CaseDoc): Promise<void> {
  if (c.state !== 'at_partners' || !c.partnerParties.length) return;
  if (await findRequest(c.community, { kind: CASE_KIND, id: String(c._id) })) return;
  await sendOut(services, { community: c.community, subject: partnerSubject(c), parties: c.partnerParties, actor: null });
}

// When the last party has decided, the case is done; the proposer hears of it.
onPartnerDecisions(CASE_KIND, {
  async onComplete(services, e) {
    try {
      const c = await move(e.community, e.subject.id, 'partners_done');
      await audit(e.community, null, 'case.partners_decided', { kind: CASE_KIND, id: c._id }, { counts: e.progress.counts });
      await notifyProposer(services, c, 'partners_decided', null);
    } catch (err) {
      if (!(err instanceof CaseTransitionError)) throw err;
    }
  },
});

// ── finding cases ─────────────────────────────────────────────────────────────────────────────

/** Cases the member proposed and the cases of the member's bodies (every case, for the secretariat). */
export async function casesFor(member: MemberDoc, limit = 50): Promise<CaseDoc[]> {
  const q = isSecretariat(member)
    ? { community: member.community }
    : { community: member.community, $or: [{ proposer: member._id }, { body: { $in: member.memberships.map((m) => m.body) } }] };
  return Case.find(q).sort({ updatedAt: -1 }).limit(limit);
}

/** The proposer, the members of the case's body, the members of parties asked to decide on it, and the secretariat. */
export function canSee(member: MemberDoc, c: CaseDoc): boolean {
  return (
    isSecretariat(member) ||
    String(c.proposer) === String(member._id) ||
    member.memberships.some((m) => String(m.body) === String(c.body)) ||
    c.partnerParties.some((p) => String(p) === String(member.party))
  );
}

/**
 * Finds cases by a number as people write it: "SSU 12/2026", "ssu 12", "12/2026" or "12" —
 * the current number or one the case had before a referral. Several may match a short form.
 */
export async function findByNumber(member: MemberDoc, text: string): Promise<CaseDoc[]> {
  const m = /^(.*?)\s*(\d{1,5})(?:\s*\/\s*(\d{4}))?$/.exec(text.trim());
  if (!m) return [];
  const [, shortRaw, seqRaw, yearRaw] = m;
  const seq = Number(seqRaw);
  const year = yearRaw ? Number(yearRaw) : null;
  const short = shortRaw!.trim().toLowerCase();
  const bodies = await Body.find({ community: member.community });
  const wanted = new Set(bodies.filter((b) => !short || b.short.toLowerCase() === short || b.key === short).map((b) => String(b._id)));
  const candidates = await Case.find({ community: member.community, $or: [{ 'number.seq': seq }, { 'previousNumbers.seq': seq }] }).sort({ updatedAt: -1 });
  const matches = (n: { seq: number; year: number; body: unknown } | null | undefined) => Boolean(n && n.seq === seq && (year === null || n.year === year) && wanted.has(String(n.body)));
  // A current number first; an earlier one only when no case holds it now.
  const now = candidates.filter((c) => matches(c.number));
  const found = now.length ? now : candidates.filter((c) => c.previousNumbers.some(matches));
  return found.filter((c) => canSee(member, c));
}

export async function findCase(community: Id, id: string): Promise<CaseDoc | null> {
  if (!/^[a-f0-9]{24}$/.test(id)) return null;
  return Case.findOne({ _id: id, community });
}

/** Finds the member a secretary enters a case for: by e-mail, or by a unique (part of a) name. */
export async function findProposer(community: Id, text: string): Promise<MemberDoc | null> {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  if (t.includes('@')) return Member.findOne({ community, email: t });
  const all = await Member.find({ community });
  const exact = all.filter((m) => m.name.toLowerCase() === t);
  if (exact.length === 1) return exact[0]!;
  const partial = all.filter((m) => m.name.toLowerCase().includes(t));
  return partial.length === 1 ? partial[0]! : null;
}
