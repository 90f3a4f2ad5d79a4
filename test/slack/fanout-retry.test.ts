/**
 * A fan-out rides out a bad moment at Slack: 429s and 500s are retried with back-off for as long
 * as the message is worth sending, every member gets it exactly once, and what finally fails is
 * shown to the secretariat in «status» with a button that sends it again. Real app over HTTP,
 * real database, the real Slack adapter; only the Slack Web API is the fake.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Community } from '../../models/community.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { FanOutRecipient } from '../../models/fanout.js';
import { capabilities } from '../../src/composition.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { roundMembers } from '../../dialogs/input/service.js';
import { openRound as openTestRound } from '../support/rounds.js';
import type { Dialog } from '../../src/dialog.js';
import type { Lang } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { texts } from '../support/driver.js';
import { FAKE_TEAM_ID, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { dmOf, slackDriver, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, userIdFor, type SlackDriver } from '../support/slack-driver.js';
import { until } from '../support/wait.js';

const INVITE: Record<Lang, string> = { nb: 'Du er invitert til innspillsrunden', nn: 'Du er invitert til innspelsrunden', en: 'You are invited to the input round' };

/** Stands in for a capability's invitation. */
const inviteDialog: Dialog = {
  id: 'retrytest',
  commands: { nb: ['retrytest'], nn: ['retrytest'], en: ['retrytest'] },
  templates: () => ({ 'retrytest:invite': async (lang) => ({ text: INVITE[lang] }) }),
};

let fake: FakeSlack;
let t: TestApp;
let slack: SlackDriver;
let everyone: MemberDoc[];

beforeAll(async () => {
  fake = await startFakeSlack();
  t = await startTestApp(
    { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl, FANOUT_PER_SECOND: '40' },
    { dialogs: [...capabilities(), inviteDialog] },
  );
  await Community.updateOne({ _id: t.community._id }, { $set: { slackTeamIds: [FAKE_TEAM_ID] } });
  slack = await slackDriver(t, fake);
  everyone = await Member.find({ community: t.community._id }).sort({ email: 1 });
}, 60_000);
afterAll(async () => {
  await slack?.close();
  await t?.close();
  await fake?.close();
});

let mark = 0;
beforeEach(() => {
  mark = fake.calls.length;
});
/** The invitations Slack accepted for the member since the test began. */
const invitationsTo = (m: MemberDoc) =>
  fake.calls
    .slice(mark)
    .filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.status === 200 &&
        !c.error &&
        c.args.channel === dmOf(userIdFor(m.email)) &&
        Object.values(INVITE).some((s) => String(c.args.text).includes(s)),
    );

async function finished(key: string, timeoutMs: number) {
  return until(
    `fan-out ${key} to finish`,
    async () => {
      const p = await t.app.services.fanout.progress(key);
      return p.pending + p.sending === 0 && p;
    },
    timeoutMs,
  );
}

describe('fan-out through a bad moment at Slack', () => {
  /** Opens an input round for the municipalities: its invitations go out through the fan-out. */
  async function openRound(title: string): Promise<{ key: string; audience: MemberDoc[] }> {
    const round = await openTestRound(t, { title, question: 'Korleis bør samhandlinga om utskrivingsklare pasientar gå føre seg?' });
    return { key: `round:${String(round._id)}:invite`, audience: await roundMembers(round) };
  }
  const invitedTo = (title: string, m: MemberDoc) =>
    fake.calls
      .slice(mark)
      .filter((c) => c.method === 'chat.postMessage' && c.status === 200 && !c.error && c.args.channel === dmOf(userIdFor(m.email)) && JSON.stringify(c.args).includes(title));

  it('429s with Retry-After 2 s for 8 s: every member gets exactly one invitation', async () => {
    fake.outage(429, 8_000, { retryAfterSeconds: 2 });
    const { key, audience } = await openRound('Runde under 429');
    expect(audience.length).toBeGreaterThan(20);
    const p = await finished(key, 90_000);
    expect(p).toMatchObject({ sent: audience.length, failed: 0 });
    for (const m of audience) expect(invitedTo('Runde under 429', m), m.email).toHaveLength(1);
  }, 120_000);

  it('500s for 10 s: every member gets exactly one invitation', async () => {
    fake.outage(500, 10_000);
    const { key, audience } = await openRound('Runde under 500');
    const p = await finished(key, 90_000);
    expect(p).toMatchObject({ sent: audience.length, failed: 0 });
    for (const m of audience) expect(invitedTo('Runde under 500', m), m.email).toHaveLength(1);
  }, 120_000);

  it('a message no longer worth sending is not sent late: it fails when its time is up', async () => {
    const key = `retrytest:late:${Date.now()}`;
    const few = everyone.slice(0, 3);
    fake.outage(503, 8_000);
    await t.app.services.fanout.start({ key, template: 'retrytest:invite', members: few.map((m) => m._id), until: new Date(Date.now() + 2_000) });
    const p = await finished(key, 30_000);
    expect(p).toMatchObject({ sent: 0, failed: 3 });
    await new Promise((r) => setTimeout(r, 8_500));
    for (const m of few) expect(invitationsTo(m)).toHaveLength(0);
  }, 60_000);

  it('one member whose messages keep failing does not hold up everyone else', async () => {
    const key = `retrytest:one:${Date.now()}`;
    const few = everyone.slice(0, 12);
    const stuck = few[0]!;
    fake.outage(500, 60_000, { methods: ['chat.postMessage'], channels: [dmOf(userIdFor(stuck.email))] });
    try {
      const started = Date.now();
      await t.app.services.fanout.start({ key, template: 'retrytest:invite', members: few.map((m) => m._id), until: new Date(Date.now() + 25_000) });
      await until('the others to get theirs', async () => (await t.app.services.fanout.progress(key)).sent === few.length - 1, 20_000);
      expect(Date.now() - started).toBeLessThan(15_000);
      for (const m of few.slice(1)) expect(invitationsTo(m), m.email).toHaveLength(1);
      expect(await finished(key, 30_000)).toMatchObject({ sent: few.length - 1, failed: 1 });
    } finally {
      fake.outage(500, 0);
      await t.app.services.fanout.cancel(key);
    }
  }, 60_000);

  it('a permanent failure shows in the secretariat’s status, and «Send again» delivers it', async () => {
    const key = `retrytest:perm:${Date.now()}`;
    const secretariat = await slack.user(DEMO_SECRETARIAT_EMAIL);
    // Others than in the tests above, whose failures the dashboard shows too.
    const few = everyone.filter((m) => m.email !== DEMO_SECRETARIAT_EMAIL).slice(-2);
    fake.failAlways('chat.postMessage', 'restricted_action');
    try {
      await t.app.services.fanout.start({ key, template: 'retrytest:invite', members: few.map((m) => m._id), until: new Date(Date.now() + 3600_000) });
      expect(await finished(key, 20_000)).toMatchObject({ sent: 0, failed: 2 });
      // One try only: an answer like this does not change by asking again.
      expect(await FanOutRecipient.find({ key }).distinct('tries')).toEqual([0]);
    } finally {
      fake.failAlways('chat.postMessage', null);
    }

    const status = await secretariat.say('status');
    const shown = texts(status);
    for (const m of few) expect(shown).toContain(m.name);
    expect(Object.values(INVITE).some((s) => shown.includes(s))).toBe(true);

    await secretariat.click(/Send på nytt|Send again/);
    expect(await finished(key, 20_000)).toMatchObject({ sent: 2, failed: 0 });
    for (const m of few) expect(invitationsTo(m)).toHaveLength(1);

    // Delivered now: the status no longer lists it.
    const after = await secretariat.say('status');
    for (const m of few) expect(texts(after)).not.toContain(m.name);
    expect(after.flatMap((s) => s.buttons)).not.toContainEqual(expect.stringMatching(/Send på nytt|Send again/));
  }, 60_000);
});
