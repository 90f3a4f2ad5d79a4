/** Words the strategy's views share: stances, answers, states and the message for each broken rule. */
import { STANCES, type FeedbackDoc, type Stance } from '../../models/feedback.js';
import type { VersionDoc } from '../../models/strategy.js';
import { formatDateTime } from '../../src/time.js';
import type { Lang, Reply } from '../../src/ui.js';
import type { StrategyError } from './errors.js';
import type { StanceCounts } from './summary.js';
import { t } from './texts.js';

/** Section text per block: well within Slack's 3,000 characters per section and Teams' card size. */
export const BLOCK_CHARS = 2500;

export const vid = (v: Pick<VersionDoc, '_id'>) => String(v._id);
export const priv = (text: string): Reply => ({ text, visibility: 'private' });

export function stanceLabel(s: Stance, lang: Lang): string {
  return t(lang, s);
}

export function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** «Støtter med endringer · kommentar: «…» · tekstforslag» */
export function answerText(f: Pick<FeedbackDoc, 'stance' | 'comment' | 'proposal'>, lang: Lang): string {
  const parts: string[] = [];
  if (f.stance) parts.push(stanceLabel(f.stance as Stance, lang));
  if (f.comment) parts.push(`${t(lang, 'commentShort')}: «${clip(f.comment, 160)}»`);
  if (f.proposal) parts.push(t(lang, 'proposalShort'));
  return parts.join(' · ');
}

export function countsText(c: StanceCounts, lang: Lang): string {
  return STANCES.map((s) => `${stanceLabel(s, lang)} ${c[s]}`).join(' · ');
}

export function stateText(v: VersionDoc, lang: Lang): string {
  if (v.state === 'open') return t(lang, 'state_open', { date: v.deadline ? formatDateTime(v.deadline, lang) : '' });
  return t(lang, v.state === 'closed' ? 'state_closed' : 'state_draft');
}

/** «Since Utkast 1: changed A; new B; unchanged C; removed D.» */
export function changesText(lang: Lang, prevLabel: string, r: { changed: string[]; added: string[]; unchanged: string[]; removed: string[] }): string {
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : t(lang, 'none'));
  return t(lang, 'loadedChanges', { label: prevLabel, changed: list(r.changed), added: list(r.added), unchanged: list(r.unchanged), removed: list(r.removed) });
}

/** The message for a rule the member's input broke, in their language. */
export function errorText(lang: Lang, v: VersionDoc | null, e: StrategyError): string {
  const vars = { title: v?.title ?? '', label: v?.label ?? '', date: v?.deadline ? formatDateTime(v.deadline, lang) : '' };
  switch (e.code) {
    case 'not_open':
      return t(lang, 'errNotOpen', vars);
    case 'deadline_passed':
      return t(lang, 'errDeadline', vars);
    case 'not_in_audience':
      return t(lang, 'errNotInAudience');
    case 'too_long':
      return t(lang, 'errTooLong', e.detail);
    case 'national_id':
      return t(lang, 'errNationalId');
    case 'no_sections':
      return t(lang, 'errNoSections');
    case 'duplicate_heading':
      return t(lang, 'errDuplicate', e.detail);
    case 'no_title':
      return t(lang, 'errNoTitle');
    case 'deadline_past':
      return t(lang, 'errDeadlinePast');
    case 'no_audience':
      return t(lang, 'errNoAudience');
    default:
      return t(lang, 'errUnknownVersion');
  }
}
