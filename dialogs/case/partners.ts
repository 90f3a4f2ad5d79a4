/**
 * How a case hears from the partners: when the last party has decided, the case is done and the
 * proposer is told. The composition root registers these hooks for CASE_KIND with the partner
 * capability (onPartnerDecisions), so nothing here runs merely because a module was imported.
 */
import type { PartnerDecisionHooks } from '../partner/service.js';
import { tell } from './notify.js';
import { partnersDecided } from './service.js';

export const casePartnerHooks: PartnerDecisionHooks = {
  async onComplete(services, e) {
    const c = await partnersDecided(e.community, e.subject.id, e.progress.counts);
    if (c) await tell(services, c, 'partners_decided', null);
  },
};
