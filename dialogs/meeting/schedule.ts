/**
 * When a meeting's notice and reminders are due. Whole days are counted in Oslo calendar days,
 * so «14 days before a 09:00 meeting» is 09:00 on that day even across a daylight-saving change;
 * the rest of an offset is exact seconds.
 */
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import type { MeetingSchedule } from '../../models/meeting.js';
import { TZ } from '../../src/time.js';

const DAY = 24 * 3600;

/** The instant `seconds` before `at` (negative: after), whole days in Oslo wall-clock time. */
export function offsetBefore(at: Date, seconds: number, tz = TZ): Date {
  const sign = seconds < 0 ? -1 : 1;
  const abs = Math.abs(seconds);
  const days = Math.floor(abs / DAY);
  const rest = abs - days * DAY;
  const shifted = days ? new Date(addDays(new TZDate(at.getTime(), tz), -sign * days).getTime()) : at;
  return new Date(shifted.getTime() - sign * rest * 1000);
}

export interface JobTimes {
  notice: Date;
  reminders: Date[];
  minutes: Date;
}

export function jobTimes(m: { start: Date; end: Date; schedule: MeetingSchedule }): JobTimes {
  return {
    notice: offsetBefore(m.start, m.schedule.noticeBefore),
    reminders: m.schedule.remindersBefore.map((s) => offsetBefore(m.start, s)),
    minutes: offsetBefore(m.end, -m.schedule.minutesAfter),
  };
}
