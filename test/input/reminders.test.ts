/** Reminder specs of a round: days and hours before the deadline, and «08:00 on the day» in Oslo time. */
import { describe, expect, it } from 'vitest';
import { isReminderSpec, reminderTime, upcomingReminders } from '../../dialogs/input/reminders.js';
import { parseDateTime, toInputDateTime } from '../../src/time.js';

describe('reminder times', () => {
  const deadline = parseDateTime('2026-03-30 12:00')!; // Oslo summer time begins 29 March

  it('7 and 2 days before, and 08:00 Oslo time on the deadline day, across the change to summer time', () => {
    expect(toInputDateTime(reminderTime(deadline, '7d')!)).toBe('2026-03-23 12:00');
    expect(toInputDateTime(reminderTime(deadline, '2d')!)).toBe('2026-03-28 12:00');
    expect(toInputDateTime(reminderTime(deadline, '08:00')!)).toBe('2026-03-30 08:00');
    expect(toInputDateTime(reminderTime(deadline, '2h')!)).toBe('2026-03-30 10:00');
  });

  it('«08:00 on the day» is dropped when the deadline is earlier that morning', () => {
    expect(reminderTime(parseDateTime('2026-04-15 07:30')!, '08:00')).toBeNull();
  });

  it('only reminders still ahead and before the deadline are scheduled, each time once', () => {
    const now = parseDateTime('2026-03-27 09:00')!;
    const r = upcomingReminders(deadline, ['7d', '2d', '08:00', '48h'], now);
    expect(r.map((x) => toInputDateTime(x.at))).toEqual(['2026-03-28 11:00', '2026-03-28 12:00', '2026-03-30 08:00']);
  });

  it('accepts the specs the form and the settings use, and nothing else', () => {
    for (const s of ['7d', '2d', '08:00', '2h', '30m', '5s']) expect(isReminderSpec(s)).toBe(true);
    for (const s of ['', '7', 'd7', '25:00', '8:00', '7 days']) expect(isReminderSpec(s)).toBe(false);
  });
});
