/**
 * Live-tally updates, at most one per poll every UPDATE_EVERY_MS however fast the votes come
 * (platform rate limits: Slack's chat.update, Teams' activity updates).
 *
 * Time is cut into windows of UPDATE_EVERY_MS. A vote asks for an update at the end of its
 * window; the first to ask claims that window with a unique-index insert (claimOnce), so across
 * every process exactly one update runs per window that had votes. A vote is stored before it
 * asks, and the update reads the votes after its window has ended, so it always includes every
 * vote that asked for it. Each update also starts at least UPDATE_EVERY_MS after the previous one
 * finished (lastUpdateAt on the poll), so timers delayed by a busy process never bunch two
 * updates together.
 */
import { Poll } from '../../models/poll.js';
import { ProcessedEvent } from '../../models/processed-event.js';
import type { Logger } from '../../src/log.js';
import { claimOnce } from '../../src/once.js';

export const UPDATE_EVERY_MS = 2000;

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
      // Timers run on a monotonic clock and may fire a millisecond before the wall-clock end of
      // the window; the update must not read the votes before every vote of its window is in.
      // Looked at again after each wait: another process may have updated meanwhile.
      for (;;) {
        const last = (await Poll.findById(pollId))?.lastUpdateAt?.getTime() ?? 0;
        const wait = Math.max(last + this.everyMs, window * this.everyMs) - Date.now();
        if (wait > 0) {
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        // Taken like a lock, before reading and sending, so another process's update for the next
        // window waits for this one. Compare-and-set: a busy process may reach this point in the
        // same instant as another process's later window, and both read the same lastUpdateAt;
        // only one of them may mark it (two updates 49 ms apart were seen otherwise).
        const now = Date.now();
        const taken = await Poll.updateOne(
          { _id: pollId, $or: [{ lastUpdateAt: null }, { lastUpdateAt: { $lte: new Date(now - this.everyMs) } }] },
          { $set: { lastUpdateAt: new Date(now) } },
        );
        if (taken.modifiedCount === 1) break;
        if (taken.matchedCount === 0 && !(await Poll.exists({ _id: pollId }))) return;
      }
      const send = await this.prepare(pollId);
      await send?.();
      await Poll.updateOne({ _id: pollId }, { $set: { lastUpdateAt: new Date() } });
      // The claim has done its job; keep the collection small.
      await ProcessedEvent.deleteMany({ key: { $in: [claimKey(pollId, window - 1), claimKey(pollId, window - 2)] } });
    } catch (err) {
      this.log.error({ err, poll: pollId }, 'poll message update failed');
    }
  }
}
