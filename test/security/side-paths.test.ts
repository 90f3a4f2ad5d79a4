/**
 * Identity numbers that come in by the side: in crafted option values and field ids, in an
 * action's arguments, in a form refused on Teams or in the terminal. None of them is stored,
 * logged or shown back.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../adapters/console/session.js';
import { Draft } from '../../models/draft.js';
import { ballotForm } from '../../dialogs/poll/forms.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import { createLogger } from '../../src/log.js';
import { action } from '../../src/payload.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { directMessage } from '../support/incoming.js';
import { memoryLogger, type MemoryLog } from '../support/memory-log.js';
import { createPoll } from '../support/poll-helpers.js';
import { teamsDriver, type TeamsDriver } from '../support/teams-driver.js';

const FNR = '15076500565';
const PARTS = /150765|00565/;

let t: TestApp;
let logs: MemoryLog;
let teams: TeamsDriver;

beforeAll(async () => {
  logs = memoryLogger('trace');
  t = await startTestApp({ LOG_LEVEL: 'trace', TEAMS_EMULATOR: 'true' }, { log: logs.log });
  teams = await teamsDriver(t);
});
afterAll(async () => {
  await teams?.close();
  await t?.close();
});

const sec = DEMO_SECRETARIAT_EMAIL;

describe('identity numbers by side paths', () => {
  it('a crafted option value, a number split over a multichoice and a crafted field id are refused and kept out of drafts', async () => {
    const out = await t.app.core.receive(
      directMessage(t, sec, {
        kind: 'submit',
        action: action('case', 'propose'),
        values: { title: 'Ei sak', background: 'Bakgrunn', decision: 'Vedtak', type: `x ${FNR}`, groups: ['150765', '00565'], [FNR]: 'x' },
      }),
    );
    expect(out.rejectedForm).toBeTruthy();
    expect(out.rejectedForm!.errors?.type).toMatch(/fødselsnummer/);
    expect(out.rejectedForm!.errors?.groups).toMatch(/fødselsnummer/);
    // What comes back to be fixed has the numbers emptied, and so has the draft.
    expect(JSON.stringify(out.rejectedForm!.values)).not.toMatch(PARTS);
    expect(out.rejectedForm!.values?.title).toBe('Ei sak');
    const drafts = await Draft.find({ community: t.community._id }).lean();
    expect(drafts.length).toBeGreaterThan(0);
    expect(JSON.stringify(drafts)).not.toMatch(PARTS);
  });

  it('a number in an action’s arguments goes no further: refused, and not in the log', async () => {
    const before = logs.lines.length;
    const out = await t.app.core.receive(directMessage(t, sec, { kind: 'action', action: action('poll', 'open', { p: FNR }) }));
    expect(out.replies[0]?.text).toMatch(/fødselsnummer/);
    const sub = await t.app.core.receive(directMessage(t, sec, { kind: 'submit', action: action('poll', 'ballot', { p: FNR }), values: { choice: '1' } }));
    expect(sub.replies[0]?.text).toMatch(/fødselsnummer/);
    expect(JSON.stringify(await Draft.find({}).lean())).not.toContain(FNR);
    expect(logs.lines.slice(before).join('\n')).not.toMatch(PARTS);
  });

  it('an error logged with a number in its message has it redacted', async () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        written += chunk.toString('utf8');
        done();
      },
    });
    const log = createLogger('info', sink);
    log.error({ err: new Error(`Cast to ObjectId failed for value "${FNR}" (type string)`) }, 'turn failed');
    log.warn(`no poll ${FNR}`);
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toContain('Cast to ObjectId failed');
    expect(written).not.toMatch(PARTS);
  });

  it('a form refused on Teams comes back with the number emptied and the error shown', async () => {
    const u = await teams.user(sec);
    await u.say('sak ny ssu');
    const from = teams.fake.log.length;
    const seen = await u.submit({ title: `Pasient ${FNR}`, background: 'Bakgrunn', decision: 'Vedtak', type: 'other' });
    const sent = JSON.stringify(teams.fake.log.slice(from).map((e) => e.activity));
    expect(sent).toMatch(/fødselsnummer/);
    expect(sent).not.toMatch(PARTS);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('the terminal does not echo a refused number', async () => {
    const poll = await createPoll(t, 'ssu', { type: 'multiple', question: 'Fleirval i terminalen', maxChoices: 2 });
    const voter = (await t.member('sara.solheim@demo.samla.no')).email;
    let written = '';
    const out = new Writable({
      write(chunk: Buffer, _e, done) {
        written += chunk.toString('utf8');
        done();
      },
    });
    const session = new ConsoleSession(t.app.core, String(t.community._id), voter, out);
    const form = ballotForm(poll, 'nb');
    session.show([{ text: form.title, elements: [{ type: 'form', form }] }]);
    await session.handleLine('150765 00565');
    await session.handleLine('');
    expect(written).toMatch(/fødselsnummer/);
    expect(written).not.toMatch(PARTS);
  });
});

describe('Teams message text', () => {
  it('decodes character references, so an identity number written with one is still seen', async () => {
    const { htmlToText, messageText } = await import('../../adapters/teams/receive.js');
    expect(messageText({ text: `<p>fnr 150765&#8203;00565</p>` })).toBe('fnr 150765\u200b00565');
    expect(htmlToText(`<div>150765&#x2F;00565</div>`)).toBe('150765/00565');
    const { containsNationalId } = await import('../../src/guard.js');
    expect(containsNationalId(messageText({ text: '150765&#160;00565' }))).toBe(true);
  });
});
