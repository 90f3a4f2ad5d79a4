/**
 * The strategy's rules, each in one place and free of data access: when a version takes
 * feedback, what counts as an answer, how a member moves through the sections, and what the
 * secretariat may do next.
 */
import { GENERAL, STANCES, type FeedbackDoc, type Stance } from '../../models/feedback.js';
import type { VersionDoc } from '../../models/strategy.js';
import type { ExportFormat } from '../../src/exports.js';

type Answer = Pick<FeedbackDoc, 'stance' | 'comment' | 'proposal'>;

/** Why the version takes no feedback now, or null when it does. */
export function feedbackClosed(v: Pick<VersionDoc, 'state' | 'deadline'>, now = new Date()): 'not_open' | 'deadline_passed' | null {
  if (v.state !== 'open') return 'not_open';
  if (!v.deadline || v.deadline.getTime() <= now.getTime()) return 'deadline_passed';
  return null;
}

export function isOpen(v: Pick<VersionDoc, 'state' | 'deadline'>, now = new Date()): boolean {
  return feedbackClosed(v, now) === null;
}

export function isStance(s: unknown): s is Stance {
  return STANCES.includes(s as Stance);
}

export function hasContent(f: Answer | undefined): boolean {
  return Boolean(f && (f.stance || f.comment || f.proposal));
}

export function answeredCount(v: Pick<VersionDoc, 'sections'>, mine: Map<string, Answer>): number {
  return v.sections.filter((s) => hasContent(mine.get(s.key))).length;
}

export function hasSection(v: Pick<VersionDoc, 'sections'>, key: string): boolean {
  return v.sections.some((s) => s.key === key);
}

/** The section after `key`, or GENERAL (the end) after the last. */
export function nextKey(v: Pick<VersionDoc, 'sections'>, key: string): string {
  const i = v.sections.findIndex((s) => s.key === key);
  const next = i >= 0 ? v.sections[i + 1] : undefined;
  return next ? next.key : GENERAL;
}

/** The section before `key`; from the end, the last section; never before the first. */
export function previousKey(v: Pick<VersionDoc, 'sections'>, key: string): string {
  if (key === GENERAL) return v.sections[v.sections.length - 1]!.key;
  const i = v.sections.findIndex((s) => s.key === key);
  return v.sections[Math.max(0, i - 1)]!.key;
}

/** How a section stands to the previous version's: new, changed or unchanged. */
export function changeSince(previous: { sections: { key: string }[] }, s: { key: string; changed: boolean }): 'new' | 'changed' | 'unchanged' {
  const was = previous.sections.find((p) => p.key === s.key);
  return !was ? 'new' : s.changed ? 'changed' : 'unchanged';
}

/** Political anchoring follows Partnerskapsmøtet's endorsement, once. */
export function mayAnchor(v: Pick<VersionDoc, 'decisions'>, alreadySent: boolean): boolean {
  return !alreadySent && (v.decisions ?? []).some((d) => d.kind === 'endorsed');
}

export type { ExportFormat };
export function exportFormat(f: string): ExportFormat {
  return f === 'xlsx' || f === 'md' || f === 'docx' ? f : 'csv';
}

/** The reminder must come before the deadline. */
export function reminderTooLate(reminder: Date | null, deadline: Date): boolean {
  return Boolean(reminder && reminder.getTime() >= deadline.getTime());
}

const NEW_WORDS = new Set(['ny', 'nytt', 'new', 'last', 'load']);
/** «strategi ny»: the secretariat wants to load a new draft. */
export function wantsNewDraft(args: string): boolean {
  return NEW_WORDS.has(args.trim().toLowerCase());
}

/** A version id as the buttons carry it. */
export function isObjectId(id: unknown): id is string {
  return typeof id === 'string' && /^[0-9a-f]{24}$/.test(id);
}

/** A button's argument as text ('' when it is not one). */
export function argText(a: Record<string, unknown> | undefined, name: string): string {
  const x = a?.[name];
  return typeof x === 'string' ? x : '';
}
