import { ProcessedEvent } from '../models/processed-event.js';
import { retryBusy } from './db/retry.js';

/**
 * Claims a key the first time it is seen; later claims of the same key return false.
 * This is how retries and second instances are kept from having a second effect.
 */
export async function claimOnce(key: string): Promise<boolean> {
  try {
    // A claim refused only because the embedded database was busy is tried again: it never
    // took effect, and a lost claim would mean a lost vote, message or event.
    await retryBusy(() => ProcessedEvent.create({ key }));
    return true;
  } catch (e) {
    if ((e as { code?: number }).code === 11000) return false;
    throw e;
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
