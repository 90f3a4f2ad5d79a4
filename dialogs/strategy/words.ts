/** Words the strategy's views share: stances, answers, states and the message for each broken rule. */
import { STANCES, type FeedbackDoc, type Stance } from '../../models/feedback.js';
import type { VersionDoc } from '../../models/strategy.js';
import { formatDateTime } from '../../src/time.js';
import type { Lang, Reply } from '../../src/ui.js';
import type { StrategyError } from './errors.js';
import type { StanceCounts } from './summary.js';
import { texts } from './texts.js';

/** Section text per block: well within Slack's 3,000 characters per section and Teams' card size. */
export const BLOCK_CHARS = 2500;

export const vid = (v: Pick<VersionDoc, '_id'>) => String(v._id);
export const priv = (text: string): Reply => ({ text, visibility: 'private' });

export function stanceLabel(s: Stance, lang: Lang): string {
  return texts(lang, 'strategy.type.stance', { stance: s });
}

export function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

/** «Støtter med endringer · kommentar: «…» · tekstforslag» */
export function answerText(f: Pick<FeedbackDoc, 'stance' | 'comment' | 'proposal'>, lang: Lang): string {
  const parts: string[] = [];
  if (f.stance) parts.push(stanceLabel(f.stance as Stance, lang));
  if (f.comment) parts.push(texts(lang, 'strategy.card.answerComment', { text: clip(f.comment, 160) }));
  if (f.proposal) parts.push(texts(lang, 'strategy.card.answerProposal'));
  return parts.join(' · ');
}

export function countsText(c: StanceCounts, lang: Lang): string {
  return STANCES.map((s) => `${stanceLabel(s, lang)} ${c[s]}`).join(' · ');
}

export function stateText(v: VersionDoc, lang: Lang): string {
  return texts(lang, 'strategy.status.version', { state: v.state, date: v.deadline ? formatDateTime(v.deadline, lang) : '' });
}

/** «Since Utkast 1: changed A; new B; unchanged C; removed D.» */
export function changesText(lang: Lang, prevLabel: string, r: { changed: string[]; added: string[]; unchanged: string[]; removed: string[] }): string {
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : texts(lang, 'strategy.card.none'));
  return texts(lang, 'strategy.reply.loadedChanges', { label: prevLabel, changed: list(r.changed), added: list(r.added), unchanged: list(r.unchanged), removed: list(r.removed) });
}

/** The message for a rule the member's input broke, in their language. */
export function errorText(lang: Lang, v: VersionDoc | null, e: StrategyError): string {
  const version = { title: v?.title ?? '', label: v?.label ?? '', date: v?.deadline ? formatDateTime(v.deadline, lang) : '' };
  switch (e.code) {
    case 'not_open':
      return texts(lang, 'strategy.error.notOpen', version);
    case 'deadline_passed':
      return texts(lang, 'strategy.error.deadlinePassed', version);
    case 'not_in_audience':
      return texts(lang, 'strategy.error.notInAudience');
    case 'too_long':
      return texts(lang, 'strategy.error.tooLong', { length: e.detail.length ?? '', max: e.detail.max ?? '' });
    case 'national_id':
      return texts(lang, 'strategy.error.nationalId');
    case 'no_sections':
      return texts(lang, 'strategy.error.noSections');
    case 'duplicate_heading':
      return texts(lang, 'strategy.error.duplicateHeading', { heading: e.detail.heading ?? '' });
    case 'no_title':
      return texts(lang, 'strategy.error.noTitle');
    case 'deadline_past':
      return texts(lang, 'strategy.error.deadlinePast');
    case 'no_audience':
      return texts(lang, 'strategy.error.noAudience');
    case 'not_found':
    case 'unknown_section':
      return texts(lang, 'strategy.error.unknownVersion');
  }
}
