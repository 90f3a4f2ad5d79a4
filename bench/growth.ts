/**
 * How the cost of everyday operations grows with the data a community piles up: a vote, a member
 * lookup and a `status` turn, with 200, 2,000 and 20,000 documents of other polls, members,
 * contributions and audit entries in the collections they touch. Baseline: the same operation at
 * 200 documents, in the same run. A flat curve (ratio ≈ 1) means the queries use their indexes.
 */
import { Types } from 'mongoose';
import { Audit } from '../models/audit.js';
import { Contribution } from '../models/contribution.js';
import { Member } from '../models/member.js';
import { Vote } from '../models/vote.js';
import { PollService } from '../test/support/polls.js';
import { createPoll } from '../test/support/poll-helpers.js';
import { directMessage } from '../test/support/incoming.js';
import { medianMs, record, scale, startBenchApp } from './lib.js';

const SIZES = [200, 2000, 20_000];

/** Adds filler documents of another community (and other polls) until each collection holds `n`. */
async function fillTo(n: number, have: number): Promise<void> {
  const other = new Types.ObjectId();
  for (let from = have; from < n; from += 2000) {
    const k = Math.min(2000, n - from);
    const ids = Array.from({ length: k }, (_, i) => from + i);
    await Member.collection.insertMany(ids.map((i) => ({ community: other, name: `Filler ${i}`, email: `filler.${i}@example.org`, memberships: [], lang: 'nb' })));
    await Vote.collection.insertMany(ids.map((i) => ({ poll: new Types.ObjectId(), voterKey: `filler-${i}`, community: other, choices: ['a'] })));
    await Contribution.collection.insertMany(
      ids.map((i) => ({
        community: other,
        member: new Types.ObjectId(),
        submission: `filler-${i}`,
        round: new Types.ObjectId(),
        status: 'submitted',
        text: 'Fyll',
        createdAt: new Date(),
      })),
    );
    await Audit.collection.insertMany(ids.map(() => ({ community: other, actor: null, action: 'filler', target: { kind: 'poll', id: new Types.ObjectId() }, at: new Date() })));
  }
}

export async function growth(): Promise<void> {
  console.log('\nGrowth: cost at 200, 2,000 and 20,000 documents in the collections each operation touches');
  const t = await startBenchApp({}, { runJobs: false });
  try {
    const poll = await createPoll(t, 'ssu');
    const polls = PollService.for(t.app.services);
    const voters = await Member.find({ community: t.community._id, 'memberships.body': poll.body });
    const members = await Member.find({ community: t.community._id });
    const runs = scale(60, 200);
    const results: Record<string, number[]> = { vote: [], 'member lookup': [], 'status turn': [] };
    let have = 0;
    // The first size would also pay for warming up (JIT, connections): warm up on it first.
    await fillTo(SIZES[0]!, 0);
    have = SIZES[0]!;
    for (let i = 0; i < runs; i++) {
      await polls.vote(poll, voters[i % voters.length]!, { choices: [poll.options[i % poll.options.length]!.id] });
      await t.app.core.receive(directMessage(t, members[i % members.length]!.email, { text: 'status' }));
    }
    for (const n of SIZES) {
      await fillTo(n, have);
      have = n;
      let k = 0;
      results.vote!.push(
        await medianMs(runs, async () => {
          const m = voters[k % voters.length]!;
          await polls.vote(poll, m, { choices: [poll.options[k++ % poll.options.length]!.id] });
        }),
      );
      // Half of them someone not (yet) in the directory: a lookup that finds nothing must not read everything to say so.
      results['member lookup']!.push(
        await medianMs(runs, (i) => Member.findOne({ community: t.community._id, email: i % 2 ? `new.${i}@example.org` : members[i % members.length]!.email }).lean()),
      );
      results['status turn']!.push(await medianMs(runs, (i) => t.app.core.receive(directMessage(t, members[i % members.length]!.email, { text: 'status' }))));
    }
    for (const [what, costs] of Object.entries(results)) {
      for (const [i, n] of SIZES.entries()) {
        if (i === 0) continue;
        const r = costs[i]! / costs[0]!;
        record({
          name: `${what} at ${n.toLocaleString('en')} documents`,
          value: costs[i]!,
          unit: 'ms',
          baseline: { name: 'at 200', value: costs[0]! },
          goal: '≤ 1.5× baseline',
          met: r <= 1.5,
        });
      }
    }
  } finally {
    await t.close();
  }
}
