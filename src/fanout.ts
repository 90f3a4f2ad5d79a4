/**
 * Sends one message to many members as a job: throttled to stay within platform rate limits,
 * and resumable. Each recipient is a row, claimed before sending and marked after, so a crash or
 * restart resumes where it stopped and a second instance takes other rows. The claim is an insert
 * under a unique key per (member, attempt) (claimOnce): it says once and for all that this attempt
 * was taken, across instances and restarts. A row left "sending" by a crash is sent again: a rare
 * duplicate is better than a member who never hears of a deadline.
 *
 * The message itself is built by a named template a dialog registers, so the job stores only
 * ids and small parameters, never a prepared text.
 *
 * A passing failure (rate limited, a server error, the network) puts the row back in line with a
 * growing delay and pauses the whole fan-out until then: the platform is having a bad moment, and
 * hammering it with the next 2,000 members makes it worse. Each fan-out says until when its
 * message is worth sending; what has not gone out by then, or what the platform refused, is
 * `failed`, shown to the secretariat and sent again with one tap (`resend`). A member with no
 * address anywhere is `unreachable`: the row waits for their first contact (`reachable`).
 */
import type { Types } from 'mongoose';
import { FanOutMessage, FanOutRecipient, RECIPIENT_STATES, type FanOutDoc, type RecipientState } from '../models/fanout.js';
import { Member, type MemberDoc } from '../models/member.js';
import { claimOnce } from './once.js';
import type { Delivery } from './delivery.js';
import type { Logger } from './log.js';
import { fanoutHandled } from './metrics.js';
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
/** How soon a fan-out looks again at rows another instance had claimed. */
const OTHERS_MS = 5_000;
/** How long a message is worth sending when its fan-out does not say. */
export const DEFAULT_WORTH_MS = 24 * 3600_000;
/** Back-off after a passing failure: 2 s, doubled each time, at most 5 minutes, with jitter. */
const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;

export function retryDelay(tries: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** tries) * (0.8 + Math.random() * 0.4);
}

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
  /**
   * Until when the message is worth sending: a message not delivered by then (the platform kept
   * failing, the member was unreachable) is dropped. An invitation lasts until the round's
   * deadline; a reminder an hour before a meeting, until the meeting starts. Default: a day.
   */
  until?: Date;
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
    scheduler.define(FANOUT_JOB, (data, job) => this.run(String(data.key), String(data.template), (data.params ?? {}) as FanOutParams, Boolean(data.reminder), job), {
      concurrency: 2,
      lockLifetime: LOCK_MS,
    });
  }

  register(name: string, template: FanOutTemplate): void {
    if (this.templates.has(name)) throw new Error(`fan-out template ${name} registered twice`);
    this.templates.set(name, template);
  }

  async start(o: FanOutOptions): Promise<void> {
    if (!this.templates.has(o.template)) throw new Error(`unknown fan-out template ${o.template}`);
    const start = o.at ?? new Date();
    const community = (await Member.findById(o.members[0], { community: 1 }).lean())?.community ?? null;
    await FanOutMessage.updateOne(
      { key: o.key },
      {
        $set: { template: o.template, params: o.params ?? {}, reminder: o.reminder ?? false, until: o.until ?? new Date(start.getTime() + DEFAULT_WORTH_MS) },
        ...(community ? { $setOnInsert: { community } } : {}),
      },
      { upsert: true },
    );
    const rows = o.members.map((m) => ({ key: o.key, member: m }));
    if (rows.length) {
      await FanOutRecipient.insertMany(rows, { ordered: false }).catch((e: { code?: number; writeErrors?: unknown[] }) => {
        // Members already on the list from an earlier start keep their state.
        if (e.code !== 11000 && !e.writeErrors) throw e;
      });
    }
    await this.scheduler.at(start, FANOUT_JOB, { key: o.key, template: o.template, params: o.params ?? {}, reminder: o.reminder ?? false });
  }

  async progress(key: string): Promise<Record<RecipientState, number>> {
    const out = Object.fromEntries(RECIPIENT_STATES.map((s) => [s, 0])) as Record<RecipientState, number>;
    // One read, so a row moving from one state to another while we count is counted once, not
    // missed (a count per state could see it in neither, and call the fan-out finished).
    for (const r of await FanOutRecipient.find({ key }, { state: 1, _id: 0 }).lean()) out[r.state as RecipientState]++;
    return out;
  }

  /** The message's worth moved (a round's deadline changed): undelivered rows last until then. */
  async worthUntil(key: string, until: Date): Promise<void> {
    await FanOutMessage.updateOne({ key }, { $set: { until } });
  }

  /** The template and parameters of a fan-out, e.g. to show what a failed message was. */
  async message(key: string): Promise<FanOutDoc | null> {
    return FanOutMessage.findOne({ key });
  }

  /** Builds the message a member would get from a fan-out, in a language (null: the template skips them). */
  async preview(fan: FanOutDoc, lang: Lang, member: MemberDoc): Promise<Reply | null> {
    const template = this.templates.get(fan.template);
    return template ? template(lang, member, (fan.params ?? {}) as FanOutParams) : null;
  }

  /**
   * Sends a fan-out's failed rows again (the secretariat's «send again»), or only one member's.
   * The message stays worth sending for at least a while longer. Returns how many go out again.
   */
  async resend(key: string, member?: Id): Promise<number> {
    const fan = await FanOutMessage.findOne({ key });
    if (!fan) return 0;
    const r = await FanOutRecipient.updateMany(
      { key, state: { $in: ['failed', 'unreachable'] }, ...(member ? { member } : {}) },
      { $set: { state: 'pending', retryAt: null, tries: 0, reason: null }, $inc: { attempt: 1 } },
    );
    if (!r.modifiedCount) return 0;
    const soon = new Date(Date.now() + 3600_000);
    if (!fan.until || fan.until < soon) await FanOutMessage.updateOne({ _id: fan._id }, { $set: { until: soon } });
    await this.scheduler.at(new Date(), FANOUT_JOB, { key, template: fan.template, params: (fan.params ?? {}) as FanOutParams, reminder: fan.reminder });
    return r.modifiedCount;
  }

  /**
   * The member can now be reached (a first conversation was stored): what waited for them goes out,
   * if it is still worth sending and its template still wants them to have it.
   */
  async reachable(member: Id): Promise<number> {
    const rows = await FanOutRecipient.find({ member, state: 'unreachable' });
    let n = 0;
    for (const row of rows) {
      const fan = await FanOutMessage.findOne({ key: row.key });
      if (!fan || (fan.until && fan.until.getTime() <= Date.now())) continue;
      const r = await FanOutRecipient.updateOne(
        { _id: row._id, state: 'unreachable' },
        // The reason stays until it is delivered: the member's dashboard still says it is on its way.
        { $set: { state: 'pending', retryAt: null }, $inc: { attempt: 1 } },
      );
      if (!r.modifiedCount) continue;
      n++;
      await this.scheduler.at(new Date(), FANOUT_JOB, { key: row.key, template: fan.template, params: (fan.params ?? {}) as FanOutParams, reminder: fan.reminder });
    }
    return n;
  }

  /**
   * Drops a fan-out's unsent rows (e.g. a round cancelled before everyone got the invitation),
   * also those that failed or wait for an unreachable member: none of them is worth sending now.
   */
  async cancel(key: string): Promise<void> {
    await FanOutRecipient.deleteMany({ key, state: { $in: ['pending', 'failed', 'unreachable'] } });
    await FanOutMessage.updateOne({ key }, { $set: { until: new Date() } });
  }

  private async run(key: string, templateName: string, params: FanOutParams, reminder: boolean, job?: JobControl): Promise<void> {
    const template = this.templates.get(templateName);
    if (!template) throw new Error(`unknown fan-out template ${templateName}`);
    const fan = await FanOutMessage.findOne({ key });
    // Fan-outs started before messages carried their own deadline get the default from their start.
    const until = fan?.until?.getTime() ?? Date.now() + DEFAULT_WORTH_MS;
    const paused = fan?.pausedUntil?.getTime() ?? 0;
    if (paused > Date.now() + 200) return this.again(key, templateName, params, reminder, until, job);
    // Rows a crashed run left "sending" go back in line with a new attempt number.
    await FanOutRecipient.updateMany({ key, state: 'sending', claimedAt: { $lt: new Date(Date.now() - STALE_MS) } }, { $set: { state: 'pending' }, $inc: { attempt: 1 } });
    const gap = 1000 / Math.max(1, this.perSecond);
    let after: unknown = null;
    let touched = Date.now();
    let gotThrough = false;
    const passed: Types.ObjectId[] = [];
    for (;;) {
      // Shutting down: the rest go out when the job runs again (here after a restart, or elsewhere).
      if (job?.stopping()) throw new JobInterrupted();
      if (job && Date.now() - touched > TOUCH_MS) {
        await job.touch();
        touched = Date.now();
      }
      // Members not tried yet go first, then those due for a retry: one member whose messages keep
      // failing must not stand in front of everyone else each time the fan-out resumes.
      const row =
        (await FanOutRecipient.findOne({ key, state: 'pending', retryAt: null, ...(after ? { _id: { $gt: after } } : {}) }).sort({ _id: 1 })) ??
        (await FanOutRecipient.findOne({ key, state: 'pending', retryAt: { $lte: new Date() }, _id: { $nin: passed } }).sort({ retryAt: 1 }));
      if (!row) break;
      if (row.retryAt) passed.push(row._id);
      else after = row._id;
      if (Date.now() >= until) {
        await FanOutRecipient.updateMany({ key, state: 'pending' }, { $set: { state: 'failed', reason: 'expired', retryAt: null } });
        break;
      }
      if (!(await claimOnce(`fanout:${key}:${String(row.member)}:${row.attempt}`))) continue; // another instance has it
      await FanOutRecipient.updateOne({ _id: row._id }, { $set: { state: 'sending', claimedAt: new Date() } });
      const started = Date.now();
      const member = await Member.findById(row.member);
      let next: { state: RecipientState; reason: string | null; platform: string | null } = { state: 'skipped', reason: null, platform: null };
      let passing = false;
      if (member && !(reminder && member.mutedReminders)) {
        try {
          const r = await this.delivery.toMember(member, (lang, m) => template(lang, m, params));
          const platform = r.platform ?? null;
          if (r.skipped) next = { state: 'skipped', reason: null, platform };
          else if (r.delivered) next = { state: 'sent', reason: null, platform };
          else if (r.unreachable) next = { state: 'unreachable', reason: 'unreachable', platform };
          else if (r.transient) {
            passing = true;
            next = { state: 'pending', reason: 'transient', platform };
          } else next = { state: 'failed', reason: 'refused', platform };
        } catch (err) {
          this.log.error({ err, key }, 'fan-out message failed');
          next = { state: 'failed', reason: 'refused', platform: null };
        }
      }
      if (passing) {
        const retryAt = Date.now() + retryDelay(row.tries);
        if (retryAt < until) {
          await FanOutRecipient.updateOne(
            { _id: row._id },
            { $set: { state: 'pending', reason: 'transient', platform: next.platform, retryAt: new Date(retryAt) }, $inc: { tries: 1, attempt: 1 } },
          );
          // The rest of the fan-out waits too, as the next members would likely meet the same
          // trouble — for longer each time nobody got through. One member whose messages keep
          // failing costs the others a short pause, while their own retries spread out.
          const fanNow = await FanOutMessage.findOneAndUpdate({ key }, { $inc: { streak: 1 } }, { new: true, projection: { streak: 1 } }).lean();
          const pause = Math.min(retryAt, Date.now() + retryDelay(Math.max(0, (fanNow?.streak ?? 1) - 1)));
          await FanOutMessage.updateOne({ key }, { $set: { pausedUntil: new Date(pause) } });
          this.log.warn({ key, tries: row.tries + 1, retryInMs: retryAt - Date.now(), pauseMs: pause - Date.now() }, 'fan-out paused: the platform failed for now');
          fanoutHandled('retry');
          break;
        }
        next = { state: 'failed', reason: 'expired', platform: next.platform };
      }
      await FanOutRecipient.updateOne({ _id: row._id }, { $set: { ...next, retryAt: null } });
      fanoutHandled(next.state);
      if (next.state === 'sent' && !gotThrough) {
        gotThrough = true;
        await FanOutMessage.updateOne({ key, streak: { $gt: 0 } }, { $set: { streak: 0 } });
      }
      const wait = gap - (Date.now() - started);
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    }
    await this.again(key, templateName, params, reminder, until, job);
  }

  /** Rows still waiting for a retry bring the job back when the first of them is due. */
  private async again(key: string, template: string, params: FanOutParams, reminder: boolean, until: number, job?: JobControl): Promise<void> {
    const waiting = await FanOutRecipient.find({ key, state: 'pending' }, { retryAt: 1 }).lean();
    if (!waiting.length) return;
    const paused = (await FanOutMessage.findOne({ key }, { pausedUntil: 1 }).lean())?.pausedUntil?.getTime() ?? 0;
    // A row without a retry time waits for the pause to end; with no pause, it is another
    // instance's to send, and we look again in a while in case that one died.
    const untried = paused > Date.now() ? paused : Date.now() + OTHERS_MS;
    const first = Math.min(...waiting.map((w) => w.retryAt?.getTime() ?? untried));
    const when = new Date(Math.min(Math.max(first, paused, Date.now() + 200), until));
    if (job) job.runAgainAt(when);
    else await this.scheduler.at(when, FANOUT_JOB, { key, template, params, reminder });
  }
}
