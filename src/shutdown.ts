/**
 * Graceful shutdown on SIGTERM (a deploy, `docker stop`, a scale-down) and SIGINT: /readyz turns
 * 503 and new requests are sent back with 503 + Retry-After (the platforms retry, the load
 * balancer moves them to another instance), the turns and requests already taken are finished,
 * then the app stops — the adapters, the HTTP server, the scheduler (agenda finishes or interrupts
 * its running jobs and unlocks the rest, so another instance takes them at once instead of after
 * the lock expires) and the database. All within SHUTDOWN_TIMEOUT_SECONDS; past it the process
 * exits anyway with code 1, and what was cut off is picked up again by the idempotent jobs and
 * platform retries.
 */
import type { App } from './platform.js';
import { idle, inFlight, stopTakingRequests } from './context.js';
import type { Logger } from './log.js';

export interface ShutdownOptions {
  timeoutSeconds: number;
  log: Logger;
  /** process.exit, replaced in tests. */
  exit?: (code: number) => void;
}

/** Returns the function that shuts down (once, however often it is called) and exits with `code`. */
export function gracefulShutdown(app: App, o: ShutdownOptions): (code: number, reason?: string) => Promise<void> {
  const exit = o.exit ?? ((code: number) => process.exit(code));
  let running: Promise<void> | null = null;
  return (code, reason = 'shutdown') => {
    running ??= (async () => {
      const budget = o.timeoutSeconds * 1000;
      const started = Date.now();
      const hard = setTimeout(() => {
        o.log.error({ timeoutSeconds: o.timeoutSeconds, ...inFlight() }, 'shutdown took too long: exiting now');
        exit(1);
      }, budget);
      hard.unref();
      o.log.info({ reason, ...inFlight() }, 'shutting down: no new requests, finishing what is in flight');
      app.http.markStopping();
      stopTakingRequests();
      // Most of the budget for the turns in flight; the rest for stopping the scheduler and the database.
      const finished = await idle(Math.max(0, budget * 0.6));
      if (!finished) o.log.warn({ ...inFlight() }, 'turns still in flight when the wait ended; stopping anyway');
      try {
        await app.stop();
        clearTimeout(hard);
        o.log.info({ ms: Date.now() - started }, 'stopped');
        exit(code);
      } catch (err) {
        clearTimeout(hard);
        o.log.error({ err }, 'shutdown failed');
        exit(1);
      }
    })();
    return running;
  };
}

/** SIGTERM and SIGINT start the shutdown; exit code 0 when it completes in time. */
export function onSignals(shutdown: (code: number, reason?: string) => Promise<void>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(0, signal));
}
