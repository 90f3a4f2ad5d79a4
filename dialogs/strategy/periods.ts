/**
 * Feedback periods: opening a version for feedback (inviting its audience, scheduling reminders
 * and the close), closing it, and the reminders themselves.
 */
import type { Types } from 'mongoose';
import type { PartyType } from '../../models/party.js';
import { StrategyVersion, type VersionDoc } from '../../models/strategy.js';
import { audienceMembers } from '../../src/audience.js';
import { audit } from '../../src/audit.js';
import type { Services } from '../../src/services.js';
import { StrategyError } from './errors.js';
import { JOB_CLOSE, JOB_REMIND, TEMPLATE_INVITE, TEMPLATE_REMIND } from './ids.js';
import { isOpen } from './rules.js';
import { audienceOf } from './service.js';

type Id = Types.ObjectId | string;

/** Default reminders before the deadline, in hours. */
export const DEFAULT_REMINDER_HOURS = [72, 24];

export interface OpenOptions {
  bodies: Id[];
  partyTypes: PartyType[];
  deadline: Date;
  /** When to remind those whose party has not responded; default 72 and 24 hours before the deadline. */
  reminders?: Date[];
  actor: Id;
}

/** Opens (or re-opens with a new deadline) a version for feedback, and invites the audience. */
export async function openFeedback(services: Services, v: VersionDoc, o: OpenOptions): Promise<VersionDoc> {
  const now = Date.now();
  if (o.deadline.getTime() <= now) throw new StrategyError('deadline_past');
  if (!o.bodies.length && !o.partyTypes.length) throw new StrategyError('no_audience');
  const reminders = (o.reminders ?? DEFAULT_REMINDER_HOURS.map((h) => new Date(o.deadline.getTime() - h * 3600_000)))
    .filter((d) => d.getTime() > now && d.getTime() < o.deadline.getTime())
    .sort((a, b) => a.getTime() - b.getTime());

  // One version of a strategy is out for feedback at a time: opening a new one closes the older.
  const others = await StrategyVersion.find({ strategy: v.strategy, state: 'open', _id: { $ne: v._id } });
  for (const other of others) await closeVersion(services, other, o.actor);

  await StrategyVersion.updateOne(
    { _id: v._id, community: v.community },
    {
      $set: {
        state: 'open',
        audience: { bodies: o.bodies, partyTypes: o.partyTypes },
        deadline: o.deadline,
        reminders,
        openedAt: v.openedAt ?? new Date(),
        openedBy: o.actor,
        closedAt: null,
      },
    },
  );
  const fresh = (await StrategyVersion.findById(v._id))!;
  const prefix = `strategy:${String(v._id)}:`;
  await services.scheduler.cancelPrefix(`${prefix}remind:`);
  await services.scheduler.at(o.deadline, JOB_CLOSE, { key: `${prefix}close`, version: String(v._id) });
  for (const [i, when] of reminders.entries()) {
    await services.scheduler.at(when, JOB_REMIND, { key: `${prefix}remind:${i}`, version: String(v._id), n: i });
  }
  const members = await audienceMembers(v.community, audienceOf(fresh));
  await services.fanout.start({ key: `${prefix}invite`, template: TEMPLATE_INVITE, params: { version: String(v._id) }, members: members.map((m) => m._id) });
  await audit(
    v.community,
    o.actor,
    v.state === 'draft' ? 'strategy.feedback.open' : 'strategy.feedback.reopen',
    { kind: 'strategy-version', id: v._id },
    {
      deadline: o.deadline.toISOString(),
      bodies: o.bodies.map(String),
      partyTypes: o.partyTypes,
      reminders: reminders.map((d) => d.toISOString()),
    },
  );
  return fresh;
}

/** Closes a version's feedback period (at its deadline, or when a newer version opens). Idempotent. */
export async function closeVersion(services: Services, v: VersionDoc, actor: Id | null): Promise<boolean> {
  const r = await StrategyVersion.updateOne({ _id: v._id, community: v.community, state: 'open' }, { $set: { state: 'closed', closedAt: new Date() } });
  if (!r.modifiedCount) return false;
  await services.scheduler.cancelPrefix(`strategy:${String(v._id)}:remind:`);
  await audit(v.community, actor, 'strategy.feedback.close', { kind: 'strategy-version', id: v._id });
  return true;
}

/** The reminder job: everyone in the audience is put on the fan-out; the template skips those whose party has answered. */
export async function sendReminders(services: Services, versionId: string, n: number): Promise<void> {
  const v = await StrategyVersion.findById(versionId);
  if (!v || !isOpen(v)) return;
  const members = await audienceMembers(v.community, audienceOf(v));
  await services.fanout.start({
    key: `strategy:${versionId}:remind:${n}`,
    template: TEMPLATE_REMIND,
    params: { version: versionId },
    members: members.map((m) => m._id),
    reminder: true,
  });
}

/** The secretariat closes a period before its deadline: the close job has nothing left to do. */
export async function closeNow(services: Services, v: VersionDoc, actor: Id): Promise<VersionDoc> {
  await closeVersion(services, v, actor);
  await services.scheduler.cancel(JOB_CLOSE, `strategy:${String(v._id)}:close`);
  return (await StrategyVersion.findById(v._id))!;
}
