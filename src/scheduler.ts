/**
 * Jobs with agenda 6 on the same database. Every job carries a `key`; scheduling the same key
 * again moves the job instead of adding another, and cancelling by key prefix removes a whole
 * family (e.g. every reminder of one meeting). Handlers must be idempotent: agenda may run a job
 * again after a crash, so they claim each effect with claimOnce.
 */
import { Agenda, type Job } from 'agenda';
import { MongoBackend } from '@agendajs/mongo-backend';
import { inJob } from './context.js';
import type { Logger } from './log.js';
import { WHOLE_BATCH } from '../models/whole-batches.js';

export interface JobData {
  key: string;
  [k: string]: unknown;
}

/** What a running job may do besides its work. */
export interface JobControl {
  /** Tells the scheduler the job is still alive (extends its lock). */
  touch(): Promise<void>;
  /** True once the app is shutting down: a long job stops after its current step and throws JobInterrupted. */
  stopping(): boolean;
  /**
   * Runs this job again at `when` once it returns. Scheduling the running job's own key from inside
   * it would be overwritten when the scheduler saves the finished run.
   */
  runAgainAt(when: Date): void;
}

/** Thrown by a job that stopped early for a shutdown; it is run again, from where it stopped, soon after. */
export class JobInterrupted extends Error {
  constructor() {
    super('interrupted by shutdown');
    this.name = 'JobInterrupted';
  }
}

/**
 * Retries: an interrupted job runs again a second later (on this or another instance); a failed
 * one up to five times with growing delays. Handlers are idempotent, so a retry is safe, and it
 * rides out passing faults such as a busy embedded database.
 */
const backoff = (c: { attempt: number; error: Error }): number | null =>
  c.error instanceof JobInterrupted || c.error?.name === 'JobInterrupted' ? 1000 : c.attempt <= 5 ? 2000 * 2 ** (c.attempt - 1) : null;

export type JobHandler = (data: JobData, job: JobControl) => Promise<void>;

export class Scheduler {
  readonly agenda: Agenda;
  private readonly backend: MongoBackend;
  private started = false;
  private stopping = false;
  /** How long a stop waits for running jobs before it unlocks them for another instance. */
  private readonly drainMs: number;

  constructor(
    uri: string,
    dbName: string,
    private readonly log: Logger,
    opts: { pollSeconds: number; name?: string; drainMs?: number },
  ) {
    this.drainMs = opts.drainMs ?? 15_000;
    const address = uri.replace(/\/?(\?.*)?$/, (_m, q: string | undefined) => `/${dbName}${q ?? ''}`);
    this.backend = new MongoBackend({ address, collection: 'jobs' });
    this.agenda = new Agenda({
      backend: this.backend,
      processEvery: opts.pollSeconds * 1000,
      name: opts.name ?? `samla-${process.pid}`,
      defaultLockLifetime: 5 * 60_000,
    });
    this.agenda.on('error', (err: Error) => {
      // Draining closes agenda's own connection; a lock query still on it fails, and that is the stop, not a fault.
      if (this.stopping && err.name === 'MongoClientClosedError') this.log.debug({ err }, 'scheduler query ended by the stop');
      else this.log.error({ err }, 'scheduler error');
    });
  }

  /**
   * `lockLifetime`: how long a job may run without touching its lock before another instance
   * takes it over (after a crash). Long-running handlers use a short one and touch regularly.
   */
  define(name: string, handler: JobHandler, opts: { concurrency?: number; lockLifetime?: number } = {}): void {
    this.agenda.define<JobData>(
      name,
      async (job: Job<JobData>) => {
        try {
          await inJob(name, job.attrs.data.due, () =>
            handler(job.attrs.data, {
              touch: () => job.touch(),
              stopping: () => this.stopping,
              runAgainAt: (when) => {
                job.attrs.nextRunAt = when;
                job.attrs.data.due = when.getTime();
              },
            }),
          );
        } catch (err) {
          if (err instanceof JobInterrupted) this.log.info({ job: name, key: job.attrs.data.key }, 'job interrupted by shutdown; it resumes');
          else this.log.error({ err, job: name, key: job.attrs.data.key }, 'job failed');
          throw err;
        }
      },
      { concurrency: opts.concurrency ?? 5, backoff, ...(opts.lockLifetime ? { lockLifetime: opts.lockLifetime } : {}) },
    );
  }

  /** Runs `name` at `when`; an existing job with the same key is moved rather than duplicated. */
  async at(when: Date, name: string, data: JobData): Promise<void> {
    // When it was due, for the lateness metric: agenda overwrites nextRunAt before the handler runs.
    const job = this.agenda.create<JobData>(name, { ...data, due: when.getTime() });
    job.unique({ name, 'data.key': data.key });
    job.schedule(when);
    await job.save();
  }

  async cancel(name: string, key: string): Promise<number> {
    return this.agenda.cancel({ name, data: { key } });
  }

  /** Removes every job of any name whose key starts with the prefix. */
  async cancelPrefix(prefix: string): Promise<number> {
    const coll = this.collection();
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const r = await coll.deleteMany({ 'data.key': { $regex: `^${escaped}` } });
    return r.deletedCount;
  }

  /** Pending jobs whose key starts with the prefix (for status views and tests). */
  async pending(prefix: string): Promise<{ name: string; key: string; nextRunAt: Date | null }[]> {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const docs = await this.collection()
      .find({ 'data.key': { $regex: `^${escaped}` }, nextRunAt: { $ne: null } }, { batchSize: WHOLE_BATCH })
      .toArray();
    return docs.map((d) => ({ name: String(d.name), key: String(d.data?.key), nextRunAt: d.nextRunAt ?? null }));
  }

  /**
   * Waits (at most `timeoutMs`) until no job is due or running — e.g. so that the terminal chat,
   * fed from a pipe, shows the invitations a command started before it exits.
   */
  async settle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const busy = await this.collection().countDocuments({
        disabled: { $ne: true },
        $or: [{ nextRunAt: { $lte: new Date() } }, { lockedAt: { $ne: null } }],
      });
      if (busy === 0) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.agenda.start();
    this.started = true;
  }

  /**
   * Stops taking jobs, lets running ones finish or interrupt themselves (they are rescheduled),
   * and only then lets go, so nothing is cut off with the database closing under it.
   */
  async stop(): Promise<void> {
    // Agenda's stop does nothing when it never started (runJobs: false: the bench, test helpers), but
    // its backend has its own connection open, which would keep the process alive. Closed only
    // once its connecting is done: closing under the index set-up fails that set-up unhandled.
    if (!this.started) {
      await Promise.race([this.agenda.ready, new Promise((r) => setTimeout(r, 10_000).unref())]);
      return this.backend.disconnect();
    }
    this.started = false;
    this.stopping = true;
    await this.agenda.drain({ timeout: this.drainMs });
    await this.agenda.stop();
  }

  private collection() {
    // The backend owns the connection; jobs live in the `jobs` collection of our database.
    const repo = (this.agenda as unknown as { db: { collection: import('mongodb').Collection } }).db;
    return repo.collection;
  }
}
