/**
 * The strategy dialog's jobs and fan-out templates: invitations when a period opens, reminders
 * only to members whose party has not responded (checked when each message is built, so a late
 * job never reminds a party that answered meanwhile), and closing at the deadline.
 */
import type { MemberDoc } from '../../models/member.js';
import { StrategyVersion } from '../../models/strategy.js';
import { audienceParties } from '../../src/audience.js';
import type { FanOutParams, FanOutTemplate } from '../../src/fanout.js';
import { claimOnce } from '../../src/once.js';
import type { JobHandler } from '../../src/scheduler.js';
import type { Services } from '../../src/services.js';
import { formatDateTime } from '../../src/time.js';
import { action } from '../../src/payload.js';
import type { Lang, Reply } from '../../src/ui.js';
import { D, JOB_CLOSE, JOB_REMIND, TEMPLATE_INVITE, TEMPLATE_REMIND } from './ids.js';
import { closeVersion, sendReminders } from './periods.js';
import { isOpen } from './rules.js';
import { audienceOf, respondedParties } from './service.js';
import { texts } from './texts.js';

export function strategyJobs(services: Services): Record<string, JobHandler> {
  return {
    [JOB_REMIND]: async (data) => {
      await sendReminders(services, String(data.version), Number(data.n ?? 0));
    },
    [JOB_CLOSE]: async (data) => {
      const v = await StrategyVersion.findById(String(data.version));
      // A deadline moved later leaves this job moved too (same key); a stale run finds the period still open and not due.
      if (!v || v.state !== 'open' || !v.deadline || v.deadline.getTime() > Date.now()) return;
      if (!(await closeVersion(services, v, null))) return;
      if (!v.openedBy || !(await claimOnce(`strategy:${String(v._id)}:closed-notice:${v.deadline.toISOString()}`))) return;
      const parties = await audienceParties(v.community, audienceOf(v));
      const responded = await respondedParties(v);
      await services.delivery.toMember(v.openedBy, (lang) => {
        const text = texts(lang, 'strategy.notice.closed', {
          title: v.title,
          label: v.label,
          responded: parties.filter((p) => responded.has(String(p._id))).length,
          parties: parties.length,
        });
        return {
          text,
          elements: [
            { type: 'section', text },
            { type: 'buttons', buttons: [{ label: texts(lang, 'strategy.button.overview', { label: v.label }), action: action(D, 'ov', { v: String(v._id) }) }] },
          ],
        };
      });
    },
  };
}

function notice(kind: 'invite' | 'remind') {
  return async (lang: Lang, member: MemberDoc, params: FanOutParams): Promise<Reply | null> => {
    const v = await StrategyVersion.findById(String(params.version));
    if (!v || !isOpen(v)) return null;
    // Reminders go only to members whose party has not responded yet.
    if (kind === 'remind' && (await respondedParties(v)).has(String(member.party))) return null;
    const text = texts(lang, kind === 'invite' ? 'strategy.notice.invite' : 'strategy.notice.remind', { title: v.title, label: v.label, date: formatDateTime(v.deadline!, lang) });
    return {
      text,
      elements: [
        { type: 'section', text },
        { type: 'buttons', buttons: [{ label: texts(lang, 'strategy.button.start'), action: action(D, 'go', { v: String(v._id) }), style: 'primary' }] },
      ],
    };
  };
}

export function strategyTemplates(): Record<string, FanOutTemplate> {
  return { [TEMPLATE_INVITE]: notice('invite'), [TEMPLATE_REMIND]: notice('remind') };
}
