/**
 * Votes in a channel, through the Slack adapter over real HTTP (signed `block_actions`).
 *
 * 1. Click → HTTP 200 for 1, 50 and 200 voters clicking at once. Baseline: a bare @slack/bolt app
 *    in this process that acks and does one upsert on the same database. Slack shows the member an
 *    error after 3 s without an answer.
 * 2. A burst of votes on one poll with 10 % of them redelivered and 10 % double clicked: the final
 *    tally must be exact, the channel message must show it soon, and be updated at most every 2 s.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp } from '@slack/bolt';
import mongoose, { Types } from 'mongoose';
import { Member } from '../models/member.js';
import { Vote } from '../models/vote.js';
import { PollService } from '../test/support/polls.js';
import { addMembers, createPoll } from '../test/support/poll-helpers.js';
import { clickBody, postedButtons, type Button } from '../test/support/slack-clicks.js';
import { channelFor, postToSlackEndpoint, TEST_SIGNING_SECRET } from '../test/support/slack-driver.js';
import { ms, percentile, record, scale, startBenchApp, until, type BenchApp } from './lib.js';

const BODY = 'ou-voss';

/** A bare Bolt app on its own port: ack, then one upsert — the least any vote handler does. */
async function startBaseline(): Promise<{ url: string; close(): Promise<void> }> {
  const votes = mongoose.connection.db!.collection('bench_baseline_votes');
  await votes.createIndex({ poll: 1, voter: 1 }, { unique: true });
  // authorize answers locally: the baseline must not wait on any Web API call.
  const bolt = new BoltApp({ signingSecret: TEST_SIGNING_SECRET, authorize: async () => ({ botToken: 'xoxb-baseline', botId: 'B0BASE', botUserId: 'U0BASE' }) });
  const pending = new Set<Promise<unknown>>();
  bolt.action({ type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    const b = body as { user: { id: string }; actions: { value?: string }[] };
    const p = votes.updateOne({ poll: 'baseline', voter: b.user.id }, { $set: { choice: b.actions[0]?.value ?? '' } }, { upsert: true });
    pending.add(p);
    await p.finally(() => pending.delete(p));
  });
  const server = (await bolt.start(0)) as http.Server;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await Promise.allSettled([...pending]);
      await bolt.stop();
    },
  };
}

async function clickAll(url: string, bodies: string[]): Promise<number[]> {
  return Promise.all(
    bodies.map(async (b) => {
      const t0 = ms();
      const r = await postToSlackEndpoint(url, b, 'application/x-www-form-urlencoded');
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`a click got HTTP ${r.status}`);
      return ms() - t0;
    }),
  );
}

async function pollButtons(t: BenchApp, channel: string) {
  const poll = await createPoll(t, BODY);
  await t.slack.settle();
  const posted = postedButtons(t.slack.fake, channel, poll.question);
  if (!posted) throw new Error('the poll was not posted in its channel');
  return { poll, ...posted };
}

export async function voteLatency(): Promise<void> {
  console.log('\nVote click → HTTP 200 (Slack block_actions, signed, real HTTP)');
  const t = await startBenchApp({}, { before: (x) => addMembers(x, BODY, 200, 'bench') });
  const channel = channelFor(BODY);
  const voters = await Member.find({ community: t.community._id, email: /^bench\./ }).sort({ _id: 1 });
  const baseline = await startBaseline();
  try {
    const { buttons, ts } = await pollButtons(t, channel);
    let n = 0;
    const bodies = (count: number) =>
      voters
        .slice(0, count)
        .map((m, i) =>
          clickBody(t.slack.fake, { email: m.email, button: buttons[(i + n) % buttons.length]!, channel, messageTs: ts, actionTs: `1790${String(++n).padStart(6, '0')}.000001` }),
        );
    for (const c of [1, 50, 200]) {
      const rounds = c === 1 ? scale(30, 100) : c === 50 ? scale(4, 10) : scale(2, 5);
      const ours: number[] = [];
      const base: number[] = [];
      // Interleaved, so load from elsewhere on the machine hits both alike.
      for (let r = 0; r < rounds; r++) {
        ours.push(...(await clickAll(t.app.http.url, bodies(c))));
        await t.slack.settle();
        base.push(...(await clickAll(baseline.url, bodies(c))));
      }
      const p99 = percentile(ours, 99);
      const b99 = percentile(base, 99);
      record({ name: `${c} at once: p50`, value: percentile(ours, 50), unit: 'ms', baseline: { name: 'bare Bolt', value: percentile(base, 50) } });
      record({ name: `${c} at once: p99`, value: p99, unit: 'ms', baseline: { name: 'bare Bolt', value: b99 }, goal: '≤ 1.3× baseline', met: p99 <= 1.3 * b99 });
      const max = Math.max(...ours);
      record({ name: `${c} at once: max`, value: max, unit: 'ms', baseline: { name: 'bare Bolt', value: Math.max(...base) }, goal: '< 3000 ms', met: max < 3000 });
    }
  } finally {
    await baseline.close();
    await t.close();
  }
}

export async function voteBurst(): Promise<void> {
  const N = scale(300, 1000);
  const OTHER_VOTES = 20_000;
  console.log(`\n${N} votes in a burst on one poll, + 10 % redelivered and 10 % double clicks, with ${OTHER_VOTES.toLocaleString('en')} votes of other polls stored`);
  const t = await startBenchApp({}, { before: (x) => addMembers(x, BODY, N, 'burst') });
  // A year of other polls: the burst must cost the same in a database that has been in use.
  for (let i = 0; i < OTHER_VOTES; i += 2000) {
    await Vote.collection.insertMany(
      Array.from({ length: 2000 }, (_, j) => ({ poll: new Types.ObjectId(), voterKey: `old-${i + j}`, community: t.community._id, choices: ['a'] })),
    );
  }
  const channel = channelFor(BODY);
  const voters = await Member.find({ community: t.community._id, email: /^burst\./ }).sort({ _id: 1 });
  try {
    const { poll, buttons, ts } = await pollButtons(t, channel);
    const choice = (i: number): Button => buttons[i % 3]!;
    const expected = [0, 0, 0];
    const bodies = voters.map((m, i) => {
      expected[i % 3]!++;
      return clickBody(t.slack.fake, { email: m.email, button: choice(i), channel, messageTs: ts, actionTs: `1791${String(i).padStart(6, '0')}.000001` });
    });
    const tenth = Math.floor(N / 10);
    const redelivered = bodies.slice(0, tenth);
    const doubles = voters
      .slice(tenth, 2 * tenth)
      .map((m, i) => clickBody(t.slack.fake, { email: m.email, button: choice(i + tenth), channel, messageTs: ts, actionTs: `1792${String(i).padStart(6, '0')}.000001` }));
    const updatesBefore = t.slack.fake.calls.length;
    const started = Date.now();
    const acks = await clickAll(t.app.http.url, [...bodies, ...redelivered, ...doubles]);
    const shows = (text: string) => expected.every((n) => new RegExp(`(^|\\D)${n}(\\D|$)`).test(text)) && new RegExp(`(^|\\D)${N}(\\D|$)`).test(text);
    const updates = () => t.slack.fake.calls.slice(updatesBefore).filter((c) => c.method === 'chat.update' && c.args.channel === channel && c.args.ts === ts);
    await until(() => updates().some((c) => shows(JSON.stringify(c.args.blocks ?? c.args.text))), 180_000, 100);
    await t.slack.settle();
    const final = updates().find((c) => shows(JSON.stringify(c.args.blocks ?? c.args.text)));
    const tally = await PollService.for(t.app.services).tally(poll);
    const counted = tally.counts.map((c) => c.count);
    const lost = expected.reduce((s, n, i) => s + Math.max(0, n - (counted[i] ?? 0)), 0);
    const doubled = expected.reduce((s, n, i) => s + Math.max(0, (counted[i] ?? 0) - n), 0);
    record({ name: 'votes lost', value: lost, unit: '', goal: '0', met: lost === 0 });
    record({ name: 'votes counted twice', value: doubled + Math.max(0, (await Vote.countDocuments({ poll: poll._id })) - N), unit: '', goal: '0', met: doubled === 0 });
    record({ name: 'slowest ack in the burst', value: Math.max(...acks), unit: 'ms', goal: '< 3000 ms', met: Math.max(...acks) < 3000 });
    const shown = final ? final.at - started : NaN;
    record({ name: 'first click → channel shows the final tally', value: shown, unit: 'ms' });
    const times = updates().map((c) => c.at);
    const gaps = times.slice(1).map((x, i) => x - times[i]!);
    const minGap = gaps.length ? Math.min(...gaps) : Infinity;
    record({ name: 'channel updates', value: times.length, unit: 'updates' });
    record({ name: 'shortest time between two channel updates', value: minGap, unit: 'ms', goal: '≥ 2000 ms', met: minGap >= 1990 });
  } finally {
    await t.close();
  }
}
