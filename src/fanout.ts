/**
 * Sends one message to many members as a job: throttled to stay within platform rate limits,
 * and resumable. Each recipient is a row, claimed before sending and marked after, so a crash or
 * restart resumes where it stopped and a second instance takes other rows. The claim is an insert
 * under a unique index (claimOnce), not a conditional update: FerretDB 1.x does not make a
 * conditional findOneAndUpdate atomic under concurrency, while unique inserts are exact. A row
 * left "sending" by a crash is sent again: a rare duplicate is better than a member who never
 * hears of a deadline.
 *
 * The message itself is built by a named template a dialog registers, so the job stores only
 * ids and small parameters, never a prepared text.
 */
import type { Types } from 'mongoose';
import { FanOutRecipient } from '../models/fanout.js';
import { Member, type MemberDoc } from '../models/member.js';
import { claimOnce } from './once.js';
import type { Delivery } from './delivery.js';
import type { Logger } from './log.js';
import { JobInterrupted, type JobControl, type Scheduler } from './scheduler.js';
import type { Lang, Reply } from './ui.js';

type Id = Types.ObjectId | string;
export type FanOutParams = Record<string, string | number | boolean>;

/** Builds one recipient's message; null skips them (e.g. their party has answered meanwhile). */
export type FanOutTemplate = (lang: Lang, member: MemberDoc, params: FanOutParams) => Promise<Reply | null>;

export const FANOUT_JOB = 'samla:fanout';
/** A row "sending" for longer than this was left by a crash. */
const STALE_MS = 60_000;
/**
 * The fan-out job's lock: after a crash another instance (or the restarted one) resumes within
 * this time. The running job touches its lock well within it.
 */
const LOCK_MS = 30_000;
const TOUCH_MS = 10_000;

export interface FanOutOptions {
  /** Unique for this fan-out, e.g. `round:<id>:open`. Starting the same key again adds only new members. */
  key: string;
  template: string;
  params?: FanOutParams;
  members: Id[];
  /** Reminders skip members who muted them; notices that need an answer do not. */
  reminder?: boolean;
  /** When to start (default now). */
  at?: Date;
}

export class FanOut {
  private readonly templates = new Map<string, FanOutTemplate>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly delivery: Delivery,
    private readonly log: Logger,
    /** Messages per second across the fan-out (Slack allows about one per second per channel, bursts higher). */
    private readonly perSecond: number,
  ) {
    scheduler.define(
      FANOUT_JOB,
      (data, job) => this.run(String(data.key), String(data.template), (data.params ?? {}) as FanOutParams, Boolean(data.reminder), job),
      { concurrency: 2, lockLifetime: LOCK_MS },
    );
  }

  register(name: string, template: FanOutTemplate): void {
    if (this.templates.has(name)) throw new Error(`fan-out template ${name} registered twice`);
    this.templates.set(name, template);
  }

  async start(o: FanOutOptions): Promise<void> {
    if (!this.templates.has(o.template)) throw new Error(`unknown fan-out template ${o.template}`);
    const rows = o.members.map((m) => ({ key: o.key, member: m }));
    if (rows.length) {
      await FanOutRecipient.insertMany(rows, { ordered: false }).catch((e: { code?: number; writeErrors?: unknown[] }) => {
        // Members already on the list from an earlier start keep their state.
        if (e.code !== 11000 && !e.writeErrors) throw e;
      });
    }
    await this.scheduler.at(o.at ?? new Date(), FANOUT_JOB, { key: o.key, template: o.template, params: o.params ?? {}, reminder: o.reminder ?? false });
  }

  async progress(key: string): Promise<Record<'pending' | 'sending' | 'sent' | 'skipped' | 'failed', number>> {
    const out = { pending: 0, sending: 0, sent: 0, skipped: 0, failed: 0 };
    for (const state of Object.keys(out) as (keyof typeof out)[]) out[state] = await FanOutRecipient.countDocuments({ key, state });
    return out;
  }

  /** Drops a fan-out's unsent rows (e.g. a round cancelled before everyone got the invitation). */
  async cancel(key: string): Promise<void> {
    await FanOutRecipient.deleteMany({ key, state: 'pending' });
  }

  private async run(key: string, templateName: string, params: FanOutParams, reminder: boolean, job?: JobControl): Promise<void> {
    const template = this.templates.get(templateName);
    if (!template) throw new Error(`unknown fan-out template ${templateName}`);
    // Rows a crashed run left "sending" go back in line with a new attempt number.
    await FanOutRecipient.updateMany(
      { key, state: 'sending', claimedAt: { $lt: new Date(Date.now() - STALE_MS) } },
      { $set: { state: 'pending' }, $inc: { attempt: 1 } },
    );
    const gap = 1000 / Math.max(1, this.perSecond);
    let after: unknown = null;
    let touched = Date.now();
    for (;;) {
      // Shutting down: the rest go out when the job runs again (here after a restart, or elsewhere).
      if (job?.stopping()) throw new JobInterrupted();
      if (job && Date.now() - touched > TOUCH_MS) {
        await job.touch();
        touched = Date.now();
      }
      const row = await FanOutRecipient.findOne({ key, state: 'pending', ...(after ? { _id: { $gt: after } } : {}) }).sort({ _id: 1 });
      if (!row) return;
      after = row._id;
      if (!(await claimOnce(`fanout:${key}:${String(row.member)}:${row.attempt}`))) continue; // another instance has it
      await FanOutRecipient.updateOne({ _id: row._id }, { $set: { state: 'sending', claimedAt: new Date() } });
      const started = Date.now();
      const member = await Member.findById(row.member);
      let state: 'sent' | 'skipped' | 'failed' = 'skipped';
      let platform: string | null = null;
      if (member && !(reminder && member.mutedReminders)) {
        try {
          const r = await this.delivery.toMember(member, (lang, m) => template(lang, m, params));
          state = r.skipped ? 'skipped' : r.delivered ? 'sent' : 'failed';
          platform = r.platform ?? null;
        } catch (err) {
          this.log.error({ err, key }, 'fan-out message failed');
          state = 'failed';
        }
      }
      await FanOutRecipient.updateOne({ _id: row._id }, { $set: { state, platform } });
      const wait = gap - (Date.now() - started);
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    }
  }
}
