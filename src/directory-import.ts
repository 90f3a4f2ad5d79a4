/**
 * Loads a member directory (community, parties, bodies, members, memberships) from a YAML or JSON
 * file. Everything is validated first — errors name the row and field — and only a file without
 * errors is written, so nothing is half-imported. Re-importing the same file updates in place.
 */
import fs from 'node:fs';
import type { Types } from 'mongoose';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Body, BODY_KINDS } from '../models/body.js';
import { Community, MAX_SENSITIVITY_LABEL, type CommunityDoc } from '../models/community.js';
import { Member, ROLES } from '../models/member.js';
import { AREAS, Party, PARTY_TYPES } from '../models/party.js';
import { SamlaError } from './errors.js';

const key = (max: number) => z.string().regex(new RegExp(`^[a-z0-9-]{2,${max}}$`), 'lower-case letters, digits and - only');

export const directorySchema = z.object({
  community: z.object({
    slug: key(40),
    name: z.string().min(2).max(120),
    defaultLang: z.enum(['nb', 'nn', 'en']).default('nb'),
    contact: z.string().max(200).default(''),
    /** Left out, an import keeps the label the secretariat set in chat (or the default). */
    sensitivityLabel: z.string().trim().min(1).max(MAX_SENSITIVITY_LABEL).optional(),
    demo: z.boolean().default(false),
    slackTeamIds: z.array(z.string().min(1)).default([]),
    teamsTenantIds: z.array(z.string().min(1)).default([]),
  }),
  parties: z.array(z.object({ key: key(60), name: z.string().min(2).max(120), type: z.enum(PARTY_TYPES), area: z.enum(AREAS).optional() })).min(1),
  bodies: z
    .array(
      z.object({
        key: key(40),
        short: z.string().min(2).max(20),
        name: z.object({ nb: z.string().min(2).max(120), nn: z.string().min(2).max(120), en: z.string().min(2).max(120) }),
        kind: z.enum(BODY_KINDS),
        parent: key(40).optional(),
      }),
    )
    .min(1),
  members: z.array(
    z.object({
      name: z.string().min(2).max(120),
      email: z
        .string()
        .email()
        .transform((e) => e.toLowerCase()),
      party: key(60),
      title: z.string().max(120).default(''),
      lang: z.enum(['nb', 'nn', 'en']).optional(),
      memberships: z.array(z.object({ body: key(40), role: z.enum(ROLES), proposalRights: z.boolean().default(false) })).default([]),
    }),
  ),
});

export type DirectoryFile = z.input<typeof directorySchema>;
type Directory = z.output<typeof directorySchema>;

export interface ImportResult {
  community: CommunityDoc;
  parties: number;
  bodies: number;
  members: number;
}

export function readDirectoryFile(path: string): unknown {
  const text = fs.readFileSync(path, 'utf8');
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new SamlaError('bad_import', `${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
}

/** Every problem in the file, each naming its row and field; empty when the file is good. */
export function checkDirectory(input: unknown): { data?: Directory; problems: string[] } {
  const r = directorySchema.safeParse(input);
  if (!r.success) {
    return { problems: r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) };
  }
  const d = r.data;
  const problems: string[] = [];
  const dupes = (list: string[], what: string) => {
    const seen = new Set<string>();
    list.forEach((k, i) => {
      if (seen.has(k)) problems.push(`${what}[${i}]: «${k}» appears twice`);
      seen.add(k);
    });
  };
  dupes(
    d.parties.map((p) => p.key),
    'parties',
  );
  dupes(
    d.bodies.map((b) => b.key),
    'bodies',
  );
  dupes(
    d.members.map((m) => m.email),
    'members',
  );
  const parties = new Set(d.parties.map((p) => p.key));
  const bodies = new Set(d.bodies.map((b) => b.key));
  d.bodies.forEach((b, i) => {
    if (b.parent && !bodies.has(b.parent)) problems.push(`bodies[${i}].parent: no body with key «${b.parent}»`);
  });
  d.members.forEach((m, i) => {
    if (!parties.has(m.party)) problems.push(`members[${i}].party: no party with key «${m.party}»`);
    m.memberships.forEach((ms, j) => {
      if (!bodies.has(ms.body)) problems.push(`members[${i}].memberships[${j}].body: no body with key «${ms.body}»`);
    });
  });
  return problems.length ? { problems } : { data: d, problems };
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '') || '(file)';
}

export async function importDirectory(input: unknown): Promise<ImportResult> {
  const { data, problems } = checkDirectory(input);
  if (!data) {
    throw new SamlaError('bad_import', `The directory has ${problems.length} problem(s); nothing was imported:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      problems,
    });
  }
  return write(data);
}

/**
 * Writes a validated directory. Without multi-document transactions (FerretDB), a failure midway
 * is undone by removing what this import created.
 */
async function write(d: Directory): Promise<ImportResult> {
  const created: { model: 'Community' | 'Party' | 'Body' | 'Member'; id: unknown }[] = [];
  const track = (model: (typeof created)[number]['model'], r: { upsertedId?: unknown }) => {
    if (r.upsertedId) created.push({ model, id: r.upsertedId });
  };
  /**
   * Many upserts in one request (a directory has a hundred members; one round trip each made the
   * demo's seeding the slowest part of start-up). What it created is tracked even when it fails.
   */
  const upsertAll = async (model: 'Party' | 'Body' | 'Member', count: number, run: () => Promise<{ upsertedIds?: Record<string, unknown> }>) => {
    if (!count) return;
    const note = (ids: Record<string, unknown> | undefined) => Object.values(ids ?? {}).forEach((id) => created.push({ model, id }));
    try {
      note((await run()).upsertedIds);
    } catch (e) {
      note((e as { result?: { upsertedIds?: Record<string, unknown> } }).result?.upsertedIds);
      throw e;
    }
  };
  try {
    const { slug, ...c } = d.community;
    track('Community', await Community.updateOne({ slug }, { $set: c }, { upsert: true }));
    const community = (await Community.findOne({ slug }))!;
    const cid = community._id;

    // References were checked by checkDirectory: every party and body named exists.
    const partyIds = new Map<string, Types.ObjectId>();
    await upsertAll('Party', d.parties.length, () =>
      Party.bulkWrite(
        d.parties.map((p) => ({ updateOne: { filter: { community: cid, key: p.key }, update: { $set: { name: p.name, type: p.type, area: p.area ?? null } }, upsert: true } })),
        { ordered: true },
      ),
    );
    for (const p of await Party.find({ community: cid })) partyIds.set(p.key, p._id);

    await upsertAll('Body', d.bodies.length, () =>
      Body.bulkWrite(
        d.bodies.map((b) => ({ updateOne: { filter: { community: cid, key: b.key }, update: { $set: { short: b.short, name: b.name, kind: b.kind } }, upsert: true } })),
        { ordered: true },
      ),
    );
    const bodyIds = new Map((await Body.find({ community: cid })).map((b) => [b.key, b._id]));
    await upsertAll('Body', d.bodies.length, () =>
      Body.bulkWrite(
        d.bodies.map((b) => ({ updateOne: { filter: { community: cid, key: b.key }, update: { $set: { parent: b.parent ? bodyIds.get(b.parent) : null } } } })),
        { ordered: true },
      ),
    );

    // In one ordered request too: a directory's order is its members' order (lists read it so).
    const memberOps = d.members.map((m) => ({
      updateOne: {
        filter: { community: cid, email: m.email },
        update: {
          $set: {
            name: m.name,
            party: partyIds.get(m.party),
            title: m.title,
            lang: m.lang ?? null,
            memberships: m.memberships.map((ms) => ({ body: bodyIds.get(ms.body), role: ms.role, proposalRights: ms.proposalRights })),
          },
        },
        upsert: true,
      },
    }));
    // mongoose types a bulk $set of a subdocument array as its DocumentArray; the plain array is what it casts.
    await upsertAll('Member', memberOps.length, () => Member.bulkWrite(memberOps as Parameters<typeof Member.bulkWrite>[0], { ordered: true }));
    return { community: (await Community.findById(cid))!, parties: d.parties.length, bodies: d.bodies.length, members: d.members.length };
  } catch (err) {
    const undo = {
      Community: (id: unknown) => Community.deleteOne({ _id: id }),
      Party: (id: unknown) => Party.deleteOne({ _id: id }),
      Body: (id: unknown) => Body.deleteOne({ _id: id }),
      Member: (id: unknown) => Member.deleteOne({ _id: id }),
    };
    for (const c of created.reverse()) await undo[c.model](c.id).catch(() => {});
    throw err;
  }
}
