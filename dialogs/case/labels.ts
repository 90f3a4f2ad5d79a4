/** The words for a case's state, type, priority groups and steps, from the catalog. */
import type { CasePriorityGroup, CaseState, CaseType } from '../../models/case.js';
import type { Lang } from '../../src/ui.js';
import type { CaseStep } from './rules.js';
import { texts } from './texts.js';

const STATE = {
  submitted: 'case.state.submitted',
  returned: 'case.state.returned',
  accepted: 'case.state.accepted',
  rejected: 'case.state.rejected',
  decided: 'case.state.decided',
  at_partners: 'case.state.atPartners',
  partners_decided: 'case.state.partnersDecided',
  withdrawn: 'case.state.withdrawn',
} as const satisfies Record<CaseState, string>;

const TYPE = {
  planning: 'case.type.planning',
  priority: 'case.type.priority',
  project: 'case.type.project',
  agreement: 'case.type.agreement',
  other: 'case.type.other',
} as const satisfies Record<CaseType, string>;

const GROUP = {
  children: 'case.group.children',
  mental_health: 'case.group.mentalHealth',
  frail_elderly: 'case.group.frailElderly',
  chronic: 'case.group.chronic',
} as const satisfies Record<CasePriorityGroup, string>;

/** A step as it reads after «cannot be …». */
const STEP = {
  accept: 'case.step.accept',
  return: 'case.step.return',
  resubmit: 'case.step.resubmit',
  refer: 'case.step.refer',
  reject: 'case.step.reject',
  decide: 'case.step.decide',
  send_to_partners: 'case.step.sendToPartners',
  partners_done: 'case.step.partnersDone',
  withdraw: 'case.step.withdraw',
} as const satisfies Record<CaseStep, string>;

export function stateLabel(s: CaseState, lang: Lang): string {
  return texts(lang, STATE[s]);
}
export function typeLabel(t: CaseType, lang: Lang): string {
  return texts(lang, TYPE[t]);
}
export function groupLabel(g: CasePriorityGroup, lang: Lang): string {
  return texts(lang, GROUP[g]);
}
export function stepLabel(s: CaseStep, lang: Lang): string {
  return texts(lang, STEP[s]);
}
