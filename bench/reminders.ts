/**
 * Reminder lateness: 500 reminders (200 in the quick run) due in the same minute (jobs on agenda,
 * each a DM through the Slack adapter to the fake Slack), from the time each was due to the time the message reached
 * Slack. Baseline: the same 500 jobs doing nothing, in the same run — what the scheduler alone
 * adds (it looks for due jobs every SCHEDULER_POLL_SECONDS, 5 s by default, as in production).
 */
import { Member } from '../models/member.js';
import { percentile, record, scale, startBenchApp, until } from './lib.js';

const JOB_SEND = 'bench:reminder';
const JOB_NOOP = 'bench:noop';

export async function reminderLateness(): Promise<void> {
  const N = scale(200, 500);
  console.log(`\nReminder lateness: ${N} reminders due in the same minute`);
  const t = await startBenchApp({ SCHEDULER_POLL_SECONDS: '5' }, { runJobs: false });
  try {
    const members = await Member.find({ community: t.community._id });
    const due = new Map<string, number>();
    const noopLate: number[] = [];
    t.app.scheduler.define(JOB_NOOP, async (data) => {
      noopLate.push(Date.now() - Number(data.due));
    });
    t.app.scheduler.define(JOB_SEND, async (data) => {
      const member = members[Number(data.i) % members.length]!;
      await t.app.delivery.toMember(member, () => ({ text: `Påminning: møtet byrjar snart (${String(data.key)})` }));
    });
    await t.app.scheduler.start();

    const schedule = async (name: string) => {
      const at = Date.now() + 8000;
      for (let i = 0; i < N; i++) {
        const key = `${name}:${i}`;
        due.set(key, at);
        await t.app.scheduler.at(new Date(at), name, { key, i, due: at });
      }
    };
    await schedule(JOB_NOOP);
    await until(() => noopLate.length >= N, 120_000, 100);
    const callsBefore = t.slack.fake.calls.length;
    await schedule(JOB_SEND);
    const sent = () => t.slack.fake.calls.slice(callsBefore).filter((c) => c.method === 'chat.postMessage' && /\(bench:reminder:\d+\)/.test(String(c.args.text)));
    await until(() => sent().length >= N, 180_000, 100);
    const late = sent().map((c) => c.at - due.get(/\((bench:reminder:\d+)\)/.exec(String(c.args.text))![1]!)!);
    const p99 = percentile(late, 99);
    record({ name: 'reminders delivered', value: late.length, unit: `of ${N}`, goal: `${N}`, met: late.length === N });
    record({ name: 'lateness p50', value: percentile(late, 50), unit: 'ms', baseline: { name: 'scheduler alone', value: percentile(noopLate, 50) } });
    record({
      name: 'lateness p99',
      value: p99,
      unit: 'ms',
      baseline: { name: 'scheduler alone', value: percentile(noopLate, 99) },
      goal: '< 60 s (the same minute)',
      met: p99 < 60_000,
    });
  } finally {
    await t.close();
  }
}
