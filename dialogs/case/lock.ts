/**
 * A short lock across instances, on the unique index of claimOnce: for read-modify-write
 * sequences FerretDB 1.24 does not make atomic (e.g. many cases put on one meeting's agenda at
 * the same moment, where concurrent $push updates lose items). A lock left by a crash expires.
 */
import { ProcessedEvent } from '../../models/processed-event.js';
import { claimOnce, releaseOnce } from '../../src/once.js';

const STALE_MS = 30_000;

export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const key = `lock:${name}`;
  for (let attempt = 0; ; attempt++) {
    if (await claimOnce(key)) break;
    await ProcessedEvent.deleteOne({ key, at: { $lt: new Date(Date.now() - STALE_MS) } });
    await backoff(attempt);
  }
  try {
    return await fn();
  } finally {
    await releaseOnce(key);
  }
}

/** Waits a little, more after each clash, with jitter so waiting instances do not clash again in step. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(100, 5 * (attempt + 1));
  return new Promise((r) => setTimeout(r, ms));
}
