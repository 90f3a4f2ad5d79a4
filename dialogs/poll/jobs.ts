/** The poll's scheduled work: closing at the deadline and the one reminder before it. */
import { Body } from '../../models/body.js';
import { Party } from '../../models/party.js';
import { Poll } from '../../models/poll.js';
import { bodyName } from '../../src/directory.js';
import type { FanOutTemplate } from '../../src/fanout.js';
import type { JobHandler } from '../../src/scheduler.js';
import type { Services } from '../../src/services.js';
import { formatDateTime } from '../../src/time.js';
import { CLOSE_JOB, REMIND_JOB, REMINDER_TEMPLATE, pollKey } from './keys.js';
import { closePoll } from './channel.js';
import { mayVote } from './rules.js';
import { eligibleMembers, hasVoted, participation } from './service.js';
import { texts } from './texts.js';
import { memberView } from './views.js';

export function pollJobs(services: Services): Record<string, JobHandler> {
  return {
    // Idempotent: closing a closed poll does nothing, and results are posted under a claim.
    [CLOSE_JOB]: async (data) => {
      await closePoll(services, String(data.poll), null);
    },
    [REMIND_JOB]: async (data) => {
      const poll = await Poll.findById(String(data.poll));
      if (!poll || poll.state !== 'open') return;
      const members = await eligibleMembers(poll);
      // Everyone eligible is listed; the template skips whoever (or whose party) has voted by the time it runs.
      await services.fanout.start({
        key: `${pollKey(poll._id)}:remind`,
        template: REMINDER_TEMPLATE,
        params: { poll: String(poll._id) },
        members: members.map((m) => m._id),
        reminder: true,
        ...(poll.closesAt ? { until: poll.closesAt } : {}),
      });
    },
  };
}

export function pollTemplates(services: Services): Record<string, FanOutTemplate> {
  return {
    [REMINDER_TEMPLATE]: async (lang, member, params) => {
      const poll = await Poll.findById(String(params.poll));
      if (!poll || poll.state !== 'open' || !poll.closesAt) return null;
      if (!mayVote(poll, member) || (await hasVoted(services, poll, member))) return null;
      const body = await Body.findById(poll.body);
      if (!body) return null;
      const vars = { question: poll.question, body: bodyName(body, lang), when: formatDateTime(poll.closesAt, lang) };
      const party = poll.voters === 'party' ? await Party.findById(member.party) : null;
      const intro = party ? texts(lang, 'poll.notice.reminderParty', { ...vars, party: party.name }) : texts(lang, 'poll.notice.reminder', vars);
      const view = memberView(poll, body, null, await participation(services, poll), lang, intro);
      return { ...view, visibility: 'conversation' };
    },
  };
}
