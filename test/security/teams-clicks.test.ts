/**
 * Teams: a quick change of mind (B, A, B, each click on its way before the previous one is
 * answered) ends on B, and every click is answered; a redelivered activity has no second effect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vote } from '../../models/vote.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createPoll, votingMember } from '../support/poll-helpers.js';
import { cardOf, channelId, findClick, teamsDriver, teamsIdentity, type TeamsDriver } from '../support/teams-driver.js';

let t: TestApp;
let d: TeamsDriver;
let voter = '';
beforeAll(async () => {
  t = await startTestApp();
  d = await teamsDriver(t);
  voter = await votingMember(t, 'ssu');
});
afterAll(async () => {
  await d?.close();
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('clicks on Teams', () => {
  it('B, A, B in quick succession ends on B, every click answered; a redelivery changes nothing', async () => {
    const poll = await createPoll(t, 'ssu', { question: 'Teams: rask omtanke' });
    const post = [...d.fake.log].reverse().find((e) => e.conversationId.startsWith(channelId('ssu')) && JSON.stringify(e.activity).includes(poll.question))!;
    const card = cardOf(post.activity)!;
    const value = (label: string) => findClick(card, label)!;
    const personal = teamsIdentity(voter).personalConversationId;
    const mark = d.fake.log.length;
    const acts = ['Modell B', 'Modell A', 'Modell B'].map((l) => d.message(voter, { value: value(l), replyToId: post.activityId }, { channel: 'ssu' }));
    const sent: Promise<{ status: number }>[] = [];
    for (const a of acts) {
      sent.push(d.post(a));
      await sleep(15);
    }
    expect((await Promise.all(sent)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await Vote.find({ poll: poll._id }).lean()).map((v) => v.choices)).toEqual([['2']]);
    const answers = () => d.fake.log.slice(mark).filter((e) => e.conversationId.startsWith(personal) && e.kind === 'send');
    expect(answers()).toHaveLength(3);
    // The platform sends the last activity again: no second answer, and the vote stays.
    await d.post(acts[2]!);
    expect(answers()).toHaveLength(3);
  });
});
