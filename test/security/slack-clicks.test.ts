/**
 * Clicks through Slack's signed HTTP endpoint: a platform redelivery has no second effect, a
 * member's every click is an intent that counts and gets an answer, and what is kept to tell a
 * redelivery apart identifies no voter in an anonymous poll.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Draft } from '../../models/draft.js';
import { ProcessedEvent } from '../../models/processed-event.js';
import { Vote } from '../../models/vote.js';
import type { PollDoc } from '../../models/poll.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createPoll, votingMember, submitBallot } from '../support/poll-helpers.js';
import { clickBody, postedButtons, type Button } from '../support/slack-clicks.js';
import { channelFor, postToSlackEndpoint, slackDriver, userIdFor, type SlackDriver } from '../support/slack-driver.js';

let t: TestApp;
let d: SlackDriver;

beforeAll(async () => {
  t = await startTestApp();
  d = await slackDriver(t);
  voter = await votingMember(t, 'ssu');
});
afterAll(async () => {
  await d?.close();
  await t?.close();
});

async function pollButtons(poll: PollDoc, bodyKey: string): Promise<Map<string, Button>> {
  await d.settle();
  const posted = postedButtons(d.fake, channelFor(bodyKey), poll.question);
  return new Map(posted!.buttons.map((b) => [b.label, b]));
}

let ts = 1790000100;
const click = (email: string, bodyKey: string, button: Button, actionTs = `${++ts}.000200`): string =>
  clickBody(d.fake, { email, button, channel: channelFor(bodyKey), messageTs: '1790000000.000900', actionTs });

const answersSince = (mark: number) =>
  d.fake.calls
    .slice(mark)
    .filter((c) => c.method === 'response_url' || c.method === 'chat.postEphemeral')
    .map((c) => JSON.stringify(c.args));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let voter = '';

describe('clicks on Slack', () => {
  it('a quick change of mind (B, A, B) ends on B, and every click is answered', async () => {
    const poll = await createPoll(t, 'ssu', { question: 'Rask omtanke: kva modell?' });
    const buttons = await pollButtons(poll, 'ssu');
    const mark = d.fake.calls.length;
    for (const label of ['Modell B', 'Modell A', 'Modell B']) {
      const res = await postToSlackEndpoint(d.baseUrl, click(voter, 'ssu', buttons.get(label)!), 'application/x-www-form-urlencoded');
      expect(res.status).toBe(200);
      await sleep(600);
    }
    await d.settle();
    const votes = await Vote.find({ poll: poll._id }).lean();
    expect(votes.map((v) => v.choices)).toEqual([['2']]);
    expect(answersSince(mark)).toHaveLength(3);
  });

  it('clicks that arrive out of order (two instances, one slow) end on the one clicked last', async () => {
    const poll = await createPoll(t, 'ssu', { question: 'Seint fram: kva modell?' });
    const buttons = await pollButtons(poll, 'ssu');
    const mark = d.fake.calls.length;
    // C was clicked after A, but A's request is handled second.
    const later = click(voter, 'ssu', buttons.get('Modell C')!, '1790000500.000200');
    const earlier = click(voter, 'ssu', buttons.get('Modell A')!, '1790000499.000200');
    for (const b of [later, earlier]) {
      expect((await postToSlackEndpoint(d.baseUrl, b, 'application/x-www-form-urlencoded')).status).toBe(200);
      await d.settle();
    }
    expect((await Vote.find({ poll: poll._id }).lean()).map((v) => v.choices)).toEqual([['3']]);
    const told = answersSince(mark);
    expect(told).toHaveLength(2);
    expect(told[1]).toMatch(/gjelder allerede: «Modell C»|gjeld alt: «Modell C»/);
  });

  it('a redelivery of the same click has no second effect and no second answer', async () => {
    const poll = await createPoll(t, 'ssu', { question: 'Omlevering: kva modell?' });
    const buttons = await pollButtons(poll, 'ssu');
    const mark = d.fake.calls.length;
    const body = click(voter, 'ssu', buttons.get('Modell C')!);
    for (let i = 0; i < 3; i++) expect((await postToSlackEndpoint(d.baseUrl, body, 'application/x-www-form-urlencoded')).status).toBe(200);
    await d.settle();
    expect(answersSince(mark)).toHaveLength(1);
    expect((await Vote.find({ poll: poll._id }).lean()).map((v) => v.choices)).toEqual([['3']]);
  });

  it('in an anonymous poll, nothing kept about a click identifies the voter or the choice, and claims expire soon', async () => {
    const poll = await createPoll(t, 'ssu', { question: 'Anonymt via Slack', anonymous: true });
    const buttons = await pollButtons(poll, 'ssu');
    const before = Date.now();
    await ProcessedEvent.deleteMany({});
    const uid = userIdFor(voter);
    const bodies = ['Modell A', 'Modell C'].map((l) => click(voter, 'ssu', buttons.get(l)!));
    for (const b of bodies) await postToSlackEndpoint(d.baseUrl, b, 'application/x-www-form-urlencoded');
    await d.settle();
    const votes = await Vote.find({ poll: poll._id }).lean();
    expect(votes.map((v) => v.choices)).toEqual([['3']]);
    // The ballot's id says nothing about when it was cast.
    const created = votes[0]!._id.getTimestamp().getTime();
    expect(created < before - 24 * 3600_000 || created > Date.now() + 24 * 3600_000).toBe(true);

    const claims = await ProcessedEvent.find({}).lean();
    expect(claims.length).toBeGreaterThan(0);
    const values = [...buttons.values()].map((b) => b.value);
    for (const c of claims) {
      const row = JSON.stringify(c);
      expect(row).not.toContain(uid);
      for (const v of values) expect(row).not.toContain(v);
      expect(row).not.toMatch(/1790000\d{3}/); // the click's action_ts
      // Other claims (the live tally's update windows) name the poll, never a voter.
      if (!c.key.startsWith('event:')) continue;
      expect(row).not.toContain(String(poll._id));
      // A claim only has to outlive the platform's retries.
      const expires = (c as { expiresAt?: Date }).expiresAt;
      expect(expires).toBeInstanceOf(Date);
      expect(expires!.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    }

    // A ballot form refused with errors is not kept as a draft: it would tie the member to a choice.
    const open = await createPoll(t, 'ssu', { anonymous: true, type: 'multiple', question: 'Anonymt fleirval', maxChoices: 1 });
    const refused = await submitBallot(t, voter, open, { choices: ['1', '2'] });
    expect(refused.rejectedForm).toBeTruthy();
    const kari = await t.member(voter);
    expect(await Draft.countDocuments({ member: kari._id })).toBe(0);
  });
});
