/**
 * The catch-up rule: a reminder whose time passed while the bot was down is sent when it comes
 * back if the meeting has not started, and dropped otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { createMeeting, jobPrefix } from '../../dialogs/meeting/service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { record, type Sent } from './support.js';
import { until } from '../support/wait.js';

describe('meeting reminders after downtime', () => {
  let t: TestApp;
  let sent: Sent[];
  beforeAll(async () => {
    // The bot is «down»: jobs are stored but nobody runs them.
    t = await startTestApp({ FANOUT_PER_SECOND: '50' }, { runJobs: false });
    sent = record(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends the missed reminder of a meeting that has not started, and drops the one of a meeting that has', async () => {
    const body = await Body.findOne({ community: t.community._id, key: 'akutt' });
    const now = Date.now();
    const schedule = { noticeBefore: 3600, remindersBefore: [2], minutesAfter: 3600 };
    await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: body!._id, title: 'Seinare møte', start: new Date(now + 60_000), end: new Date(now + 120_000), schedule: { ...schedule, remindersBefore: [58] } },
    });
    const soon = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: body!._id, title: 'Snart møte', start: new Date(now + 3000), end: new Date(now + 3_600_000), schedule },
    });
    // Both reminders (at +2 s and +1 s) and the start of «Snart møte» pass while nothing runs.
    await until('the first meeting to start', () => Date.now() > soon.meeting!.start.getTime() + 200, 30_000);
    expect(sent).toEqual([]);

    await t.app.scheduler.start(); // the bot comes back
    await until('the missed reminder', () => sent.filter((s) => s.text.includes('Påminn') && s.text.includes('Seinare møte')).length === 3, 30_000);
    // Every job of the started meeting has run (none left pending) and sent nothing.
    await until(
      'the started meeting’s jobs to run',
      async () => (await t.app.scheduler.pending(jobPrefix(soon.meeting!._id))).every((p) => p.name === 'samla:meeting:minutes'),
      30_000,
    );
    await until('the later meeting’s notice', () => sent.filter((s) => s.text.includes('Innkalling') && s.text.includes('Seinare møte')).length >= 3, 30_000);
    expect(sent.filter((s) => s.text.includes('Snart møte'))).toEqual([]);
  });
});
