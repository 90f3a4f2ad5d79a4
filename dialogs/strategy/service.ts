/**
 * The strategy's data: versions loaded from Markdown (sections keep their identity by heading),
 * feedback per member and section, where each member is in the walk, and decisions. Shared by
 * the dialog, its jobs, the exports and the CLI; it returns results and never renders.
 */
import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { Body, type BodyDoc } from '../../models/body.js';
import { Feedback, FeedbackPosition, GENERAL, MAX_COMMENT, MAX_PROPOSAL, type FeedbackDoc, type Stance } from '../../models/feedback.js';
import type { MemberDoc } from '../../models/member.js';
import type { PartyType } from '../../models/party.js';
import { Strategy, StrategyVersion, type DecisionKind, type StrategyDoc, type VersionDoc } from '../../models/strategy.js';
import { isInAudience, type Audience } from '../../src/audience.js';
import { audit } from '../../src/audit.js';
import { containsNationalId } from '../../src/guard.js';
import { StrategyError } from './errors.js';
import { headingKey, parseDraft, sectionHash } from './markdown.js';
import { feedbackClosed, hasContent, hasSection, isObjectId, isStance } from './rules.js';

type Id = Types.ObjectId | string;

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
  let strategy: StrategyDoc | null;
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
      await audit(
        o.community,
        o.actor ?? null,
        'strategy.version.load',
        { kind: 'strategy-version', id: version._id },
        {
          strategy: String(strategy._id),
          number: version.number,
          label: version.label,
          changed: result.changed,
          added: result.added,
          removed: result.removed,
        },
      );
      return { strategy, version, ...result };
    } catch (e) {
      if ((e as { code?: number }).code !== 11000 || attempt >= 3) throw e;
    }
  }
}

export async function findVersion(community: Id, id: unknown): Promise<VersionDoc | null> {
  if (!isObjectId(id)) return null;
  return StrategyVersion.findOne({ _id: id, community });
}

export async function previousVersion(v: VersionDoc): Promise<VersionDoc | null> {
  return v.previous ? StrategyVersion.findOne({ _id: v.previous, community: v.community }) : null;
}

export function audienceOf(v: VersionDoc): Audience {
  return { bodies: v.audience?.bodies ?? [], partyTypes: (v.audience?.partyTypes ?? []) as PartyType[] };
}

/** Another version of the same strategy that is out for feedback, the newest. */
export async function newerOpenVersion(v: VersionDoc): Promise<VersionDoc | null> {
  return StrategyVersion.findOne({ strategy: v.strategy, state: 'open', _id: { $ne: v._id } }).sort({ number: -1 });
}

/** The versions out for feedback in the community, the nearest deadline first (at most three). */
export async function openPeriods(community: Id): Promise<VersionDoc[]> {
  return StrategyVersion.find({ community, state: 'open' }).sort({ deadline: 1 }).limit(3);
}

/** Versions open for feedback that this member may answer, newest first. */
export async function openVersionsFor(member: MemberDoc): Promise<VersionDoc[]> {
  const open = await StrategyVersion.find({ community: member.community, state: 'open', deadline: { $gt: new Date() } }).sort({ openedAt: -1 });
  const out: VersionDoc[] = [];
  for (const v of open) if (await isInAudience(member, audienceOf(v))) out.push(v);
  return out;
}

// ───────────────────────── feedback ─────────────────────────

export interface FeedbackPatch {
  stance?: Stance | null;
  comment?: string;
  proposal?: string;
}

/** Saves (or changes) a member's feedback on one section, or the general comment (section GENERAL). */
export async function giveFeedback(v: VersionDoc, member: MemberDoc, section: string, patch: FeedbackPatch): Promise<FeedbackDoc> {
  const closed = feedbackClosed(v);
  if (closed) throw new StrategyError(closed);
  if (!(await isInAudience(member, audienceOf(v)))) throw new StrategyError('not_in_audience');
  if (section !== GENERAL && !hasSection(v, section)) throw new StrategyError('unknown_section');
  if (patch.stance && !isStance(patch.stance)) throw new StrategyError('unknown_section');
  for (const [field, max] of [
    ['comment', MAX_COMMENT],
    ['proposal', MAX_PROPOSAL],
  ] as const) {
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

/** The parties with at least one member who has given feedback on the version. */
export async function respondedParties(v: Pick<VersionDoc, '_id'>): Promise<Set<string>> {
  const rows = await Feedback.find({ version: v._id }).select({ party: 1, stance: 1, comment: 1, proposal: 1 }).lean();
  return new Set(rows.filter((r) => hasContent(r)).map((r) => String(r.party)));
}

// ───────────────────────── where a member is ─────────────────────────

export async function positionOf(v: VersionDoc, member: Id): Promise<string | null> {
  const p = await FeedbackPosition.findOne({ version: v._id, member }).lean();
  return p?.section ?? null;
}

export async function setPosition(v: VersionDoc, member: Id, section: string): Promise<void> {
  await FeedbackPosition.updateOne({ version: v._id, member }, { $set: { section, community: v.community } }, { upsert: true });
}

// ───────────────────────── decisions ─────────────────────────

/** Records SSU's approval or Partnerskapsmøtet's endorsement of a version. */
export async function recordDecision(v: VersionDoc, o: { kind: DecisionKind; date: Date; reference?: string; actor: Id }): Promise<VersionDoc> {
  if (o.reference && containsNationalId(o.reference)) throw new StrategyError('national_id');
  const body = await Body.findOne({ community: v.community, kind: o.kind === 'approved' ? 'strategic' : 'partnership' });
  await StrategyVersion.updateOne(
    { _id: v._id, community: v.community },
    { $push: { decisions: { kind: o.kind, body: body?._id ?? null, date: o.date, reference: o.reference ?? '', by: o.actor, at: new Date() } } },
  );
  await audit(
    v.community,
    o.actor,
    `strategy.version.${o.kind}`,
    { kind: 'strategy-version', id: v._id },
    {
      date: o.date.toISOString(),
      reference: o.reference ?? '',
      body: body ? String(body._id) : null,
    },
  );
  return (await StrategyVersion.findById(v._id))!;
}

export interface Decision {
  kind: DecisionKind;
  date: Date;
  reference?: string | null;
}

/** The version's decisions, each with the body that made it. */
export async function decisionsOf(v: VersionDoc): Promise<(Decision & { body: BodyDoc | null })[]> {
  const out: (Decision & { body: BodyDoc | null })[] = [];
  for (const d of v.decisions ?? []) {
    out.push({ kind: d.kind as DecisionKind, date: d.date, reference: d.reference, body: d.body ? await Body.findById(d.body) : null });
  }
  return out;
}

/** The drafts the secretariat sees first: the newest strategies, each with its newest versions. */
export async function recentStrategies(community: Id): Promise<{ strategy: StrategyDoc; versions: VersionDoc[] }[]> {
  const strategies = await Strategy.find({ community }).sort({ createdAt: -1 }).limit(5);
  const out: { strategy: StrategyDoc; versions: VersionDoc[] }[] = [];
  for (const strategy of strategies) out.push({ strategy, versions: await StrategyVersion.find({ strategy: strategy._id }).sort({ number: -1 }).limit(3) });
  return out;
}

/** The strategy a «new version» form is for, when the id is one of this community's. */
export async function strategyOf(community: Id, id: unknown): Promise<StrategyDoc | null> {
  return isObjectId(id) ? Strategy.findOne({ _id: id, community }) : null;
}
