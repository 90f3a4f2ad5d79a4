/**
 * The Slack adapter through real HTTP against the running app (started with SLACK_* settings
 * pointing at the fake Web API): signed requests in, Web API calls out.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Address } from '../../models/address.js';
import { Body } from '../../models/body.js';
import { Member } from '../../models/member.js';
import { capabilities } from '../../src/composition.js';
import type { Dialog } from '../../src/dialog.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Form } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { memoryLogger } from '../support/memory-log.js';
import { texts } from '../support/driver.js';
import { FAKE_BOT_USER_ID, FAKE_TEAM_ID, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { channelFor, dmOf, form, postToSlackEndpoint, slackDriver, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, userIdFor, type SlackDriver } from '../support/slack-driver.js';
import { defineForm, field, formHandler } from '../../src/form-spec.js';
import { testCatalog } from '../support/catalog.js';

const ideaSpec = defineForm(
  testCatalog('slacktest', { 'slacktest.form.idea.title.label': 'Tittel', 'slacktest.form.idea.count.label': 'Tal på deltakarar', 'slacktest.form.idea.place.label': 'Kommune' }),
  'slacktest',
  'idea',
  {
    title: field.text({ maxLength: 40 }).required(),
    count: field.number({ min: 1, max: 5 }).required(),
    place: field.choice(),
  },
);
const ideaForm = (): Form =>
  ideaSpec.render('nb', {
    title: 'Nytt innspel',
    submitLabel: 'Send',
    options: { place: Array.from({ length: 150 }, (_, i) => ({ value: `k${i}`, label: `Kommune ${i}` })) },
  });

/** A dialog with a form, so modals can be tested before the capabilities that use them land. */
const formDialog: Dialog = {
  id: 'slacktest',
  commands: { nb: ['skjema'], nn: ['skjema'], en: ['testform'] },
  async command() {
    return { replies: [{ text: 'Nytt innspel', elements: [{ type: 'form', form: ideaForm() }], visibility: 'private' }] };
  },
  forms: {
    idea: formHandler(ideaSpec, {
      build: async () => ideaForm(),
      async submit(_ctx, values) {
        if (values.title === 'stopp') return { replies: [], errors: { _form: 'Fristen er ute.' } };
        return { replies: [{ text: `Takk! Lagra «${values.title}» med ${values.count} deltakarar.` }] };
      },
    }),
  },
};

/** Stands in for the input-round dialog's side of the message shortcut. */
const shortcutProbe: Dialog = {
  id: 'input',
  commands: { nb: ['slacktest-input'], nn: ['slacktest-input'], en: ['slacktest-input'] },
  actions: {
    'from-message': async (ctx, _args, p) => ({ replies: [{ text: `Frå melding (${p.s}): ${ctx.text ?? ''}`, visibility: 'private' }] }),
  },
};

let fake: FakeSlack;
let t: TestApp;
/** Everything the app logged, one JSON line each. */
const { log: appLog, lines: logLines } = memoryLogger('info');
let d: SlackDriver;

beforeAll(async () => {
  fake = await startFakeSlack();
  t = await startTestApp(
    { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl },
    { dialogs: [...capabilities().filter((x) => x.id !== 'input' && x.id !== 'slacktest'), formDialog, shortcutProbe], log: appLog },
  );
  d = await slackDriver(t, fake);
});
afterAll(async () => {
  await d?.close();
  await t?.close();
  await fake?.close();
});

let mark = 0;
beforeEach(async () => {
  await d.settle();
  mark = fake.calls.length;
});
const callsSince = (method?: string) => fake.calls.slice(mark).filter((c) => !method || c.method === method);

const eventBody = (event: Record<string, unknown>, eventId = `Ev${Math.random().toString(36).slice(2)}`) =>
  JSON.stringify({ token: 'x', team_id: FAKE_TEAM_ID, api_app_id: 'A0SAMLA', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event });

async function memberByTitle(title: string) {
  const m = await Member.findOne({ community: t.community._id, title });
  if (!m) throw new Error(`no ${title}`);
  return m;
}

describe('Slack adapter over HTTP', () => {
  it('started by the app: auth.test was called and /slack/events is on the same server as /healthz', async () => {
    expect(fake.calls.some((c) => c.method === 'auth.test')).toBe(true);
    expect((await fetch(`${t.app.http.url}/healthz`)).status).toBe(200);
    expect(t.app.adapters.map((a) => a.name)).toContain('slack');
  });

  it('a slash command in a channel answers only the member; a command meant for the channel is posted there', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    const help = await u.say('hjelp', { channel: 'ssu' });
    expect(help).toHaveLength(1);
    expect(help[0]!.private).toBe(true);
    expect(help[0]!.text).toContain('Dette kan du gjøre med Samla');
    expect(callsSince('response_url')[0]!.args.response_type).toBe('ephemeral');

    const cid = 'CNEWCHANNEL';
    const body = form({
      team_id: FAKE_TEAM_ID,
      channel_id: cid,
      channel_name: 'nytt',
      user_id: userIdFor(DEMO_SECRETARIAT_EMAIL),
      command: '/samla',
      text: 'kanal mfu',
      response_url: fake.responseUrl(),
      trigger_id: 'trig-kanal',
    });
    expect((await postToSlackEndpoint(t.app.http.url, body, 'application/x-www-form-urlencoded')).status).toBe(200);
    await d.settle();
    const posted = callsSince('chat.postMessage').find((c) => c.args.channel === cid);
    expect(posted?.args.text).toContain('Medisinsk');
    const mfu = await Body.findOne({ community: t.community._id, key: 'mfu' });
    const bound = await Address.findOne({ community: t.community._id, platform: 'slack', kind: 'channel', externalId: cid });
    expect(String(bound?.body)).toBe(String(mfu?._id));
    expect(bound?.ref).toEqual({ channel: cid });
  });

  it('a DM on first contact finds the member by e-mail (users.info once), then by the stored Slack id', async () => {
    const m = await memberByTitle('Fastlege');
    await Address.deleteOne({ community: t.community._id, platform: 'slack', kind: 'member', member: m._id });
    const u = await d.user(m.email);
    expect(texts(await u.dm('status'))).toContain('Fastlegene');
    expect(callsSince('users.info').map((c) => c.args.user)).toEqual([userIdFor(m.email)]);
    expect(callsSince('chat.postMessage')[0]!.args.channel).toBe(dmOf(userIdFor(m.email)));
    expect(texts(await u.dm('status'))).toContain('Fastlegene');
    expect(callsSince('users.info')).toHaveLength(1);
    const a = await Address.findOne({ community: t.community._id, platform: 'slack', kind: 'member', member: m._id });
    expect(a?.ref).toEqual({ userId: userIdFor(m.email) });
  });

  it('/samla in the bot’s DM asks Slack for the DM channel at most once, however often it is used', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    for (let i = 0; i < 4; i++) expect(texts(await u.say('status'))).toContain('Sara Solheim');
    expect(callsSince('conversations.open').length).toBeLessThanOrEqual(1);
  });

  it('a mention in a channel is a command without the mention; a private answer is ephemeral', async () => {
    const uid = userIdFor(DEMO_SECRETARIAT_EMAIL);
    const res = await postToSlackEndpoint(
      t.app.http.url,
      eventBody({ type: 'app_mention', user: uid, text: `<@${FAKE_BOT_USER_ID}> status`, channel: channelFor('ssu'), ts: '1.1' }),
      'application/json',
    );
    expect(res.status).toBe(200);
    await d.settle();
    const eph = callsSince('chat.postEphemeral');
    expect(eph).toHaveLength(1);
    expect(eph[0]!.args).toMatchObject({ channel: channelFor('ssu'), user: uid });
    expect(JSON.stringify(eph[0]!.args.blocks)).toContain('Dine organer');
  });

  it('a button click runs the action; a double click has no second effect', async () => {
    const u = await d.user((await memberByTitle('Ordfører')).email);
    expect((await u.say('språk')).flatMap((s) => s.buttons)).toEqual(['Bokmål', 'Nynorsk', 'English']);
    expect(texts(await u.click('Nynorsk'))).toContain('nynorsk');
    expect(await u.click('Nynorsk')).toEqual([]);
    expect(callsSince('chat.postMessage').filter((c) => String(c.args.text).includes('nynorsk'))).toHaveLength(1);
  });

  it('a form opens as a modal; errors come back inline per field with what was typed kept; success answers in the DM', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    const opened = await u.say('skjema', { channel: 'ssu' });
    expect(opened[0]!.form?.title).toBe('Nytt innspel');
    expect(callsSince('views.open')).toHaveLength(1);

    // (Slack itself stops typing at max_length, so the errors here are ones only the core can find.)
    const bad = await u.submit({ title: 'Pasient 15076500565', count: '9' });
    expect(bad[0]!.form?.errors.title).toContain('fødselsnummer');
    expect(bad[0]!.form?.errors.count).toBe('Skriv et tall fra 1 til 5.');
    expect(bad[0]!.form?.values.title).toBe('Pasient 15076500565');

    const whole = await u.submit({ title: 'stopp', count: '2' });
    expect(whole[0]!.form?.errors).toEqual({ title: 'Fristen er ute.' });

    const ok = await u.submit({ title: 'Betre samhandling', count: '3', place: 'k120' });
    expect(texts(ok)).toContain('Takk! Lagra «Betre samhandling» med 3 deltakarar.');
    expect(callsSince('chat.postMessage').at(-1)!.args.channel).toBe(dmOf(userIdFor(DEMO_SECRETARIAT_EMAIL)));
  });

  it('a form in a DM (no trigger id) is a button that opens the modal; a long select is served from the options endpoint', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    const seen = await u.dm('skjema');
    expect(seen[0]!.buttons).toEqual(['Nytt innspel']);
    expect(callsSince('views.open')).toHaveLength(0);
    const modal = await u.click('Nytt innspel');
    expect(modal[0]!.form?.fields.map((f) => f.id)).toEqual(['title', 'count', 'place']);
    const view = callsSince('views.open')[0]!.args.view;
    expect(view.blocks.find((b: { block_id: string }) => b.block_id === 'place').element.type).toBe('external_select');

    const res = await postToSlackEndpoint(
      t.app.http.url,
      form({
        payload: JSON.stringify({
          type: 'block_suggestion',
          team: { id: FAKE_TEAM_ID },
          user: { id: userIdFor(DEMO_SECRETARIAT_EMAIL) },
          action_id: 'place',
          block_id: 'place',
          value: 'kommune 12',
          view,
        }),
      }),
      'application/x-www-form-urlencoded',
    );
    const { options } = (await res.json()) as { options: { value: string }[] };
    expect(options.map((o) => o.value)).toEqual(['k12', 'k120', 'k121', 'k122', 'k123', 'k124', 'k125', 'k126', 'k127', 'k128', 'k129']);
  });

  it('App Home shows the member’s dashboard when opened', async () => {
    const uid = userIdFor(DEMO_SECRETARIAT_EMAIL);
    await postToSlackEndpoint(t.app.http.url, eventBody({ type: 'app_home_opened', user: uid, channel: dmOf(uid), tab: 'home' }), 'application/json');
    await d.settle();
    const pub = callsSince('views.publish');
    expect(pub).toHaveLength(1);
    expect(pub[0]!.args.user_id).toBe(uid);
    expect(JSON.stringify(pub[0]!.args.view)).toContain('Dine organer');
  });

  it('refuses a bad signature, a stale and a future timestamp with 401, and nothing happens', async () => {
    const body = eventBody({ type: 'message', channel_type: 'im', channel: 'D1', user: userIdFor(DEMO_SECRETARIAT_EMAIL), text: 'hjelp', ts: '1' });
    const now = Math.floor(Date.now() / 1000);
    expect((await postToSlackEndpoint(t.app.http.url, body, 'application/json', { secret: 'wrong-secret' })).status).toBe(401);
    expect((await postToSlackEndpoint(t.app.http.url, body, 'application/json', { timestamp: now - 6 * 60 })).status).toBe(401);
    expect((await postToSlackEndpoint(t.app.http.url, body, 'application/json', { timestamp: now + 6 * 60 })).status).toBe(401);
    await d.settle();
    expect(callsSince()).toEqual([]);
  });

  it('a retried event (same event_id, X-Slack-Retry-Num) has one effect', async () => {
    const uid = userIdFor(DEMO_SECRETARIAT_EMAIL);
    const body = eventBody({ type: 'message', channel_type: 'im', channel: dmOf(uid), user: uid, text: 'hjelp', ts: '2' }, 'EvRETRY1');
    expect((await postToSlackEndpoint(t.app.http.url, body, 'application/json')).status).toBe(200);
    const retry = await postToSlackEndpoint(t.app.http.url, body, 'application/json', { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await d.settle();
    expect(callsSince('chat.postMessage')).toHaveLength(1);
  });

  it('an unknown user is told they are not in the directory and whom to contact — nothing else', async () => {
    const u = await d.user('stranger@example.com');
    const seen = await u.dm('status');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.text).toContain('finner deg ikke i medlemsregisteret');
    expect(seen[0]!.text).toContain('sekretariatet@demo.samla.no');
    expect(callsSince().map((c) => c.method)).toEqual(['users.info', 'chat.postMessage']);
  });

  it('a 429 from the Web API is retried after Retry-After', async () => {
    fake.rateLimit('chat.postMessage', 1, 1);
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    const started = Date.now();
    expect(texts(await u.dm('hjelp'))).toContain('Dette kan du gjøre med Samla');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(callsSince('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('another Web API failure: the member is told something went wrong', async () => {
    fake.failNext('chat.postMessage', 'msg_too_long');
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    const seen = await u.dm('hjelp');
    expect(texts(seen)).toContain('noe gikk galt');
    expect(callsSince('chat.postMessage').map((c) => c.error ?? 'ok')).toEqual(['msg_too_long', 'ok']);
    const logged = logLines.map((l) => JSON.parse(l)).find((l) => l.slackError === 'msg_too_long');
    expect(logged).toMatchObject({ method: 'chat.postMessage', slackError: 'msg_too_long', msg: 'Slack Web API call failed' });
    expect(logLines.join('\n')).not.toContain(TEST_BOT_TOKEN);
    expect(logLines.join('\n')).not.toContain(TEST_SIGNING_SECRET);
  });

  it('a message shortcut reaches the input dialog with the message text', async () => {
    const uid = userIdFor(DEMO_SECRETARIAT_EMAIL);
    const payload = {
      type: 'message_action',
      callback_id: 'samla_contribute',
      team: { id: FAKE_TEAM_ID },
      user: { id: uid },
      channel: { id: channelFor('ssu') },
      message: { text: 'Vi treng fleire fastlegar i Nordhordland', ts: '9.9' },
      trigger_id: 'trig-sc',
      response_url: fake.responseUrl(),
    };
    await postToSlackEndpoint(t.app.http.url, form({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded');
    await d.settle();
    const r = callsSince('response_url');
    expect(r).toHaveLength(1);
    expect(r[0]!.args).toMatchObject({ response_type: 'ephemeral', text: 'Frå melding (from-message): Vi treng fleire fastlegar i Nordhordland' });
  });

  it('delivery reaches a member’s DM and a body’s channel, and updates the channel message in place', async () => {
    const m = await memberByTitle('Ordfører');
    const u = await d.user(m.email);
    await u.inbox();
    await t.app.delivery.toMember(m, () => ({ text: 'Påminning: svar innan fredag' }));
    expect(texts(await u.inbox())).toContain('Påminning: svar innan fredag');

    const ssu = (await Body.findOne({ community: t.community._id, key: 'ssu' }))!;
    await t.app.delivery.toBody(t.community._id, ssu._id, () => ({ text: 'Avstemming: 3 stemmer' }), { key: 'poll-1' });
    expect(texts(await d.channel('ssu'))).toContain('Avstemming: 3 stemmer');
    const ts = callsSince('chat.postMessage').find((c) => c.args.channel === channelFor('ssu'))!;
    expect(await t.app.delivery.update(t.community._id, 'poll-1', () => ({ text: 'Avstemming: 4 stemmer' }))).toBe(1);
    const upd = callsSince('chat.update');
    expect(upd).toHaveLength(1);
    expect(upd[0]!.args).toMatchObject({ channel: channelFor('ssu'), text: 'Avstemming: 4 stemmer' });
    expect(upd[0]!.args.ts).toMatch(/^\d+\.\d+$/);
    expect(ts.args.metadata).toMatchObject({ event_type: 'samla_delivery' });
  });
});
