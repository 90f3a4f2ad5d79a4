/** Finding cases, and the members and bodies a case is handled with. Reads only. */
import type { Types } from 'mongoose';
import { Body, type BodyDoc } from '../../models/body.js';
import { Case, type CaseDoc } from '../../models/case.js';
import { Member, isSecretariat, type MemberDoc } from '../../models/member.js';
import { canSee } from './rules.js';

type Id = Types.ObjectId | string;

/** Cases the member proposed and the cases of the member's bodies (every case, for the secretariat). */
export async function casesFor(member: MemberDoc, limit = 50): Promise<CaseDoc[]> {
  const q = isSecretariat(member)
    ? { community: member.community }
    : { community: member.community, $or: [{ proposer: member._id }, { body: { $in: member.memberships.map((m) => m.body) } }] };
  return Case.find(q).sort({ updatedAt: -1 }).limit(limit);
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
  const matches = (n: { seq: number; year: number; body: unknown } | null | undefined) =>
    Boolean(n && n.seq === seq && (year === null || n.year === year) && wanted.has(String(n.body)));
  // A current number first; an earlier one only when no case holds it now.
  const now = candidates.filter((c) => matches(c.number));
  const found = now.length ? now : candidates.filter((c) => c.previousNumbers.some(matches));
  return found.filter((c) => canSee(member, c));
}

export async function findCase(community: Id, id: string): Promise<CaseDoc | null> {
  if (!/^[a-f0-9]{24}$/.test(id)) return null;
  return Case.findOne({ _id: id, community });
}

/** The case by the id a button or form carries, if this member may see it. */
export async function visibleCase(community: Id, member: MemberDoc, id: string): Promise<CaseDoc | null> {
  const c = await findCase(community, id);
  return c && canSee(member, c) ? c : null;
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

/** Bodies a case with this body may be referred to: up to its parent, or down to the bodies under it. */
export async function referralTargets(community: Id, bodyId: Id): Promise<BodyDoc[]> {
  const body = await Body.findOne({ _id: bodyId, community });
  if (!body) return [];
  const up = body.parent ? await Body.find({ _id: body.parent, community }) : [];
  const down = await Body.find({ community, parent: body._id }).sort({ key: 1 });
  return [...up, ...down];
}

/**
 * The members with a role on a body. Filtered here rather than with $elemMatch on sub-document
 * fields (see src/db/README.md).
 */
export async function membersWithRole(community: Id, body: Id, role: string): Promise<MemberDoc[]> {
  const members = await Member.find({ community, 'memberships.body': body }).sort({ _id: 1 });
  return members.filter((m) => m.memberships.some((x) => String(x.body) === String(body) && x.role === role));
}
