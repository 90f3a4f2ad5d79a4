/**
 * Scheduling against the real database, seconds ahead: notice, reminders and the minutes
 * reminder arrive on time; moving reschedules every job (nothing fires for the old time);
 * cancelling leaves no job and tells the members.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { Member } from '../../models/member.js';
import { cancelMeeting, createMeeting, jobPrefix, setMeetingSchedule, updateMeeting } from '../../dialogs/meeting/service.js';
import { announceCancel, announceMove } from '../../dialogs/meeting/jobs.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { record, type Sent } from './support.js';
import { until } from '../support/wait.js';

describe('meeting jobs', () => {
  let t: TestApp;
  let sent: Sent[];
  let akutt: string;
  let called: string[];
  let secretariat: string[];
  beforeAll(async () => {
    t = await startTestApp({ FANOUT_PER_SECOND: '50' });
    sent = record(t);
    const body = await Body.findOne({ community: t.community._id, key: 'akutt' });
    akutt = String(body!._id);
    const members = await Member.find({ community: t.community._id, 'memberships.body': body!._id });
    called = members.filter((m) => m.memberships.some((x) => String(x.body) === akutt && x.role !== 'secretariat')).map((m) => m.email);
    secretariat = members.filter((m) => m.memberships.some((x) => String(x.body) === akutt && x.role === 'secretariat')).map((m) => m.email);
  });
  afterAll(async () => {
    await t?.close();
  });

  const to = (title: string, pattern: RegExp) => sent.filter((s) => s.text.includes(title) && pattern.test(s.text));

  it('the community’s offsets drive the jobs: notice, two reminders, then the minutes reminder to the secretariat', async () => {
    // Offsets per community, in seconds: notice 10 s, reminders 8 s and 5 s before; minutes 1 s after.
    // (A reminder still queued when the meeting starts is dropped by design, so leave some slack.)
    await setMeetingSchedule(t.community._id, { noticeBefore: 10, remindersBefore: [8, 5], minutesAfter: 1 });
    const start = new Date(Date.now() + 13_000);
    const { meeting } = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: akutt, title: 'Akuttmøte A', start, end: new Date(start.getTime() + 1000) },
    });
    const pending = await t.app.scheduler.pending(jobPrefix(meeting!._id));
    expect(pending.map((p) => [p.name, p.nextRunAt!.getTime() - start.getTime()]).sort()).toEqual(
      [
        ['samla:meeting:notice', -10_000],
        ['samla:meeting:reminder', -8000],
        ['samla:meeting:reminder', -5000],
        ['samla:meeting:minutes', 2000],
      ].sort(),
    );

    await until('the minutes reminder', () => to('Akuttmøte A', /referat/).length === secretariat.length, 30_000);
    const notices = to('Akuttmøte A', /Innkalling/);
    expect(
      notices
        .filter((s) => s.kind === 'member')
        .map((s) => s.to)
        .sort(),
    ).toEqual([...called].sort());
    expect(notices.filter((s) => s.kind === 'channel').map((s) => s.to)).toEqual([akutt]);
    // Each called member got both reminders, once each, before the meeting.
    const reminders = to('Akuttmøte A', /Påminn/);
    for (const e of called) expect(reminders.filter((s) => s.to === e)).toHaveLength(2);
    expect(
      to('Akuttmøte A', /referat/)
        .map((s) => s.to)
        .sort(),
    ).toEqual([...secretariat].sort());
    expect(await t.app.scheduler.pending(jobPrefix(meeting!._id))).toEqual([]);
  });

  it('moving a meeting moves every job: nothing fires for the old time, and the members are told', async () => {
    await setMeetingSchedule(t.community._id, { noticeBefore: 60, remindersBefore: [3], minutesAfter: 3600 });
    const start = new Date(Date.now() + 5000);
    const { meeting } = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: akutt, title: 'Akuttmøte B', start, end: new Date(start.getTime() + 3600_000) },
    });
    await until('the notice of B', () => to('Akuttmøte B', /Innkalling/).length > 0, 30_000);
    const later = new Date(start.getTime() + 3600_000);
    const r = await updateMeeting(t.app.services, {
      community: t.community._id,
      meetingId: meeting!._id,
      actor: null,
      patch: { start: later, end: new Date(later.getTime() + 3600_000) },
    });
    await announceMove(t.app.services, r.meeting!, start);
    const pending = await t.app.scheduler.pending(jobPrefix(meeting!._id));
    expect(pending.map((p) => [p.name, p.nextRunAt!.toISOString()]).sort()).toEqual(
      [
        ['samla:meeting:reminder', new Date(later.getTime() - 3000).toISOString()],
        ['samla:meeting:minutes', new Date(later.getTime() + 2 * 3600_000).toISOString()],
      ].sort(),
    );
    await until('the move message', () => to('Akuttmøte B', /flytt/).length >= called.length, 30_000);

    // A sentinel meeting whose reminder is due just after B's old reminder time: once it has
    // arrived, the scheduler has been past the old time, and B's old reminder must not have fired.
    // Its meeting starts well after its reminder (its own schedule), so a busy machine running the
    // reminder a little late never meets the rule that drops reminders of started meetings.
    const sentinelDue = Math.max(start.getTime() - 3000 + 500, Date.now() + 2000);
    const sentinelStart = new Date(sentinelDue + 20_000);
    await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: {
        body: akutt,
        title: 'Vaktmøte',
        start: sentinelStart,
        end: new Date(sentinelStart.getTime() + 3600_000),
        schedule: { noticeBefore: 60, remindersBefore: [20], minutesAfter: 3600 },
      },
    });
    await until('the sentinel reminder', () => to('Vaktmøte', /Påminn/).length === called.length, 30_000);
    expect(to('Akuttmøte B', /Påminn/)).toEqual([]);
  });

  it('cancelling removes every job of the meeting and tells the members and the channel', async () => {
    await setMeetingSchedule(t.community._id, { noticeBefore: 14 * 86400, remindersBefore: [2 * 86400, 3600], minutesAfter: 3600 });
    const start = new Date(Date.now() + 20 * 86400_000);
    const { meeting } = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: akutt, title: 'Akuttmøte C', start, end: new Date(start.getTime() + 3600_000) },
    });
    expect(await t.app.scheduler.pending(jobPrefix(meeting!._id))).toHaveLength(4);
    const cancelled = await cancelMeeting(t.app.services, { community: t.community._id, meetingId: meeting!._id, actor: null });
    await announceCancel(t.app.services, cancelled!);
    expect(await t.app.scheduler.pending(jobPrefix(meeting!._id))).toEqual([]);
    // A second cancel is a no-op.
    expect(await cancelMeeting(t.app.services, { community: t.community._id, meetingId: meeting!._id, actor: null })).toBeNull();
    await until('the cancellation', () => to('Akuttmøte C', /avlyst/).filter((s) => s.kind === 'member').length === called.length, 30_000);
    expect(to('Akuttmøte C', /avlyst/).filter((s) => s.kind === 'channel')).toHaveLength(1);
  });
});
