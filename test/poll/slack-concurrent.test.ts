/**
 * 200 members click a vote button at the same moment, through the Slack adapter's real signed
 * HTTP endpoint, plus exact retries and double clicks of some of them: the tally is exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vote } from '../../models/vote.js';
import { PollService } from '../support/polls.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { addMembers, createPoll } from '../support/poll-helpers.js';
import { memoryLogger, type MemoryLog } from '../support/memory-log.js';
import { channelFor, postToSlackEndpoint, slackDriver, type SlackDriver } from '../support/slack-driver.js';
import { clickBody, postedButtons, type Button } from '../support/slack-clicks.js';

let t: TestApp;
let d: SlackDriver;
let logs: MemoryLog;

beforeAll(async () => {
  logs = memoryLogger();
  t = await startTestApp({ LOG_LEVEL: 'warn' }, { log: logs.log });
  await addMembers(t, 'ou-voss', 200, 'slack');
  d = await slackDriver(t); // every member known to the workspace, every body's channel bound
});
afterAll(async () => {
  await d?.close();
  await t?.close();
});

describe('200 concurrent votes through Slack', () => {
  it('are all counted once: retries and double clicks change nothing', { timeout: 240_000 }, async () => {
    const poll = await createPoll(t, 'ou-voss');
    await d.settle();
    const channel = channelFor('ou-voss');
    const posted = postedButtons(d.fake, channel, poll.question);
    expect(posted, 'the poll posted in the channel').toBeTruthy();
    const byOption = ['Modell A', 'Modell B', 'Modell C'].map((l) => posted!.buttons.find((b) => b.label === l)!);
    expect(byOption.every(Boolean)).toBe(true);

    const members = await (await import('../../models/member.js')).Member.find({ community: t.community._id, email: /^slack\./ }).sort({ _id: 1 });
    expect(members).toHaveLength(200);
    const click = (email: string, button: Button, actionTs: string) => clickBody(d.fake, { email, button, channel, messageTs: '1790000000.000100', actionTs });

    const expected = [0, 0, 0];
    const bodies: string[] = [];
    members.forEach((m, i) => {
      expected[i % 3]!++;
      bodies.push(click(m.email, byOption[i % 3]!, `1790000001.${String(i).padStart(6, '0')}`));
    });
    // Slack retries of 30 requests (identical bodies), and 30 double clicks (a new action each, same button).
    const retries = bodies.slice(0, 30);
    const doubles = members.slice(30, 60).map((m, i) => click(m.email, byOption[(i + 30) % 3]!, `1790000002.${String(i).padStart(6, '0')}`));
    const all = [...bodies, ...retries, ...doubles];

    const started = Date.now();
    const responses = await Promise.all(all.map((b) => postToSlackEndpoint(d.baseUrl, b, 'application/x-www-form-urlencoded')));
    expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    await d.settle();
    const took = Date.now() - started;

    // No turn failed on the way (a busy database included): every click reached its vote.
    const failures = logs
      .text()
      .split('\n')
      .filter((l) => l.includes('"level":50'))
      .map((l) => JSON.parse(l) as { msg: string; err?: { message?: string } })
      .map((j) => `${j.msg}: ${j.err?.message ?? ''}`);
    expect(failures).toEqual([]);
    expect(await Vote.countDocuments({ poll: poll._id })).toBe(200);
    const tally = await PollService.for(t.app.services).tally(poll);
    expect(tally.counts.map((c) => c.count)).toEqual(expected);
    // Every voter was told privately, and nobody was told something went wrong.
    const answers = d.fake.calls.filter((c) => c.method === 'response_url' || c.method === 'chat.postEphemeral').map((c) => JSON.stringify(c.args));
    expect(answers.filter((a) => a.includes('registrert')).length).toBeGreaterThanOrEqual(200);
    expect(answers.some((a) => /gikk galt|gjekk gale/.test(a))).toBe(false);
    console.log(`${all.length} signed requests (200 voters) handled in ${took} ms`);
  });
});
