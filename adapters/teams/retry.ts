/**
 * Calls to the Bot Framework connector, retried with back-off where the connector asks for it:
 * 429 (throttled), 412 (a conflicting update in flight), 502 and 504 (a passing gateway fault).
 * Anything else fails at once. Failures come out as a TeamsSendError that carries only the status
 * and a short message, never the request (whose headers hold the bot's token).
 */
import { SamlaError } from '../../src/errors.js';
import { platformCall } from '../../src/metrics.js';

export const RETRYABLE = new Set([429, 412, 502, 504]);

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the first retry; doubled for each further one, with jitter. */
  baseDelayMs: number;
  /** No single wait is longer, whatever Retry-After says. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

export class TeamsSendError extends SamlaError {
  constructor(
    readonly status: number | undefined,
    message: string,
    readonly attempts: number,
  ) {
    super('teams_send_failed', message, { status, attempts });
    this.name = 'TeamsSendError';
  }
}

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } } | null;
  for (const v of [e?.statusCode, e?.status, e?.response?.status]) if (typeof v === 'number') return v;
  return undefined;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?: (n: string) => string | undefined } } } | null)?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  if (!raw) return undefined;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return secs * 1000;
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** A short, secret-free description of a connector failure. */
function describe(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const msg = typeof e?.message === 'string' ? e.message.split('\n')[0]!.slice(0, 200) : String(err).slice(0, 200);
  return typeof e?.code === 'string' ? `${e.code}: ${msg}` : msg;
}

export async function withRetry<T>(what: string, fn: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await platformCall('teams', what, fn());
    } catch (err) {
      if (err instanceof TeamsSendError) throw err;
      const status = statusOf(err);
      if (status === undefined || !RETRYABLE.has(status) || attempt >= policy.attempts) {
        throw new TeamsSendError(status, `${what} failed${status ? ` with ${status}` : ''}: ${describe(err)}`, attempt);
      }
      const backoff = policy.baseDelayMs * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
      const wait = Math.min(policy.maxDelayMs, Math.max(backoff, retryAfterMs(err) ?? 0));
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
