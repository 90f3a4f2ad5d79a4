/**
 * The scheduled side of input rounds: opening a scheduled round, its reminders, and closing it at
 * the deadline. Every handler is idempotent: a job run twice (a retry, a second instance) has one
 * effect, because each step is a guarded single-document update or a keyed fan-out.
 */
import { Member } from '../../models/member.js';
import { Round } from '../../models/round.js';
import type { JobHandler } from '../../src/scheduler.js';
import type { Services } from '../../src/services.js';
import type { Lang } from '../../src/ui.js';
import { closeRound, JOB_CLOSE, JOB_OPEN, JOB_REMIND, openScheduledRound, reminderJob } from './service.js';
import { roundCard } from './views.js';

export function roundJobs(services: Services): Record<string, JobHandler> {
  return {
    [JOB_OPEN]: async (data) => openScheduledRound(services, String(data.round)),
    [JOB_REMIND]: async (data) => reminderJob(services, data),
    [JOB_CLOSE]: async (data) => {
      const round = await Round.findById(String(data.round));
      // closeRound is a conditional update: of two instances closing at once, one closes it, and
      // only that one tells the secretariat.
      if (!round || !(await closeRound(services, round, null))) return;
      // The one who opened the round hears it closed, with the status and the way to the summary.
      const creator = await Member.findById(round.createdBy);
      if (!creator) return;
      const closed = (await Round.findById(round._id))!;
      await services.delivery.toMember(creator, async (lang: Lang) => roundCard({ lang }, closed, 'closedAtDeadline'));
    },
  };
}
