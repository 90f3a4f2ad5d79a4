/**
 * Contributions: a member's answer to a round or free input to a body, saved once per form
 * shown, and changed or withdrawn by its author while the round is open.
 */
import { createHash } from 'node:crypto';
import { Body } from '../../models/body.js';
import { Contribution, type ContributionDoc } from '../../models/contribution.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { Round, type RoundDoc } from '../../models/round.js';
import { isInAudience } from '../../src/audience.js';
import { audit } from '../../src/audit.js';
import type { Lang } from '../../src/ui.js';
import { answerBlock, changeBlock } from './rules.js';
import { audienceOf, type Id } from './service.js';

export interface ContributionInput {
  text: string;
  themes: string[];
  priorityGroups: string[];
}

/** A fingerprint of one submission: the same form with the same content is one contribution. */
export function submissionKey(prefix: string, serial: string | number, c: ContributionInput): string {
  const h = createHash('sha1')
    .update(JSON.stringify([c.text, [...c.themes].sort(), [...c.priorityGroups].sort()]))
    .digest('hex')
    .slice(0, 16);
  return `${prefix}:${serial}:${h}`;
}

/** How many contributions a member has made to a round (or as free input), withdrawn ones too: the serial of the next form. */
export async function contributionSerial(member: MemberDoc, round: Id | null): Promise<number> {
  return Contribution.countDocuments({ community: member.community, member: member._id, round: round ?? null });
}

export type SubmitResult = { kind: 'saved' | 'duplicate'; contribution: ContributionDoc } | { kind: 'closed' | 'not_audience' | 'not_open_yet' };

export async function contribute(round: RoundDoc, member: MemberDoc, input: ContributionInput, serial: string | number): Promise<SubmitResult> {
  const block = answerBlock(round);
  if (block) return { kind: block };
  if (!(await isInAudience(member, audienceOf(round)))) return { kind: 'not_audience' };
  return saveContribution(member, { round: round._id, body: null }, input, submissionKey(`r:${String(round._id)}`, serial, input));
}

export async function contributeFree(member: MemberDoc, body: Id, input: ContributionInput, serial: string | number): Promise<SubmitResult> {
  return saveContribution(member, { round: null, body }, input, submissionKey('free', serial, input));
}

async function saveContribution(member: MemberDoc, where: { round: Id | null; body: Id | null }, input: ContributionInput, submission: string): Promise<SubmitResult> {
  try {
    const c = await Contribution.create({
      community: member.community,
      round: where.round,
      body: where.body,
      member: member._id,
      party: member.party,
      text: input.text,
      themes: input.themes,
      priorityGroups: input.priorityGroups,
      submission,
    });
    await audit(
      member.community,
      member._id,
      where.round ? 'input.contribution.create' : 'input.free.create',
      { kind: 'contribution', id: c._id },
      {
        round: where.round ? String(where.round) : null,
        body: where.body ? String(where.body) : null,
      },
    );
    return { kind: 'saved', contribution: c };
  } catch (e) {
    if ((e as { code?: number }).code !== 11000) throw e;
    const existing = await Contribution.findOne({ community: member.community, member: member._id, submission });
    if (!existing) throw e;
    return { kind: 'duplicate', contribution: existing };
  }
}

/** Edits or withdraws a member's own contribution while its round is open. */
export async function changeOwn(
  member: MemberDoc,
  contributionId: string,
  change: { input?: ContributionInput; status?: 'active' | 'withdrawn' },
): Promise<{ kind: 'ok' | 'closed' | 'not_yours' | 'missing'; round?: RoundDoc; contribution?: ContributionDoc }> {
  const c = await Contribution.findOne({ _id: contributionId, community: member.community });
  if (!c) return { kind: 'missing' };
  if (String(c.member) !== String(member._id)) return { kind: 'not_yours' };
  const round = c.round ? await Round.findById(c.round) : null;
  const block = changeBlock(c, member, round);
  if (block || !round) return { kind: block ?? 'closed', round: round ?? undefined };
  const $set: Record<string, unknown> = {};
  if (change.input) Object.assign($set, { text: change.input.text, themes: change.input.themes, priorityGroups: change.input.priorityGroups });
  if (change.status) $set.status = change.status;
  const updated = await Contribution.findOneAndUpdate({ _id: c._id, member: member._id }, { $set }, { new: true });
  await audit(member.community, member._id, change.status ? `input.contribution.${change.status === 'withdrawn' ? 'withdraw' : 'restore'}` : 'input.contribution.edit', {
    kind: 'contribution',
    id: c._id,
  });
  return { kind: 'ok', round, contribution: updated ?? c };
}

/** A member's contribution by id, with its round; null when it is not theirs or has no round. */
export async function ownContribution(member: MemberDoc, id: unknown): Promise<{ contribution: ContributionDoc; round: RoundDoc } | null> {
  const c = await Contribution.findOne({ _id: String(id), community: member.community, member: member._id });
  const round = c?.round ? await Round.findById(c.round) : null;
  return c && round ? { contribution: c, round } : null;
}

/** A contribution by id in the community, with its round (the form an edit is checked against). */
export async function contributionWithRound(community: Id, id: unknown): Promise<{ contribution: ContributionDoc | null; round: RoundDoc | null }> {
  const c = await Contribution.findOne({ _id: String(id), community });
  return { contribution: c, round: c?.round ? await Round.findById(c.round) : null };
}

/** A member's contributions to the rounds open now, oldest first, each with its round. */
export async function contributionsToOpenRounds(member: MemberDoc): Promise<{ contribution: ContributionDoc; round: RoundDoc }[]> {
  const open = await Round.find({ community: member.community, status: 'open', deadline: { $gt: new Date() } });
  const byId = new Map(open.map((r) => [String(r._id), r]));
  const list = await Contribution.find({ community: member.community, member: member._id, round: { $in: open.map((r) => r._id) } }).sort({ createdAt: 1 });
  return list.map((c) => ({ contribution: c, round: byId.get(String(c.round))! }));
}

/** How many active contributions a party has made to a round. */
export async function partyContributions(round: Id, party: Id): Promise<number> {
  return Contribution.countDocuments({ round, party, status: 'active' });
}

export async function partyName(member: MemberDoc): Promise<string> {
  return (await Party.findById(member.party))?.name ?? '—';
}

export interface FreeItem {
  contribution: ContributionDoc;
  author: string;
  party: string;
  body: string;
}

/** The newest free contributions, with the names of author, party and body. */
export async function newestFree(community: Id, lang: Lang, limit: number): Promise<FreeItem[]> {
  const list = await Contribution.find({ community, round: null, status: 'active' }).sort({ createdAt: -1 }).limit(limit);
  if (!list.length) return [];
  const members = new Map((await Member.find({ _id: { $in: list.map((c) => c.member) } })).map((m) => [String(m._id), m.name]));
  const parties = new Map((await Party.find({ community })).map((p) => [String(p._id), p.name]));
  const bodies = new Map((await Body.find({ community })).map((b) => [String(b._id), b.name[lang]]));
  return list.map((c) => ({
    contribution: c,
    author: members.get(String(c.member)) ?? '—',
    party: parties.get(String(c.party)) ?? '—',
    body: bodies.get(String(c.body)) ?? '—',
  }));
}

/** Free contributions of the last `days` days. */
export async function recentFreeCount(community: Id, days: number): Promise<number> {
  return Contribution.countDocuments({ community, round: null, status: 'active', createdAt: { $gt: new Date(Date.now() - days * 86_400_000) } });
}
