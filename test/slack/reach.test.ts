/**
 * Members who never wrote to the bot on Slack still get what jobs send them: delivery asks the
 * Slack adapter to find them by e-mail (users.lookupByEmail) and keeps the address it stores.
 * Real app over HTTP, real database; only the Slack Web API is the fake.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Address } from '../../models/address.js';
import { Community } from '../../models/community.js';
import type { MemberDoc } from '../../models/member.js';
import { Member } from '../../models/member.js';
import { capabilities } from '../../src/composition.js';
import type { Dialog } from '../../src/dialog.js';
import type { Lang } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { memoryLogger } from '../support/memory-log.js';
import { until } from '../support/wait.js';
import { FAKE_TEAM_ID, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { dmOf, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, userIdFor } from '../support/slack-driver.js';

const NOTICE: Record<Lang, string> = { nb: 'Ny innspillsrunde er åpen', nn: 'Ny innspelsrunde er open', en: 'A new input round is open' };

/** A fan-out template standing in for an input round's invitation. */
const noticeDialog: Dialog = {
  id: 'reachtest',
  commands: { nb: ['reachtest'], nn: ['reachtest'], en: ['reachtest'] },
  templates: () => ({ reachtest: async (lang) => ({ text: NOTICE[lang] }) }),
};

let fake: FakeSlack;
let t: TestApp;
const { log: appLog, lines: logLines } = memoryLogger('debug');

beforeAll(async () => {
  fake = await startFakeSlack();
  t = await startTestApp(
    { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl },
    { dialogs: [...capabilities(), noticeDialog], log: appLog },
  );
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

let mark = 0;
beforeEach(async () => {
  // The demo community is bound to the fake workspace, as after `communityFor` adopted it.
  await Community.updateOne({ _id: t.community._id }, { $set: { slackTeamIds: [FAKE_TEAM_ID] } });
  mark = fake.calls.length;
});
const callsSince = (method: string) => fake.calls.slice(mark).filter((c) => c.method === method);
const lookupsOf = (m: MemberDoc) => callsSince('users.lookupByEmail').filter((c) => String(c.args.email).toLowerCase() === m.email);
const dmsTo = (m: MemberDoc) => callsSince('chat.postMessage').filter((c) => c.args.channel === dmOf(userIdFor(m.email)));

/** Demo members, none of whom has written to the bot (no address yet), in a stable order. */
async function strangers(n: number): Promise<MemberDoc[]> {
  const withAddress = new Set((await Address.find({ community: t.community._id, kind: 'member' })).map((a) => String(a.member)));
  const all = await Member.find({ community: t.community._id }).sort({ email: 1 });
  const out = all.filter((m) => !withAddress.has(String(m._id))).slice(0, n);
  if (out.length < n) throw new Error('not enough demo members without an address');
  return out;
}

/** What the member should read, in their language (or the community's). */
async function noticeFor(m: MemberDoc): Promise<string> {
  const c = await Community.findById(t.community._id);
  return NOTICE[(m.lang ?? c?.defaultLang ?? 'nb') as Lang];
}

/** Slack knows the member (same e-mail in the workspace). */
const inWorkspace = (m: MemberDoc) => fake.addUser(userIdFor(m.email), m.email, m.name);

describe('Slack: reaching members who never wrote to the bot', () => {
  it('an input round invitation reaches them by DM; someone unknown to Slack is skipped without harming the others', async () => {
    const [anna, bjorn, cato] = await strangers(3);
    inWorkspace(anna!);
    inWorkspace(cato!);
    // Bjørn has no Slack account in the workspace.

    const key = `reachtest:${Date.now()}`;
    await t.app.services.fanout.start({ key, template: 'reachtest', members: [anna!._id, bjorn!._id, cato!._id] });
    const done = await until(
      'the fan-out to finish',
      async () => {
        const p = await t.app.services.fanout.progress(key);
        return p.pending + p.sending === 0 && p;
      },
      15_000,
    );

    expect(done.sent).toBe(2);
    for (const m of [anna!, cato!]) {
      expect(lookupsOf(m)).toHaveLength(1);
      const dms = dmsTo(m);
      expect(dms).toHaveLength(1);
      expect(dms[0]!.args.text).toContain(await noticeFor(m));
      // The address is stored as first contact would have stored it.
      const a = await Address.findOne({ community: t.community._id, platform: 'slack', kind: 'member', member: m._id });
      expect(a?.externalId).toBe(userIdFor(m.email));
      expect(a?.ref).toMatchObject({ userId: userIdFor(m.email) });
    }
    expect(lookupsOf(bjorn!)).toHaveLength(1);
    expect(lookupsOf(bjorn!)[0]!.error).toBe('users_not_found');
    expect(dmsTo(bjorn!)).toHaveLength(0);
    expect(await Address.countDocuments({ community: t.community._id, member: bjorn!._id })).toBe(0);

    // Not found is an answer, not a failure: nothing at error level, and no e-mail or name in any log line.
    const lines = logLines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    for (const m of [anna!, bjorn!, cato!]) {
      expect(logLines.join('\n')).not.toContain(m.email);
      expect(logLines.join('\n')).not.toContain(m.name);
    }
    expect(lines.some((l) => l.msg === 'member not found in the Slack workspace')).toBe(true);
  });

  it('the next message to a member found earlier uses the stored address: no second lookup', async () => {
    const [dina] = await strangers(1);
    inWorkspace(dina!);
    expect(await t.app.delivery.toMember(dina!, (lang) => ({ text: NOTICE[lang] }))).toMatchObject({ delivered: true, platform: 'slack' });
    expect(lookupsOf(dina!)).toHaveLength(1);

    const r = await t.app.delivery.toMember(dina!._id, () => ({ text: 'Påminning: fristen er i morgon' }));
    expect(r).toMatchObject({ delivered: true, platform: 'slack' });
    expect(lookupsOf(dina!)).toHaveLength(1);
    expect(dmsTo(dina!).map((c) => c.args.text)).toEqual([expect.stringContaining(await noticeFor(dina!)), expect.stringContaining('fristen er i morgon')]);
  });

  it('a fan-out opens each member’s DM at most once, and a second fan-out opens none', async () => {
    const members = await strangers(5);
    for (const m of members) inWorkspace(m);
    const run = async (key: string) => {
      await t.app.services.fanout.start({ key, template: 'reachtest', members: members.map((m) => m._id) });
      return until(
        'the fan-out to finish',
        async () => {
          const p = await t.app.services.fanout.progress(key);
          return p.pending + p.sending === 0 && p;
        },
        15_000,
      );
    };
    const opens = () => callsSince('conversations.open').length;
    expect((await run(`reachtest:dm1:${Date.now()}`)).sent).toBe(5);
    expect(opens()).toBeLessThanOrEqual(5);
    const first = opens();
    expect((await run(`reachtest:dm2:${Date.now()}`)).sent).toBe(5);
    expect(opens() - first).toBe(0);
    for (const m of members) expect(dmsTo(m)).toHaveLength(2);
  });

  it('a stored DM channel Slack no longer knows is opened again, and the message still arrives', async () => {
    const [gunn] = await strangers(1);
    inWorkspace(gunn!);
    expect(await t.app.delivery.toMember(gunn!, (lang) => ({ text: NOTICE[lang] }))).toMatchObject({ delivered: true });
    await Address.updateOne({ community: t.community._id, platform: 'slack', member: gunn!._id }, { $set: { 'ref.dm': 'D0GONE' } });
    fake.failNext('chat.postMessage', 'channel_not_found');
    expect(await t.app.delivery.toMember(gunn!._id, () => ({ text: 'Påminning' }))).toMatchObject({ delivered: true });
    expect(dmsTo(gunn!).map((c) => c.args.text)).toEqual([expect.stringContaining(await noticeFor(gunn!)), expect.stringContaining('Påminning')]);
    const a = await Address.findOne({ community: t.community._id, platform: 'slack', member: gunn!._id });
    expect((a?.ref as { dm?: string }).dm).toBe(dmOf(userIdFor(gunn!.email)));
  });

  it('two deliveries racing for the same new member store one address', async () => {
    const [eirik] = await strangers(1);
    inWorkspace(eirik!);
    const results = await Promise.all([1, 2, 3].map(() => t.app.delivery.toMember(eirik!._id, (lang) => ({ text: NOTICE[lang] }))));
    expect(results.every((r) => r.delivered)).toBe(true);
    expect(await Address.countDocuments({ community: t.community._id, platform: 'slack', kind: 'member', member: eirik!._id })).toBe(1);
    expect(dmsTo(eirik!)).toHaveLength(3);
  });

  it('a lookup answered 429 is retried after Retry-After and still reaches the member', async () => {
    const [frida] = await strangers(1);
    inWorkspace(frida!);
    fake.rateLimit('users.lookupByEmail', 1, 1);
    expect(await t.app.delivery.toMember(frida!, (lang) => ({ text: NOTICE[lang] }))).toMatchObject({ delivered: true, platform: 'slack' });
    expect(lookupsOf(frida!).map((c) => c.status)).toEqual([429, 200]);
    expect(dmsTo(frida!)).toHaveLength(1);
  });

  it('a community not bound to Slack never triggers a lookup', async () => {
    await Community.updateOne({ _id: t.community._id }, { $set: { slackTeamIds: [] } });
    const [gunn] = await strangers(1);
    inWorkspace(gunn!);
    const r = await t.app.delivery.toMember(gunn!, (lang) => ({ text: NOTICE[lang] }));
    expect(r.delivered).toBe(false);
    expect(callsSince('users.lookupByEmail')).toHaveLength(0);
    expect(callsSince('chat.postMessage')).toHaveLength(0);
  });
});
