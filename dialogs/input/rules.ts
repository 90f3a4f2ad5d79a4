/**
 * The rules of input rounds, written once for the dialog, the service, the jobs and the
 * templates: a round's phase and what the secretariat may do in it, when a round takes answers,
 * who changes a contribution, and what a new round or a new deadline must satisfy. Pure.
 */
import type { MemberDoc } from '../../models/member.js';
import type { RoundDoc } from '../../models/round.js';
import { canAdminister } from '../../src/permissions.js';
import { DEFAULT_REMINDERS } from './reminders.js';

export const MAX_TEXT = 4000;
export const MAX_THEMES = 20;
export const MAX_THEME_LENGTH = 80;

type Timed = Pick<RoundDoc, 'status' | 'deadline'>;

/** The secretariat runs rounds: opens, follows, reminds, moves the deadline, closes and reads free input. */
export function mayRunRounds(member: MemberDoc): boolean {
  return canAdminister(member);
}

export function isOpenNow(round: Timed, now = new Date()): boolean {
  return round.status === 'open' && round.deadline.getTime() > now.getTime();
}

/** Scheduled until it opens, open until it is closed or its deadline passes, then closed. */
export type Phase = 'scheduled' | 'open' | 'closed';

export function phaseOf(round: Timed, now = new Date()): Phase {
  if (round.status === 'scheduled') return 'scheduled';
  return isOpenNow(round, now) ? 'open' : 'closed';
}

/** Why a round takes no answer now (not opened yet, or closed); null while it does. */
export function answerBlock(round: Timed, now = new Date()): 'not_open_yet' | 'closed' | null {
  const phase = phaseOf(round, now);
  return phase === 'scheduled' ? 'not_open_yet' : phase === 'closed' ? 'closed' : null;
}

export type RoundStep = 'remind' | 'summary' | 'deadline' | 'close';

/** What the secretariat can do with a round in each phase, in the order it is offered. */
export function roundSteps(phase: Phase): RoundStep[] {
  if (phase === 'open') return ['remind', 'summary', 'deadline', 'close'];
  if (phase === 'scheduled') return ['deadline', 'close'];
  return ['summary', 'deadline'];
}

/** A member changes only their own contribution, and only while its round is open. */
export function changeBlock(contribution: { member: unknown }, member: Pick<MemberDoc, '_id'>, round: Timed | null, now = new Date()): 'not_yours' | 'closed' | null {
  if (String(contribution.member) !== String(member._id)) return 'not_yours';
  if (!round || !isOpenNow(round, now)) return 'closed';
  return null;
}

/**
 * Closed by the secretariat before the deadline, after the audience was invited: the parties
 * still missing are told. A scheduled round closed before it opened invited no one.
 */
export function closesEarly(round: Timed, byHand: boolean, now = new Date()): boolean {
  return byHand && round.status === 'open' && round.deadline.getTime() > now.getTime();
}

/** What is wrong with a deadline: in the past, or not after the opening; null when it will do. */
export function deadlineProblem(deadline: Date, opensAt: Date | null, now = new Date()): 'past' | 'beforeOpen' | null {
  if (deadline <= now) return 'past';
  if (opensAt && deadline <= opensAt) return 'beforeOpen';
  return null;
}

/** Splits the themes typed as lines or comma-separated text. */
export function parseThemes(text: string | undefined): string[] {
  if (!text) return [];
  return [
    ...new Set(
      text
        .split(/[\n,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function themesFit(themes: string[]): boolean {
  return themes.length <= MAX_THEMES && themes.every((th) => th.length <= MAX_THEME_LENGTH);
}

/** The reminders chosen in the form: «none» for none, nothing chosen for the usual ones. */
export function remindersFrom(choice: readonly string[]): string[] {
  if (choice.includes('none')) return [];
  return choice.length ? [...choice] : DEFAULT_REMINDERS;
}
