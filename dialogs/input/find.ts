/** Finding rounds and bodies: by id or typed number, the newest, the open ones, bodies by key. */
import { Body, type BodyDoc } from '../../models/body.js';
import { Round, type RoundDoc } from '../../models/round.js';
import type { Id } from './service.js';

/** Finds a round by its number (as typed) or the one most in focus: the open one closing first, else the newest. */
export async function findRound(community: Id, no?: string): Promise<RoundDoc | null> {
  if (no && /^\d+$/.test(no)) return Round.findOne({ community, no: Number(no) });
  return (
    (await Round.findOne({ community, status: 'open' }).sort({ deadline: 1 })) ??
    (await Round.findOne({ community, status: 'scheduled' }).sort({ opensAt: 1 })) ??
    (await Round.findOne({ community }).sort({ no: -1 }))
  );
}

export async function roundById(community: Id, id: unknown): Promise<RoundDoc | null> {
  if (typeof id !== 'string' || !/^[a-f0-9]{24}$/.test(id)) return null;
  return Round.findOne({ _id: id, community });
}

/** The community's newest rounds, whatever their phase. */
export async function newestRounds(community: Id, limit: number): Promise<RoundDoc[]> {
  return Round.find({ community }).sort({ no: -1 }).limit(limit);
}

/** The community's open rounds, the one closing first first. */
export async function openRounds(community: Id, limit: number): Promise<RoundDoc[]> {
  return Round.find({ community, status: 'open' }).sort({ deadline: 1 }).limit(limit);
}

/** A body free input may go to, by its key. */
export async function bodyByKey(community: Id, key: string): Promise<BodyDoc | null> {
  return Body.findOne({ community, key });
}

export async function bodiesByKeys(community: Id, keys: string[]): Promise<BodyDoc[]> {
  return Body.find({ community, key: { $in: keys } });
}
