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
// The driver's and mongoose's names for "the server was not there" (mongoose wraps some of the
// driver's errors in its own, e.g. MongooseServerSelectionError; a pool cleared after a network
// error is PoolClearedOnNetworkError).
const NETWORK_NAMES = /^Mongo(ose)?(Network|NetworkTimeout|ServerSelection|PoolCleared|NotConnected|TopologyClosed|ClientClosed)Error$|^PoolClearedOnNetworkError$/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN']);
const NETWORK_MESSAGES = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|connection .* closed|client was closed|buffering timed out/i;

export function isUnreachable(e: unknown, depth = 0): boolean {
  const err = e as { name?: string; code?: unknown; message?: string; errorLabels?: string[]; errorLabelSet?: Set<string>; cause?: unknown; reason?: unknown } | null;
  if (!err || typeof err !== 'object' || depth > 3) return false;
  if (NETWORK_NAMES.test(String(err.name))) return true;
  // A socket error the driver let through unwrapped («This socket has been ended by the other party»).
  if (typeof err.code === 'string' && NETWORK_CODES.has(err.code)) return true;
  const labels = err.errorLabelSet ? [...err.errorLabelSet] : (err.errorLabels ?? []);
  if (labels.includes('RetryableWriteError') || labels.includes('ResetPool')) return true;
  if (NETWORK_MESSAGES.test(String(err.message ?? ''))) return true;
  // Wrapped: the underlying error says what happened.
  return isUnreachable(err.cause, depth + 1) || isUnreachable(err.reason, depth + 1);
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
