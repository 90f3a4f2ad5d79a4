/**
 * Members the bot could not reach when a meeting notice went out (Samla not yet installed in the
 * team, so no conversation stored for anyone) get it when the install stores the team's roster —
 * once, also when they then write to the bot. Real app over HTTP; only the Bot Framework
 * connector is the fake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Address } from '../../models/address.js';
import { Body } from '../../models/body.js';
import { Member } from '../../models/member.js';
import { createMeeting } from '../../dialogs/meeting/service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { texts } from '../support/driver.js';
import { seenOf, teamsDriver, teamsIdentity, type TeamsDriver } from '../support/teams-driver.js';
import { until } from '../support/wait.js';

let t: TestApp;
let d: TeamsDriver | undefined;

beforeAll(async () => {
  t = await startTestApp({ FANOUT_PER_SECOND: '50' });
});
afterAll(async () => {
  await d?.close();
  await t?.close();
});

const NOTICE = /Innkalling til møte|Notice of meeting/;

describe('Teams: a notice that waited for the install', () => {
  it('goes out when the roster is stored, once', { timeout: 90_000 }, async () => {
    expect(await Address.countDocuments({ community: t.community._id, kind: 'member' })).toBe(0);
    const body = (await Body.findOne({ community: t.community._id, key: 'ssu' }))!;
    const now = Date.now();
    const { meeting } = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: {
        body: body._id,
        title: 'SSU-møte i mars',
        start: new Date(now + 3 * 3600_000),
        end: new Date(now + 4 * 3600_000),
        schedule: { noticeBefore: 7 * 24 * 3600, remindersBefore: [], minutesAfter: 3600 },
      },
    });
    const key = `meetingfan:${String(meeting!._id)}:notice`;
    const waiting = await until(
      'the notice to find nobody reachable',
      async () => {
        const p = await t.app.services.fanout.progress(key);
        return p.unreachable > 0 && p.pending + p.sending === 0 && p;
      },
      30_000,
    );
    expect(waiting.sent).toBe(0);

    // Samla is installed in the team: the roster gives it a way to reach everyone.
    d = await teamsDriver(t);
    await until(
      'the waiting notices to go out',
      async () => {
        const p = await t.app.services.fanout.progress(key);
        return p.unreachable === 0 && p.pending + p.sending === 0 && p.sent === waiting.unreachable;
      },
      30_000,
    );

    const called = await Member.find({ community: t.community._id, 'memberships.body': body._id }).sort({ email: 1 });
    const someone = called.find((m) => !m.memberships.some((x) => x.role === 'secretariat'))!;
    // What reached their personal chat (the driver's setup has marked it read already).
    const notices = () =>
      d!.fake.log
        .filter((e) => e.kind === 'send' && e.conversationId === teamsIdentity(someone.email).personalConversationId)
        .map((e) => seenOf(e.activity))
        .filter((s) => NOTICE.test(s.text));
    expect(notices()).toHaveLength(1);
    expect(texts(notices())).toContain('SSU-møte i mars');

    // Writing to the bot afterwards brings no second copy.
    await (await d.user(someone.email)).say('hjelp');
    await new Promise((r) => setTimeout(r, 2000));
    expect(notices()).toHaveLength(1);
  });
});
