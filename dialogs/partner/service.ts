/**
 * Partner decisions (*behandling hos partnarane*): one mechanism for anything the parties decide
 * on themselves — a case sent out from a body, a strategy version put up for political anchoring.
 * It knows nothing about its subjects beyond {kind, id, title}; owners hear about decisions
 * through hooks (onPartnerDecisions, registered by the composition root) and show progress with
 * the views in views.ts.
 *
 * Every change is written to the audit log against the subject itself (target {kind, id}), so the
 * subject's own history shows who sent it out and which party decided what, when.
 *
 * Counting is by party, not by person: one decision row per (request, party) under a unique
 * index, so recording again corrects the party's decision and never counts it twice.
 */
import type { Types } from 'mongoose';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party, type PartyDoc } from '../../models/party.js';
import { PARTNER_DECISIONS, PartnerDecision, PartnerDecisionRequest, type PartnerDecisionRequestDoc, type PartnerDecisionValue } from '../../models/partner-decision.js';
import { audit } from '../../src/audit.js';
import { SamlaError } from '../../src/errors.js';
import type { Services } from '../../src/services.js';
import { PARTNER_ASK_TEMPLATE, PARTNER_REMIND_JOB, PARTNER_REMIND_TEMPLATE } from './names.js';
import { asked, canRecordFor } from './rules.js';

type Id = Types.ObjectId | string;

export { PARTNER_DECISIONS, type PartnerDecisionValue };

/** What is being decided on. `kind` names the owner (e.g. 'case'); `title` is what the parties see. */
export interface DecisionSubject {
  kind: string;
  id: string;
  title: string;
}
export type SubjectRef = Pick<DecisionSubject, 'kind' | 'id'>;

// ── hooks: how an owner (the case capability, …) hears about decisions ───────────────────────

export interface PartnerDecisionEvent {
  community: Id;
  subject: DecisionSubject;
  party: PartyDoc;
  decision: PartnerDecisionValue;
  actor: MemberDoc;
  progress: PartnerProgress;
}

export interface PartnerDecisionHooks {
  /** After every recorded decision. */
  onDecision?(services: Services, e: PartnerDecisionEvent): Promise<void>;
  /** Once, when the last asked party has decided. */
  onComplete?(services: Services, e: PartnerDecisionEvent): Promise<void>;
}

const hooks = new Map<string, PartnerDecisionHooks>();

/** Registers the owner of a subject kind; registering the same kind again replaces the hooks. */
export function onPartnerDecisions(kind: string, h: PartnerDecisionHooks): void {
  hooks.set(kind, h);
}

// ── sending out ───────────────────────────────────────────────────────────────────────────────

export interface SendOutOptions {
  community: Id;
  subject: DecisionSubject;
  parties: Id[];
  /** Who sent it out (audit), or null for the system. */
  actor: Id | null;
  /** When the members of parties that have not decided yet get a reminder. */
  remindAt?: Date[];
  /** Tell the parties' members now (default true). */
  notify?: boolean;
}

/**
 * Sends a subject out to the parties. Sending the same subject again adds parties that were not
 * asked before and keeps every decision already recorded.
 */
export async function sendOut(services: Services, o: SendOutOptions): Promise<PartnerDecisionRequestDoc> {
  const partyIds = [...new Set(o.parties.map(String))];
  const parties = await Party.find({ community: o.community, _id: { $in: partyIds }, type: { $ne: 'secretariat' } });
  if (parties.length === 0 || parties.length !== partyIds.length) {
    throw new SamlaError('partner_parties', 'choose at least one party of this community (not the secretariat)');
  }
  const filter = { community: o.community, 'subject.kind': o.subject.kind, 'subject.id': o.subject.id };
  let req = await PartnerDecisionRequest.findOne(filter);
  if (!req) {
    try {
      req = await PartnerDecisionRequest.create({ community: o.community, subject: o.subject, parties: partyIds, sentBy: o.actor });
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
      req = await PartnerDecisionRequest.findOne(filter);
    }
  }
  if (!req) throw new SamlaError('partner_not_sent_out', 'the request vanished while it was created');
  const before = new Set(req.parties.map(String));
  const added = partyIds.filter((p) => !before.has(p));
  if (added.length) {
    req = (await PartnerDecisionRequest.findOneAndUpdate({ _id: req._id }, { $addToSet: { parties: { $each: added } } }, { new: true }))!;
  }
  await audit(o.community, o.actor, 'partner_decision.send_out', o.subject, {
    parties: parties.map((p) => p.name),
    added: added.length,
  });
  const id = String(req._id);
  if (o.notify !== false) {
    const members = await Member.find({ community: o.community, party: { $in: partyIds } }).sort({ _id: 1 });
    await services.fanout.start({
      key: `partner:${id}:ask`,
      template: PARTNER_ASK_TEMPLATE,
      params: { request: id },
      members: members.map((m) => m._id),
    });
  }
  for (const [i, when] of (o.remindAt ?? []).entries()) {
    await services.scheduler.at(when, PARTNER_REMIND_JOB, { key: `partner:${id}:remind:${i}`, request: id });
  }
  return req;
}

export async function findRequest(community: Id, subject: SubjectRef): Promise<PartnerDecisionRequestDoc | null> {
  return PartnerDecisionRequest.findOne({ community, 'subject.kind': subject.kind, 'subject.id': subject.id });
}

/** A request by the id a button carries (never trusted to be well-formed). */
export async function requestById(community: Id, id: string): Promise<PartnerDecisionRequestDoc | null> {
  if (!/^[a-f0-9]{24}$/.test(id)) return null;
  return PartnerDecisionRequest.findOne({ _id: id, community });
}

// ── recording ─────────────────────────────────────────────────────────────────────────────────

export interface RecordOptions {
  community: Id;
  subject: SubjectRef;
  party: Id;
  decision: PartnerDecisionValue;
  /** When the party decided. */
  date: Date;
  comment?: string;
  /** A member of the party, or the secretariat. */
  actor: MemberDoc;
}

/**
 * Records (or corrects) one party's decision. Throws SamlaError 'partner_not_sent_out',
 * 'partner_not_asked' or 'forbidden'.
 */
export async function record(services: Services, o: RecordOptions): Promise<{ progress: PartnerProgress; changed: boolean }> {
  const req = await findRequest(o.community, o.subject);
  if (!req) throw new SamlaError('partner_not_sent_out', 'this has not been sent out to the parties');
  if (!asked(req, o.party)) throw new SamlaError('partner_not_asked', 'this party was not asked to decide');
  if (!canRecordFor(o.actor, o.party)) throw new SamlaError('forbidden', 'only the party’s own members or the secretariat record its decision');
  if (!PARTNER_DECISIONS.includes(o.decision)) throw new SamlaError('partner_decision', `unknown decision ${String(o.decision)}`);
  const party = (await Party.findOne({ _id: o.party, community: o.community }))!;

  const key = { request: req._id, party: party._id };
  const set = { community: o.community, decision: o.decision, date: o.date, comment: o.comment ?? '', recordedBy: o.actor._id, recordedAt: new Date() };
  const previous = await PartnerDecision.findOne(key);
  try {
    await PartnerDecision.updateOne(key, { $set: set }, { upsert: true });
  } catch (e) {
    // Two recordings of the same party at the same moment: the upsert that lost the race updates.
    if ((e as { code?: number }).code !== 11000) throw e;
    await PartnerDecision.updateOne(key, { $set: set });
  }
  const changed = !previous || previous.decision !== o.decision || previous.date.getTime() !== o.date.getTime() || previous.comment !== (o.comment ?? '');
  if (changed) {
    await audit(o.community, o.actor._id, 'partner_decision.record', req.subject, {
      party: party.name,
      decision: o.decision,
      date: o.date,
      comment: o.comment ?? '',
      ...(previous ? { previous: previous.decision } : {}),
    });
  }
  const progress = await progressOf(req);
  const h = hooks.get(req.subject.kind);
  const event: PartnerDecisionEvent = { community: o.community, subject: req.subject, party, decision: o.decision, actor: o.actor, progress };
  if (changed && h?.onDecision) await h.onDecision(services, event);
  if (progress.complete) {
    // Only the change that marks it complete announces it, so «everyone has decided» is said
    // once even when the last two parties record at the same moment.
    const first = await PartnerDecisionRequest.updateOne({ _id: req._id, completedAt: null }, { $set: { completedAt: new Date() } });
    if (first.modifiedCount === 1 && h?.onComplete) await h.onComplete(services, event);
  }
  return { progress, changed };
}

// ── progress ──────────────────────────────────────────────────────────────────────────────────

export interface PartyRef {
  id: string;
  name: string;
  type: string;
}

export interface PartyDecisionView {
  party: PartyRef;
  decision: PartnerDecisionValue;
  date: Date;
  comment: string;
  recordedBy: string | null;
}

export interface PartnerProgress {
  requestId: string;
  subject: DecisionSubject;
  total: number;
  decided: number;
  complete: boolean;
  /** Parties that have not decided yet, by name. */
  missing: PartyRef[];
  decisions: PartyDecisionView[];
  counts: Record<PartnerDecisionValue, number>;
}

/** How far the parties have come, or null when the subject was never sent out. */
export async function progress(community: Id, subject: SubjectRef): Promise<PartnerProgress | null> {
  const req = await findRequest(community, subject);
  return req ? progressOf(req) : null;
}

export async function progressOf(req: PartnerDecisionRequestDoc): Promise<PartnerProgress> {
  const parties = await Party.find({ community: req.community, _id: { $in: req.parties } });
  const rows = await PartnerDecision.find({ request: req._id });
  const byParty = new Map(rows.map((r) => [String(r.party), r]));
  const ref = (p: PartyDoc): PartyRef => ({ id: String(p._id), name: p.name, type: p.type });
  const sorted = [...parties].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  const counts = Object.fromEntries(PARTNER_DECISIONS.map((d) => [d, 0])) as Record<PartnerDecisionValue, number>;
  const decisions: PartyDecisionView[] = [];
  const missing: PartyRef[] = [];
  for (const p of sorted) {
    const r = byParty.get(String(p._id));
    if (!r) {
      missing.push(ref(p));
      continue;
    }
    const decision = r.decision as PartnerDecisionValue;
    counts[decision]++;
    decisions.push({ party: ref(p), decision, date: r.date, comment: r.comment ?? '', recordedBy: r.recordedBy ? String(r.recordedBy) : null });
  }
  return {
    requestId: String(req._id),
    subject: { kind: req.subject.kind, id: req.subject.id, title: req.subject.title },
    total: parties.length,
    decided: decisions.length,
    complete: parties.length > 0 && missing.length === 0,
    missing,
    decisions,
    counts,
  };
}

// ── reminders ─────────────────────────────────────────────────────────────────────────────────

/**
 * Reminds the members of every party that has not decided. Each call is a new fan-out (its key
 * carries the reminder's number); the template skips a member whose party decided meanwhile.
 */
export async function remindMissing(services: Services, community: Id, requestId: Id, fanoutKey?: string): Promise<{ parties: number; members: number }> {
  const req = await PartnerDecisionRequest.findOneAndUpdate({ _id: requestId, community }, { $inc: { reminders: 1 } }, { new: true });
  if (!req) throw new SamlaError('partner_not_sent_out', 'no such request');
  const p = await progressOf(req);
  if (p.complete) return { parties: 0, members: 0 };
  const members = await Member.find({ community, party: { $in: p.missing.map((m) => m.id) } }).sort({ _id: 1 });
  await services.fanout.start({
    key: fanoutKey ?? `partner:${String(req._id)}:remind:n${req.reminders}`,
    template: PARTNER_REMIND_TEMPLATE,
    params: { request: String(req._id) },
    members: members.map((m) => m._id),
    reminder: true,
  });
  await audit(community, null, 'partner_decision.remind', req.subject, { parties: p.missing.map((m) => m.name), members: members.length });
  return { parties: p.missing.length, members: members.length };
}
