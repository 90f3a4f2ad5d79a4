/** Telling a double click from a change of mind, per member, in memory. */
import { createHash, randomBytes } from 'node:crypto';

/** Two clicks on the same button within this time are one click. */
const DOUBLE_CLICK_MS = 3000;

const salt = randomBytes(16);
/** A keyed hash: what is kept in memory says nothing about who clicked what. */
export const sha = (s: string) => createHash('sha256').update(salt).update(s).digest('base64url').slice(0, 22);

/**
 * A double click: the same member clicking the same button of the same message again within
 * DOUBLE_CLICK_MS, with no other click of theirs in between (which may have changed what the
 * repeat means: B, A, B is a change of mind). Kept in memory only and as a keyed hash, so it holds
 * no record of anyone's choice; a repeat it misses (another instance) is idempotent anyway.
 */
export class DoubleClicks {
  private readonly last = new Map<string, { click: string; at: number; deliveries: string[] }>();

  /** `delivery` tells Slack's redelivery of a click (left to the core's claim) from a new click. */
  isRepeat(member: string, click: string, delivery: string, now = Date.now()): boolean {
    const before = this.last.get(member);
    // A redelivery says nothing new about the member's intent, so it does not count as their last click.
    if (before?.deliveries.includes(delivery)) return false;
    this.last.set(member, { click, at: now, deliveries: [delivery, ...(before?.deliveries ?? [])].slice(0, 20) });
    if (this.last.size > 10_000) {
      for (const [k, v] of this.last) if (now - v.at > DOUBLE_CLICK_MS) this.last.delete(k);
    }
    return Boolean(before && before.click === click && now - before.at < DOUBLE_CLICK_MS);
  }

  /** The member was told their click was not saved: the same click again is a new try, not a double click. */
  forget(member: string): void {
    this.last.delete(member);
  }
}
