/**
 * Daylight saving: a meeting on Monday 30 March 2026 (summer time began Sunday 29 March) whose
 * notice and 2-day reminder fall in winter time, and one on Monday 26 October 2026 (winter time
 * began Sunday 25 October). Whole days are Oslo calendar days: the notice is at 09:00 Oslo time
 * two weeks before, whatever the offset to UTC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { createMeeting, jobPrefix } from '../../dialogs/meeting/service.js';
import { jobTimes } from '../../dialogs/meeting/schedule.js';
import { whenText } from '../../dialogs/meeting/views.js';
import { DEFAULT_SCHEDULE } from '../../models/meeting.js';
import { formatDateTime, parseDateTime } from '../../src/time.js';
import { startTestApp, type TestApp } from '../support/app.js';

const schedule = { ...DEFAULT_SCHEDULE, remindersBefore: [...DEFAULT_SCHEDULE.remindersBefore] };

describe('meeting times across daylight saving', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { runJobs: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('March: the meeting is in summer time, its notice and 2-day reminder in winter time', async () => {
    const start = parseDateTime('2026-03-30 09:00')!;
    const end = parseDateTime('2026-03-30 11:00')!;
    expect(start.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // CEST, UTC+2
    const times = jobTimes({ start, end, schedule });
    expect(times.notice.toISOString()).toBe('2026-03-16T08:00:00.000Z'); // CET, UTC+1: 09:00 in Oslo
    expect(times.reminders.map((d) => d.toISOString())).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-30T06:00:00.000Z']);
    expect(formatDateTime(times.notice, 'nb')).toBe('mandag 16. mars 2026 kl. 09:00');
    expect(formatDateTime(times.notice, 'nn')).toBe('måndag 16. mars 2026 kl. 09:00');
    expect(formatDateTime(times.notice, 'en')).toBe('Monday 16 March 2026 at 09:00');
    expect(formatDateTime(times.reminders[0]!, 'nb')).toBe('lørdag 28. mars 2026 kl. 09:00');
    expect(formatDateTime(times.reminders[1]!, 'nb')).toBe('mandag 30. mars 2026 kl. 08:00');
    expect(whenText({ start, end }, 'nb')).toBe('mandag 30. mars 2026 kl. 09:00–11:00');
    expect(whenText({ start, end }, 'nn')).toBe('måndag 30. mars 2026 kl. 09:00–11:00');
    expect(whenText({ start, end }, 'en')).toBe('Monday 30 March 2026 at 09:00–11:00');

    // Stored and scheduled in the database as those instants (created «before» the notice time).
    const body = await Body.findOne({ community: t.community._id, key: 'ssu' });
    const { meeting } = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: body!._id, title: 'SSU mars', start, end, schedule },
      now: new Date('2026-03-01T12:00:00Z'),
    });
    const pending = await t.app.scheduler.pending(jobPrefix(meeting!._id));
    expect(pending.map((p) => `${p.name} ${p.nextRunAt!.toISOString()}`).sort()).toEqual(
      [
        'samla:meeting:notice 2026-03-16T08:00:00.000Z',
        'samla:meeting:reminder 2026-03-28T08:00:00.000Z',
        'samla:meeting:reminder 2026-03-30T06:00:00.000Z',
        'samla:meeting:minutes 2026-03-30T10:00:00.000Z',
      ].sort(),
    );
  });

  it('October: the meeting is in winter time, its notice and 2-day reminder in summer time', async () => {
    const start = parseDateTime('26.10.2026 09:00')!;
    const end = parseDateTime('26.10.2026 10:30')!;
    expect(start.toISOString()).toBe('2026-10-26T08:00:00.000Z'); // CET, UTC+1
    const times = jobTimes({ start, end, schedule });
    expect(times.notice.toISOString()).toBe('2026-10-12T07:00:00.000Z'); // CEST: 09:00 in Oslo
    expect(times.reminders.map((d) => d.toISOString())).toEqual(['2026-10-24T07:00:00.000Z', '2026-10-26T07:00:00.000Z']);
    expect(formatDateTime(times.notice, 'nb')).toBe('mandag 12. oktober 2026 kl. 09:00');
    expect(formatDateTime(times.reminders[0]!, 'nn')).toBe('laurdag 24. oktober 2026 kl. 09:00');
    expect(formatDateTime(times.reminders[1]!, 'en')).toBe('Monday 26 October 2026 at 08:00');
    expect(whenText({ start, end }, 'nb')).toBe('mandag 26. oktober 2026 kl. 09:00–10:30');
    expect(times.minutes.toISOString()).toBe('2026-10-26T10:30:00.000Z');
  });
});
