/**
 * Retrying a database write that failed only because the database was busy. The embedded
 * FerretDB (SQLite) answers a burst of concurrent writes with SQLITE_BUSY ("database is
 * locked") instead of waiting; a vote or a claim must not be lost to that. Only writes that are
 * safe to run twice (upserts, claims under a unique index) are wrapped.
 */
const TRANSIENT = /SQLITE_BUSY|database is locked|WriteConflict/;

export function isTransient(e: unknown): boolean {
  const err = e as { message?: string; errorLabels?: string[] } | null;
  return Boolean(err && (TRANSIENT.test(String(err.message ?? '')) || err.errorLabels?.includes('TransientTransactionError')));
}

export async function retryBusy<T>(fn: () => Promise<T>, attempts = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isTransient(e) || i >= attempts) throw e;
      // Jittered back-off, so the writers that collided do not collide again.
      await new Promise((r) => setTimeout(r, 15 * i + Math.random() * 40 * i));
    }
  }
}
