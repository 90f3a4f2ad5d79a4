/** The closing job survives a restart: a poll due while the bot was down closes when it is back. */
import { afterAll, describe, expect, it } from 'vitest';
import { Member } from '../../models/member.js';
import { Poll } from '../../models/poll.js';
import type { App } from '../../src/platform.js';
import { startTestApp, stopAndDrop, type TestApp } from '../support/app.js';
import { allText, bindChannel, clickVote, createPoll, recordingSender, startAppOn } from '../support/poll-helpers.js';
import { until } from '../support/wait.js';

let t: TestApp | undefined;
let second: App | undefined;

afterAll(async () => {
  if (second) await stopAndDrop(second);
});

describe('closing by time', () => {
  it('closes on time after a restart and posts the results once', async () => {
    t = await startTestApp();
    const before = recordingSender('slack');
    t.app.delivery.register(before.sender);
    await bindChannel(t, 'ssu');
    const poll = await createPoll(t, 'ssu', { closesAt: new Date(Date.now() + 4000) });
    const voter = (await Member.findOne({ community: t.community._id, title: 'Etatsdirektør' }))!;
    expect(await t.app.scheduler.pending(`poll:${String(poll._id)}:close`)).toHaveLength(1);
    await clickVote(t, voter.email, poll, '2');
    await t.app.stop();

    // The bot is down when the poll is due; a new process on the same database takes over.
    second = await startAppOn(t.env);
    const after = recordingSender('slack');
    second.delivery.register(after.sender);
    const results = await until('the results after the restart', async () => after.sends.find((s) => s.reply.text.startsWith('Resultat:')), 20_000);
    expect(allText(results.reply)).toContain('Kva modell for toppleiarmøtet vil de ha?');
    expect(allText(results.reply)).toContain('Modell B 1/1');
    expect((await Poll.findById(poll._id))!.state).toBe('closed');
    // The channel message was updated in place to its closed form.
    expect(after.updates.some((u) => u.reply.updateKey === `poll:${String(poll._id)}` && allText(u.reply).includes('Stengt'))).toBe(true);
    expect(after.sends.filter((s) => s.reply.text.startsWith('Resultat:'))).toHaveLength(1);
  });
});
