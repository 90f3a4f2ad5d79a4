/**
 * The strategy domain, shared by the dialog, its jobs, the exports and the CLI: versions loaded
 * from Markdown (sections keep their identity by heading), feedback periods, feedback per member
 * and section, and the summaries the secretariat reads.
 */
import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { Body } from '../../models/body.js';
import { Feedback, FeedbackPosition, GENERAL, MAX_COMMENT, MAX_PROPOSAL, STANCES, type FeedbackDoc, type Stance } from '../../models/feedback.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party, PARTY_TYPES, type PartyDoc, type PartyType } from '../../models/party.js';
import { Strategy, StrategyVersion, type DecisionKind, type StrategyDoc, type VersionDoc } from '../../models/strategy.js';
import { audienceMembers, audienceParties, isInAudience, type Audience } from '../../src/audience.js';
import { audit } from '../../src/audit.js';
import { containsNationalId } from '../../src/guard.js';
import type { Services } from '../../src/services.js';
import { headingKey, parseDraft, sectionHash } from './markdown.js';

type Id = Types.ObjectId | string;

export const JOB_CLOSE = 'samla:strategy:close';
export const JOB_REMIND = 'samla:strategy:remind';
export const TEMPLATE_INVITE = 'strategy:invite';
export const TEMPLATE_REMIND = 'strategy:remind';
export const EXPORT_KIND = 'strategy-feedback';

/** Default reminders before the deadline, in hours. */
export const DEFAULT_REMINDER_HOURS = [72, 24];

/** A rule the input broke; the dialog turns the code into a message in the member's language. */
export class StrategyError extends Error {
  constructor(
    readonly code:
      | 'no_sections'
      | 'duplicate_heading'
      | 'no_title'
      | 'not_found'
      | 'not_open'
      | 'deadline_passed'
      | 'deadline_past'
      | 'no_audience'
      | 'not_in_audience'
      | 'too_long'
      | 'national_id'
      | 'unknown_section'
      | 'empty',
    readonly detail: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

const newKey = () => randomBytes(4).toString('hex');

// ───────────────────────── versions ─────────────────────────

export interface LoadOptions {
  community: Id;
  /** Add a version to this strategy; without it, a strategy with the same title gets the version, or a new one is made. */
  strategy?: Id | null;
  title?: string | null;
  label: string;
  markdown: string;
  actor?: Id | null;
  demo?: boolean;
}

export interface LoadResult {
  strategy: StrategyDoc;
  version: VersionDoc;
  /** Headings, per kind of change since the previous version. */
  changed: string[];
  added: string[];
  unchanged: string[];
  removed: string[];
}

export async function loadVersion(o: LoadOptions): Promise<LoadResult> {
  const parsed = parseDraft(o.markdown);
  if (!parsed.sections.length) throw new StrategyError('no_sections');
  if (containsNationalId(o.markdown)) throw new StrategyError('national_id');
  const seen = new Set<string>();
  for (const s of parsed.sections) {
    const k = headingKey(s.heading);
    if (seen.has(k)) throw new StrategyError('duplicate_heading', { heading: s.heading });
    seen.add(k);
  }

  const givenTitle = o.title?.trim() || null;
  let strategy: StrategyDoc | null = null;
  if (o.strategy) {
    strategy = await Strategy.findOne({ _id: o.strategy, community: o.community });
    if (!strategy) throw new StrategyError('not_found');
  } else {
    const title = givenTitle ?? parsed.title;
    if (!title) throw new StrategyError('no_title');
    strategy =
      (await Strategy.findOne({ community: o.community, title }).sort({ createdAt: -1 })) ??
      (await Strategy.create({ community: o.community, title, demo: o.demo ?? false, createdBy: o.actor ?? null }));
  }

  const result = { changed: [] as string[], added: [] as string[], unchanged: [] as string[], removed: [] as string[] };
  // Two loads at once get different numbers: the unique index refuses the second, which tries again.
  for (let attempt = 0; ; attempt++) {
    const previous = await StrategyVersion.findOne({ strategy: strategy._id }).sort({ number: -1 });
    const prevByHeading = new Map((previous?.sections ?? []).map((s) => [headingKey(s.heading), s]));
    result.changed = [];
    result.added = [];
    result.unchanged = [];
    const sections = parsed.sections.map((s) => {
      const hash = sectionHash(s.heading, s.body);
      const before = prevByHeading.get(headingKey(s.heading));
      if (!before) result.added.push(s.heading);
      else if (before.hash !== hash) result.changed.push(s.heading);
      else result.unchanged.push(s.heading);
      return { key: before?.key ?? newKey(), heading: s.heading, body: s.body, hash, changed: !before || before.hash !== hash };
    });
    const kept = new Set(parsed.sections.map((s) => headingKey(s.heading)));
    result.removed = (previous?.sections ?? []).filter((s) => !kept.has(headingKey(s.heading))).map((s) => s.heading);
    try {
      const version = await StrategyVersion.create({
        community: o.community,
        strategy: strategy._id,
        number: (previous?.number ?? 0) + 1,
        label: o.label.trim(),
        title: givenTitle ?? parsed.title ?? strategy.title,
        intro: parsed.intro,
        sections,
        removed: result.removed,
        previous: previous?._id ?? null,
        createdBy: o.actor ?? null,
      });
      await audit(o.community, o.actor ?? null, 'strategy.version.load', { kind: 'strategy-version', id: version._id }, {
        strategy: String(strategy._id),
        number: version.number,
        label: version.label,
        changed: result.changed,
        added: result.added,
        removed: result.removed,
      });
      return { strategy, version, ...result };
    } catch (e) {
      if ((e as { code?: number }).code !== 11000 || attempt >= 3) throw e;
    }
  }
}

export async function findVersion(community: Id, id: unknown): Promise<VersionDoc | null> {
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) return null;
  return StrategyVersion.findOne({ _id: id, community });
}

export async function previousVersion(v: VersionDoc): Promise<VersionDoc | null> {
  return v.previous ? StrategyVersion.findOne({ _id: v.previous, community: v.community }) : null;
}

export function isOpen(v: Pick<VersionDoc, 'state' | 'deadline'>, now = new Date()): boolean {
  return v.state === 'open' && Boolean(v.deadline) && v.deadline!.getTime() > now.getTime();
}

export function audienceOf(v: VersionDoc): Audience {
  return { bodies: v.audience?.bodies ?? [], partyTypes: (v.audience?.partyTypes ?? []) as PartyType[] };
}

/** Versions open for feedback that this member may answer, newest first. */
export async function openVersionsFor(member: MemberDoc): Promise<VersionDoc[]> {
  const open = await StrategyVersion.find({ community: member.community, state: 'open', deadline: { $gt: new Date() } }).sort({ openedAt: -1 });
  const out: VersionDoc[] = [];
  for (const v of open) if (await isInAudience(member, audienceOf(v))) out.push(v);
  return out;
}

// ───────────────────────── feedback periods ─────────────────────────

export interface OpenOptions {
  bodies: Id[];
  partyTypes: PartyType[];
  deadline: Date;
  /** When to remind those whose party has not responded; default 72 and 24 hours before the deadline. */
  reminders?: Date[];
  actor: Id;
}

/** Opens (or re-opens with a new deadline) a version for feedback, and invites the audience. */
export async function openFeedback(services: Services, v: VersionDoc, o: OpenOptions): Promise<VersionDoc> {
  const now = Date.now();
  if (o.deadline.getTime() <= now) throw new StrategyError('deadline_past');
  if (!o.bodies.length && !o.partyTypes.length) throw new StrategyError('no_audience');
  const reminders = (o.reminders ?? DEFAULT_REMINDER_HOURS.map((h) => new Date(o.deadline.getTime() - h * 3600_000)))
    .filter((d) => d.getTime() > now && d.getTime() < o.deadline.getTime())
    .sort((a, b) => a.getTime() - b.getTime());

  // One version of a strategy is out for feedback at a time: opening a new one closes the older.
  const others = await StrategyVersion.find({ strategy: v.strategy, state: 'open', _id: { $ne: v._id } });
  for (const other of others) await closeVersion(services, other, o.actor);

  await StrategyVersion.updateOne(
    { _id: v._id, community: v.community },
    {
      $set: {
        state: 'open',
        audience: { bodies: o.bodies, partyTypes: o.partyTypes },
        deadline: o.deadline,
        reminders,
        openedAt: v.openedAt ?? new Date(),
        openedBy: o.actor,
        closedAt: null,
      },
    },
  );
  const fresh = (await StrategyVersion.findById(v._id))!;
  const prefix = `strategy:${String(v._id)}:`;
  await services.scheduler.cancelPrefix(`${prefix}remind:`);
  await services.scheduler.at(o.deadline, JOB_CLOSE, { key: `${prefix}close`, version: String(v._id) });
  for (const [i, when] of reminders.entries()) {
    await services.scheduler.at(when, JOB_REMIND, { key: `${prefix}remind:${i}`, version: String(v._id), n: i });
  }
  const members = await audienceMembers(v.community, audienceOf(fresh));
  await services.fanout.start({ key: `${prefix}invite`, template: TEMPLATE_INVITE, params: { version: String(v._id) }, members: members.map((m) => m._id) });
  await audit(v.community, o.actor, v.state === 'draft' ? 'strategy.feedback.open' : 'strategy.feedback.reopen', { kind: 'strategy-version', id: v._id }, {
    deadline: o.deadline.toISOString(),
    bodies: o.bodies.map(String),
    partyTypes: o.partyTypes,
    reminders: reminders.map((d) => d.toISOString()),
  });
  return fresh;
}

/** Closes a version's feedback period (at its deadline, or when a newer version opens). Idempotent. */
export async function closeVersion(services: Services, v: VersionDoc, actor: Id | null): Promise<boolean> {
  const r = await StrategyVersion.updateOne({ _id: v._id, community: v.community, state: 'open' }, { $set: { state: 'closed', closedAt: new Date() } });
  if (!r.modifiedCount) return false;
  await services.scheduler.cancelPrefix(`strategy:${String(v._id)}:remind:`);
  await audit(v.community, actor, 'strategy.feedback.close', { kind: 'strategy-version', id: v._id });
  return true;
}

/** The reminder job: everyone in the audience is put on the fan-out; the template skips those whose party has answered. */
export async function sendReminders(services: Services, versionId: string, n: number): Promise<void> {
  const v = await StrategyVersion.findById(versionId);
  if (!v || !isOpen(v)) return;
  const members = await audienceMembers(v.community, audienceOf(v));
  await services.fanout.start({
    key: `strategy:${versionId}:remind:${n}`,
    template: TEMPLATE_REMIND,
    params: { version: versionId },
    members: members.map((m) => m._id),
    reminder: true,
  });
}

// ───────────────────────── feedback ─────────────────────────

export interface FeedbackPatch {
  stance?: Stance | null;
  comment?: string;
  proposal?: string;
}

/** Saves (or changes) a member's feedback on one section, or the general comment (section GENERAL). */
export async function giveFeedback(v: VersionDoc, member: MemberDoc, section: string, patch: FeedbackPatch): Promise<FeedbackDoc> {
  if (v.state !== 'open') throw new StrategyError('not_open');
  if (!isOpen(v)) throw new StrategyError('deadline_passed');
  if (!(await isInAudience(member, audienceOf(v)))) throw new StrategyError('not_in_audience');
  if (section !== GENERAL && !v.sections.some((s) => s.key === section)) throw new StrategyError('unknown_section');
  if (patch.stance && !STANCES.includes(patch.stance)) throw new StrategyError('unknown_section');
  for (const [field, max] of [['comment', MAX_COMMENT], ['proposal', MAX_PROPOSAL]] as const) {
    const text = patch[field];
    if (text === undefined) continue;
    if (text.length > max) throw new StrategyError('too_long', { field, length: text.length, max });
    if (containsNationalId(text)) throw new StrategyError('national_id', { field });
  }
  const set: Record<string, unknown> = { party: member.party };
  if (patch.stance !== undefined) set.stance = patch.stance;
  if (patch.comment !== undefined) set.comment = patch.comment.trim();
  if (patch.proposal !== undefined) set.proposal = patch.proposal.trim();
  const filter = { version: v._id, member: member._id, section };
  const update = { $set: set, $setOnInsert: { community: v.community, strategy: v.strategy } };
  for (let attempt = 0; ; attempt++) {
    try {
      const doc = await Feedback.findOneAndUpdate(filter, update, { upsert: true, new: true });
      await audit(v.community, member._id, 'strategy.feedback.give', { kind: 'strategy-version', id: v._id }, { section, fields: Object.keys(set).filter((k) => k !== 'party') });
      return doc!;
    } catch (e) {
      // Two taps at once: the second upsert meets the first one's row and updates it instead.
      if ((e as { code?: number }).code !== 11000 || attempt >= 2) throw e;
    }
  }
}

export async function myFeedback(v: VersionDoc, member: Id): Promise<Map<string, FeedbackDoc>> {
  const rows = await Feedback.find({ version: v._id, member });
  return new Map(rows.map((r) => [r.section, r]));
}

export function hasContent(f: Pick<FeedbackDoc, 'stance' | 'comment' | 'proposal'> | undefined): boolean {
  return Boolean(f && (f.stance || f.comment || f.proposal));
}

/** The parties with at least one member who has given feedback on the version. */
export async function respondedParties(v: Pick<VersionDoc, '_id'>): Promise<Set<string>> {
  const rows = await Feedback.find({ version: v._id }).select({ party: 1, stance: 1, comment: 1, proposal: 1 }).lean();
  return new Set(rows.filter((r) => r.stance || r.comment || r.proposal).map((r) => String(r.party)));
}

// ───────────────────────── where a member is ─────────────────────────

export async function positionOf(v: VersionDoc, member: Id): Promise<string | null> {
  const p = await FeedbackPosition.findOne({ version: v._id, member }).lean();
  return p?.section ?? null;
}

export async function setPosition(v: VersionDoc, member: Id, section: string): Promise<void> {
  await FeedbackPosition.updateOne({ version: v._id, member }, { $set: { section, community: v.community } }, { upsert: true });
}

// ───────────────────────── summaries ─────────────────────────

export type StanceCounts = Record<Stance, number>;
const zero = (): StanceCounts => ({ supports: 0, supports_changes: 0, not_supports: 0, no_comment: 0 });

export interface FeedbackEntry {
  party: PartyDoc | undefined;
  member: MemberDoc | undefined;
  stance: Stance | null;
  comment: string;
  proposal: string;
  updatedAt: Date;
}

export interface SectionSummary {
  key: string;
  heading: string;
  changed: boolean;
  counts: StanceCounts;
  byType: { type: PartyType; counts: StanceCounts }[];
  entries: FeedbackEntry[];
  /** For a section with the same text in the previous version: what was said about it there. */
  previous?: { label: string; counts: StanceCounts; entries: FeedbackEntry[] };
}

export interface VersionSummary {
  version: VersionDoc;
  previous: VersionDoc | null;
  sections: SectionSummary[];
  general: FeedbackEntry[];
  parties: PartyDoc[];
  responded: Set<string>;
}

async function entriesOf(version: Id, community: Id): Promise<Map<string, FeedbackEntry[]>> {
  const rows = await Feedback.find({ version }).sort({ updatedAt: 1 }).lean();
  const parties = new Map((await Party.find({ community })).map((p) => [String(p._id), p]));
  const members = new Map((await Member.find({ _id: { $in: [...new Set(rows.map((r) => String(r.member)))] } })).map((m) => [String(m._id), m]));
  const out = new Map<string, FeedbackEntry[]>();
  for (const r of rows) {
    if (!r.stance && !r.comment && !r.proposal) continue;
    const list = out.get(r.section) ?? [];
    list.push({
      party: parties.get(String(r.party)),
      member: members.get(String(r.member)),
      stance: (r.stance as Stance | null) ?? null,
      comment: r.comment ?? '',
      proposal: r.proposal ?? '',
      updatedAt: r.updatedAt,
    });
    out.set(r.section, list);
  }
  return out;
}

function countStances(entries: FeedbackEntry[]): StanceCounts {
  const c = zero();
  for (const e of entries) if (e.stance) c[e.stance]++;
  return c;
}

const typeOrder = (e: FeedbackEntry) => PARTY_TYPES.indexOf((e.party?.type ?? 'secretariat') as PartyType);

export async function summarize(v: VersionDoc): Promise<VersionSummary> {
  const previous = await previousVersion(v);
  const now = await entriesOf(v._id, v.community);
  const before = previous ? await entriesOf(previous._id, v.community) : null;
  const sections = v.sections.map((s): SectionSummary => {
    const entries = (now.get(s.key) ?? []).sort((a, b) => typeOrder(a) - typeOrder(b) || (a.party?.name ?? '').localeCompare(b.party?.name ?? '', 'nb'));
    const byType: SectionSummary['byType'] = [];
    for (const type of PARTY_TYPES) {
      const ofType = entries.filter((e) => e.party?.type === type);
      if (ofType.length) byType.push({ type, counts: countStances(ofType) });
    }
    const out: SectionSummary = { key: s.key, heading: s.heading, changed: s.changed, counts: countStances(entries), byType, entries };
    if (previous && before && !s.changed) {
      const prevEntries = before.get(s.key) ?? [];
      out.previous = { label: previous.label, counts: countStances(prevEntries), entries: prevEntries };
    }
    return out;
  });
  const parties = await audienceParties(v.community, audienceOf(v));
  return { version: v, previous, sections, general: now.get(GENERAL) ?? [], parties, responded: await respondedParties(v) };
}

// ───────────────────────── decisions ─────────────────────────

/** Records SSU's approval or Partnerskapsmøtet's endorsement of a version. */
export async function recordDecision(
  v: VersionDoc,
  o: { kind: DecisionKind; date: Date; reference?: string; actor: Id },
): Promise<VersionDoc> {
  if (o.reference && containsNationalId(o.reference)) throw new StrategyError('national_id');
  const body = await Body.findOne({ community: v.community, kind: o.kind === 'approved' ? 'strategic' : 'partnership' });
  await StrategyVersion.updateOne(
    { _id: v._id, community: v.community },
    { $push: { decisions: { kind: o.kind, body: body?._id ?? null, date: o.date, reference: o.reference ?? '', by: o.actor, at: new Date() } } },
  );
  await audit(v.community, o.actor, `strategy.version.${o.kind}`, { kind: 'strategy-version', id: v._id }, {
    date: o.date.toISOString(),
    reference: o.reference ?? '',
    body: body ? String(body._id) : null,
  });
  return (await StrategyVersion.findById(v._id))!;
}
