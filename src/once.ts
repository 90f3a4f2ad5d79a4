import { randomUUID } from 'node:crypto';
import { ProcessedEvent } from '../models/processed-event.js';
import { retryWhileUnreachable } from './db/retry.js';

/**
 * Claims a key the first time it is seen; later claims of the same key return false.
 * This is how retries and second instances are kept from having a second effect.
 */
export async function claimOnce(key: string): Promise<boolean> {
  // A claim that failed only because the database was out of reach is tried again: a lost claim
  // would mean a lost vote, message or event. If the first try was stored but its answer lost,
  // the retry meets its own row; the claimant token tells it that the claim is ours after all.
  const claimant = randomUUID();
  try {
    await retryWhileUnreachable(() => ProcessedEvent.create({ key, claimant }));
    return true;
  } catch (e) {
    if ((e as { code?: number }).code !== 11000) throw e;
    const held = await retryWhileUnreachable(() => ProcessedEvent.findOne({ key }, { claimant: 1 }).lean());
    return held?.claimant === claimant;
  }
}

/** Gives a claim back when the effect it guarded failed, so a retry can do it. */
export async function releaseOnce(key: string): Promise<void> {
  await ProcessedEvent.deleteOne({ key });
}

/** Removes claims older than the age; they only need to outlive platform retry windows and job retries. */
export async function sweepClaims(olderThanMs: number): Promise<number> {
  const r = await ProcessedEvent.deleteMany({ at: { $lt: new Date(Date.now() - olderThanMs) }, key: { $regex: '^event:' } });
  return r.deletedCount;
}
