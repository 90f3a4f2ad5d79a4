import { createHmac, randomUUID } from 'node:crypto';
import { ProcessedEvent } from '../models/processed-event.js';
import type { Config } from './config.js';
import { retryWhileUnreachable } from './db/retry.js';
import { appSecret } from './secret.js';

/**
 * How long a platform delivery is remembered. Slack retries an event three times within about
 * five minutes, Bot Framework redelivers within seconds; an hour covers both with room to spare
 * and keeps no record of who did what for longer than that.
 */
export const DELIVERY_TTL_MS = 3600_000;

/**
 * Claims a key the first time it is seen; later claims of the same key return false.
 * This is how retries and second instances are kept from having a second effect.
 */
export async function claimOnce(key: string, expiresAt?: Date): Promise<boolean> {
  // A claim that failed only because the database was out of reach is tried again: a lost claim
  // would mean a lost vote, message or event. If the first try was stored but its answer lost,
  // the retry meets its own row; the claimant token tells it that the claim is ours after all.
  const claimant = randomUUID();
  try {
    await retryWhileUnreachable(() => ProcessedEvent.create(expiresAt ? { key, claimant, expiresAt } : { key, claimant }));
    return true;
  } catch (e) {
    if ((e as { code?: number }).code !== 11000) throw e;
    const held = await retryWhileUnreachable(() => ProcessedEvent.findOne({ key }, { claimant: 1 }).lean());
    return held?.claimant === claimant;
  }
}

/**
 * Claims one delivery of a platform event (a retried event, a redelivered click). The id is kept
 * only as a keyed hash: a platform's delivery id names the user and the moment of a click, and
 * next to an anonymous ballot that would say who voted.
 */
export async function claimDelivery(config: Pick<Config, 'SAMLA_SECRET'>, platform: string, deliveryId: string): Promise<boolean> {
  const secret = await appSecret(config, 'claim-secret');
  const h = createHmac('sha256', secret).update(`${platform}\u0000${deliveryId}`).digest('base64url').slice(0, 32);
  return claimOnce(`event:${platform}:${h}`, new Date(Date.now() + DELIVERY_TTL_MS));
}

/** Gives a claim back when the effect it guarded failed, so a retry can do it. */
export async function releaseOnce(key: string): Promise<void> {
  await ProcessedEvent.deleteOne({ key });
}

/**
 * Removes claims past their expiry, and platform-event claims from before expiries were set
 * (older than the age). Other claims (fan-out rows, results posted) are kept: they guard effects
 * that must never happen twice.
 */
export async function sweepClaims(olderThanMs: number): Promise<number> {
  const expired = await ProcessedEvent.deleteMany({ expiresAt: { $lt: new Date() } });
  const legacy = await ProcessedEvent.deleteMany({ at: { $lt: new Date(Date.now() - olderThanMs) }, key: { $regex: '^event:' } });
  return expired.deletedCount + legacy.deletedCount;
}
