/**
 * Retrying a write that failed only because the database could not be reached for a moment: the
 * embedded server being restarted by its watchdog, a MongoDB replica set electing a new primary,
 * a connection reset. The driver waits for a server to come back before it sends (server
 * selection), but an operation already on a connection that dies fails at once, and for a vote or
 * a claim that a member was told is taken, that would be a silent loss.
 *
 * Only writes that are safe to run twice are wrapped: upserts keyed by what they store, inserts
 * under a unique key (a second run reports the duplicate, which the caller already handles).
 */
const NETWORK_ERRORS = new Set(['MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoPoolClearedError', 'MongoNotConnectedError', 'MongoTopologyClosedError']);
const NETWORK_CODES = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|connection .* closed/i;

export function isUnreachable(e: unknown): boolean {
  const err = e as { name?: string; message?: string; errorLabels?: string[]; errorLabelSet?: Set<string> } | null;
  if (!err) return false;
  if (NETWORK_ERRORS.has(String(err.name))) return true;
  const labels = err.errorLabelSet ? [...err.errorLabelSet] : (err.errorLabels ?? []);
  if (labels.includes('RetryableWriteError') || labels.includes('ResetPool')) return true;
  return NETWORK_CODES.test(String(err.message ?? ''));
}

let windowMs = 20_000;

/**
 * How long writes keep retrying by default. Tests shorten it to see what a member is told when the
 * database stays away for longer than that.
 */
export function setRetryWindow(ms: number): number {
  const before = windowMs;
  windowMs = ms;
  return before;
}

/** Runs `fn`, again after a short pause each time the database was unreachable, for up to `withinMs`. */
export async function retryWhileUnreachable<T>(fn: () => Promise<T>, withinMs = windowMs): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isUnreachable(e) || Date.now() >= deadline) throw e;
      await new Promise((r) => setTimeout(r, Math.min(1000, 50 * i) + Math.random() * 50));
    }
  }
}
