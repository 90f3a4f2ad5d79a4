/**
 * A member the bot could not reach when a meeting notice went out (no address, and Slack does not
 * find them by e-mail) gets it when they first write to the bot — once, and only while the
 * meeting is still ahead. Their dashboard says what was waiting. Real app over HTTP, real
 * database, the real Slack adapter; only the Slack Web API is the fake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Address } from '../../models/address.js';
import { Body } from '../../models/body.js';
import { Community } from '../../models/community.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { createMeeting } from '../../dialogs/meeting/service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { texts } from '../support/driver.js';
import { FAKE_TEAM_ID, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { slackDriver, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, userIdFor, type SlackDriver } from '../support/slack-driver.js';
import { until } from '../support/wait.js';

let fake: FakeSlack;
let t: TestApp;
let slack: SlackDriver;

beforeAll(async () => {
  fake = await startFakeSlack();
  t = await startTestApp({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl, FANOUT_PER_SECOND: '50' });
  await Community.updateOne({ _id: t.community._id }, { $set: { slackTeamIds: [FAKE_TEAM_ID] } });
  slack = await slackDriver(t, fake);
}, 60_000);
afterAll(async () => {
  await slack?.close();
  await t?.close();
  await fake?.close();
});

const NOTICE = /Innkalling til møte|Notice of meeting/;

describe('a notice that could not be delivered', () => {
  it('reaches the member on first contact, once, and not for a meeting already held', async () => {
    const body = (await Body.findOne({ community: t.community._id, key: 'akutt' }))!;
    const onBody = await Member.find({ community: t.community._id, 'memberships.body': body._id }).sort({ email: 1 });
    const stranger = onBody.find((m) => m.memberships.some((x) => String(x.body) === String(body._id) && x.role === 'member')) as MemberDoc;
    const uid = userIdFor(stranger.email);
    // Never wrote to the bot, and Slack cannot find them by e-mail (yet).
    await Address.deleteMany({ community: t.community._id, member: stranger._id });
    fake.addUser(uid, null, stranger.name);

    const now = Date.now();
    const schedule = { noticeBefore: 7 * 24 * 3600, remindersBefore: [], minutesAfter: 3600 };
    const later = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: body._id, title: 'Møte om beredskap', start: new Date(now + 3 * 3600_000), end: new Date(now + 4 * 3600_000), schedule },
    });
    const soon = await createMeeting(t.app.services, {
      community: t.community._id,
      actor: null,
      input: { body: body._id, title: 'Kort statusmøte', start: new Date(now + 4000), end: new Date(now + 3600_000), schedule },
    });
    for (const m of [later.meeting!, soon.meeting!]) {
      const key = `meetingfan:${String(m._id)}:notice`;
      await until(
        `the notice of ${m.title} to go out`,
        async () => {
          const p = await t.app.services.fanout.progress(key);
          return p.sent > 0 && p.pending + p.sending === 0 && p;
        },
        30_000,
      );
      expect((await t.app.services.fanout.progress(key)).unreachable).toBe(1);
    }
    // «Kort statusmøte» is held before the member turns up.
    await until('the short meeting to start', () => Date.now() > soon.meeting!.start.getTime() + 200, 20_000);

    // First contact: Slack now knows their e-mail (users.info), so the bot stores their address.
    fake.addUser(uid, stranger.email, stranger.name);
    const member = await slack.user(stranger.email);
    const dashboard = texts(await member.say('status'));
    expect(dashboard).toContain('Møte om beredskap');
    expect(dashboard).not.toContain('Kort statusmøte');

    const inbox = await until(
      'the waiting notice',
      async () => {
        await slack.settle();
        const seen = await member.inbox();
        return seen.length > 0 && seen;
      },
      20_000,
    );
    const notices = inbox.filter((s) => NOTICE.test(s.text));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('Møte om beredskap');

    // A second message brings nothing more, and the meeting already held never comes.
    await member.say('hjelp');
    await new Promise((r) => setTimeout(r, 2500));
    await slack.settle();
    expect((await member.inbox()).filter((s) => NOTICE.test(s.text))).toEqual([]);
    expect((await t.app.services.fanout.progress(`meetingfan:${String(later.meeting!._id)}:notice`)).unreachable).toBe(0);
  }, 90_000);
});
