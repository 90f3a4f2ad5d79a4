/** What the partner capability runs in the background: the scheduled reminder and the fan-out notices. */
import type { MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { PartnerDecision, PartnerDecisionRequest } from '../../models/partner-decision.js';
import type { FanOutTemplate } from '../../src/fanout.js';
import type { JobHandler } from '../../src/scheduler.js';
import type { Services } from '../../src/services.js';
import type { Lang, Reply } from '../../src/ui.js';
import { PARTNER_ASK_TEMPLATE, PARTNER_REMIND_JOB, PARTNER_REMIND_TEMPLATE } from './names.js';
import { asked } from './rules.js';
import { progressOf, remindMissing } from './service.js';
import { partyNotice } from './views.js';

/** The scheduled reminder: its fan-out key is the job's key, so a job run twice reaches nobody twice. */
export function partnerJobs(services: Services): Record<string, JobHandler> {
  return {
    [PARTNER_REMIND_JOB]: async (data: { key: string; [k: string]: unknown }) => {
      const req = await PartnerDecisionRequest.findById(String(data.request));
      if (!req) return;
      await remindMissing(services, req.community, req._id, String(data.key));
    },
  };
}

/** Templates for the parties' members: the first notice, and reminders only to the missing. */
export function partnerTemplates(): Record<string, FanOutTemplate> {
  const build =
    (kind: 'ask' | 'remind') =>
    async (lang: Lang, member: MemberDoc, params: Record<string, string | number | boolean>): Promise<Reply | null> => {
      const req = await PartnerDecisionRequest.findById(String(params.request));
      if (!req || !asked(req, member.party)) return null;
      if (await PartnerDecision.exists({ request: req._id, party: member.party })) return null;
      const party = await Party.findById(member.party);
      if (!party) return null;
      const progress = await progressOf(req);
      return partyNotice(kind, lang, { requestId: String(req._id), title: req.subject.title, party: party.name, progress });
    };
  return { [PARTNER_ASK_TEMPLATE]: build('ask'), [PARTNER_REMIND_TEMPLATE]: build('remind') };
}
