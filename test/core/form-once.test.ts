/**
 * One mechanism in the core for every form that creates something: the same form instance sent
 * twice (a live Teams card clicked again, a double submit) has one effect, whatever the
 * capability — input rounds, polls, meetings, strategy versions (cases: test/shared/case.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from 'mongoose';
import { Meeting } from '../../models/meeting.js';
import { Poll } from '../../models/poll.js';
import { Round } from '../../models/round.js';
import { StrategyVersion } from '../../models/strategy.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { toInputDateTime } from '../../src/time.js';
import { formsIn, type Form, type FormValues } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';

const DAY = 24 * 3600_000;

describe('a form instance sent twice', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { runJobs: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function formFor(text: string): Promise<Form> {
    const out = await t.app.core.receive(directMessage(t, DEMO_SECRETARIAT_EMAIL, { text }));
    const form = out.replies.flatMap(formsIn)[0];
    if (!form) throw new Error(`«${text}» showed no form: ${out.replies.map((r) => r.text).join(' | ')}`);
    return form;
  }

  async function sendTwice(text: string, values: FormValues, model: Pick<Model<unknown>, 'countDocuments'>, filter: Record<string, unknown>) {
    const form = await formFor(text);
    const submit = () => t.app.core.receive(directMessage(t, DEMO_SECRETARIAT_EMAIL, { kind: 'submit', action: form.action, values }));
    const first = await submit();
    expect(first.rejectedForm?.errors, 'the first submission is accepted').toBeUndefined();
    expect(
      first.replies.some((r) => r.replacesSource && /Sendt/.test(r.text)),
      'the form shows it was sent',
    ).toBe(true);
    const second = await submit();
    expect(second.replies.map((r) => r.text).join(' ')).toContain('allerede sendt');
    expect(await model.countDocuments({ community: t.community._id, ...filter })).toBe(1);
    // Two at once (a double click): still one.
    const form2 = await formFor(text);
    const both = await Promise.all([1, 2].map(() => t.app.core.receive(directMessage(t, DEMO_SECRETARIAT_EMAIL, { kind: 'submit', action: form2.action, values }))));
    expect(both.filter((o) => o.replies.some((r) => r.text.includes('allerede sendt')))).toHaveLength(1);
  }

  const deadline = toInputDateTime(new Date(Date.now() + 10 * DAY));

  it('opens one input round', async () => {
    await sendTwice('innspill ny', { title: 'Runde éin gong', question: 'Kva treng de?', bodies: ['ssu'], deadline, reminders: ['none'] }, Round, { title: 'Runde éin gong' });
  });

  it('creates one poll', async () => {
    await sendTwice('avstemning ny SSU', { question: 'Éi avstemming?', type: 'single', options: 'Ja\nNei' }, Poll, { question: 'Éi avstemming?' });
  });

  it('creates one meeting', async () => {
    const start = new Date(Date.now() + 20 * DAY);
    await sendTwice('møte ny', { body: 'ssu', title: 'Éitt møte', start: toInputDateTime(start), end: toInputDateTime(new Date(start.getTime() + 3600_000)) }, Meeting, {
      title: 'Éitt møte',
    });
  });

  it('loads one strategy version', async () => {
    await sendTwice('strategi ny', { title: 'Strategi éin gong', label: 'Utkast 1', markdown: '# Strategi\n\n## Styrke samhandlinga\n\nTekst.' }, StrategyVersion, {
      label: 'Utkast 1',
    });
  });
});
