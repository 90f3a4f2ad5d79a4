/**
 * Live-tally updates, at most one per poll every UPDATE_EVERY_MS however fast the votes come
 * (platform rate limits: Slack's chat.update, Teams' activity updates).
 *
 * Time is cut into windows of UPDATE_EVERY_MS. A vote asks for an update at the end of its
 * window; the first to ask claims that window with a unique-index insert (claimOnce), so across
 * every process exactly one update runs per window that had votes. A vote is stored before it
 * asks, and the update reads the votes after its window has ended, so it always includes every
 * vote that asked for it. Each update also starts at least UPDATE_EVERY_MS after the previous one
 * finished (a lease on the poll's lastUpdateAt), so timers or sends delayed by a busy process
 * never bunch two updates together.
 */
import { Poll } from '../../models/poll.js';
import { ProcessedEvent } from '../../models/processed-event.js';
import type { Logger } from '../../src/log.js';
import { claimOnce } from '../../src/once.js';

export const UPDATE_EVERY_MS = 2000;
/** How long an update may hold the lease; only a process that dies while sending makes others wait this long. */
const LEASE_MS = 15_000;
const LEASE_POLL_MS = 100;

const claimKey = (pollId: string, window: number) => `poll-update:${pollId}:${window}`;

export class Coalescer {
  /** Windows this process already claimed or saw claimed, so a burst of votes costs one insert. */
  private readonly seen = new Map<string, number>();
  /** Updates of one poll in this process run one after the other. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly log: Logger,
    /** Reads the poll and returns what sends the update, so the send can be timed on its own. */
    private readonly prepare: (pollId: string) => Promise<(() => Promise<void>) | null>,
    private readonly everyMs = UPDATE_EVERY_MS,
  ) {}

  /** A vote changed the tally: make sure an update follows within UPDATE_EVERY_MS. */
  dirty(pollId: string): void {
    void this.request(pollId).catch((err) => this.log.error({ err, poll: pollId }, 'could not schedule the poll update'));
  }

  private async request(pollId: string): Promise<void> {
    const window = Math.floor(Date.now() / this.everyMs) + 1;
    if (this.seen.get(pollId) === window) return;
    this.seen.set(pollId, window);
    if (!(await claimOnce(claimKey(pollId, window)))) return; // another process updates this window
    const timer = setTimeout(
      () => {
        const next = (this.chains.get(pollId) ?? Promise.resolve()).then(() => this.flush(pollId, window));
        this.chains.set(pollId, next);
        void next.finally(() => {
          if (this.chains.get(pollId) === next) this.chains.delete(pollId);
        });
      },
      Math.max(0, window * this.everyMs - Date.now()),
    );
    timer.unref?.();
  }

  private async flush(pollId: string, window: number): Promise<void> {
    try {
      if (!(await this.take(pollId, window))) return;
      try {
        const send = await this.prepare(pollId);
        await send?.();
      } finally {
        // Done: the next update may start UPDATE_EVERY_MS from now, however long this one took.
        await Poll.updateOne({ _id: pollId }, { $set: { lastUpdateAt: new Date() } });
      }
      // The claim has done its job; keep the collection small.
      await ProcessedEvent.deleteMany({ key: { $in: [claimKey(pollId, window - 1), claimKey(pollId, window - 2)] } });
    } catch (err) {
      this.log.error({ err, poll: pollId }, 'poll message update failed');
    }
  }

  /**
   * Waits until this window's update may run, then takes the poll's update lease: lastUpdateAt
   * set into the future while the update is under way, so no other process starts one until it
   * is done (a send slowed by a busy process must not arrive at the platform beside the next).
   * Compare-and-set, because two processes may read the same lastUpdateAt in the same instant.
   * False when the poll is gone.
   */
  private async take(pollId: string, window: number): Promise<boolean> {
    for (;;) {
      const poll = await Poll.findById(pollId);
      if (!poll) return false;
      const last = poll.lastUpdateAt?.getTime() ?? 0;
      // Timers run on a monotonic clock and may fire a millisecond before the wall-clock end of
      // the window; the update must not read the votes before every vote of its window is in.
      const now = Date.now();
      const wait = Math.max(last + this.everyMs, window * this.everyMs) - now;
      if (wait > 0) {
        // Under another's lease, look again soon: it usually ends long before it expires.
        await new Promise((r) => setTimeout(r, last > now ? Math.min(wait, LEASE_POLL_MS) : wait));
        continue;
      }
      const taken = await Poll.updateOne(
        { _id: pollId, $or: [{ lastUpdateAt: null }, { lastUpdateAt: { $lte: new Date(now - this.everyMs) } }] },
        { $set: { lastUpdateAt: new Date(now + LEASE_MS) } },
      );
      if (taken.modifiedCount === 1) return true;
    }
  }
}
