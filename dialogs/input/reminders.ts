/**
 * Reminder specs of a round: "7d", "2d", "2h", "30m" (before the deadline) or "08:00" (that
 * time on the deadline's day, Oslo time). Stored as specs, so moving the deadline moves them.
 */
import { TZDate } from '@date-fns/tz';
import { TZ } from '../../src/time.js';

/** The choices offered in the form, in order; the default is the seeds' practice. */
export const REMINDER_CHOICES = ['7d', '3d', '2d', '1d', '08:00', '2h'] as const;
export const DEFAULT_REMINDERS = ['7d', '2d', '08:00'];

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000 } as const;

export function isReminderSpec(s: string): boolean {
  return /^\d{1,3}[dhms]$/.test(s) || /^([01]\d|2[0-3]):[0-5]\d$/.test(s);
}

/** When a spec fires for a deadline, or null when it would not come before the deadline. */
export function reminderTime(deadline: Date, spec: string): Date | null {
  const before = /^(\d{1,3})([dhms])$/.exec(spec);
  if (before?.[2] === 'd') {
    // Calendar days on Oslo's clock: «7 days before» a 12:00 deadline is 12:00, also across summer time.
    const d = new TZDate(deadline.getTime(), TZ);
    d.setDate(d.getDate() - Number(before[1]));
    return new Date(d.getTime());
  }
  if (before) return new Date(deadline.getTime() - Number(before[1]) * UNIT_MS[before[2] as keyof typeof UNIT_MS]);
  const clock = /^(\d\d):(\d\d)$/.exec(spec);
  if (!clock) return null;
  const d = new TZDate(deadline.getTime(), TZ);
  const at = new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), Number(clock[1]), Number(clock[2]), 0, TZ);
  return at.getTime() < deadline.getTime() ? new Date(at.getTime()) : null;
}

/** The reminders still ahead: after `after` (now, or the opening) and before the deadline, each once. */
export function upcomingReminders(deadline: Date, specs: string[], after: Date): { spec: string; at: Date }[] {
  const seen = new Set<number>();
  const out: { spec: string; at: Date }[] = [];
  for (const spec of specs) {
    const at = reminderTime(deadline, spec);
    if (!at || at <= after || at >= deadline || seen.has(at.getTime())) continue;
    seen.add(at.getTime());
    out.push({ spec, at });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}
