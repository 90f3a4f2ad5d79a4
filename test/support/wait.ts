/** Waiting for something the app does on its own (jobs, fan-outs, notices) without sleeps racing the clock. */

/** How often a probe is asked again. */
const POLL_EVERY_MS = 100;

/**
 * Asks `probe` until it returns something truthy and returns that; after `ms` it fails with an
 * error naming `what`. The probe is asked once more after the deadline has passed, so a slow
 * probe still gets its last chance.
 */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
  }
}
