/**
 * The Teams adapter through real HTTP: activities posted to /api/messages, the bot answering a
 * local fake Bot Framework connector. A small test dialog supplies a form and a live card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Address } from '../../models/address.js';
import { capabilities } from '../../src/composition.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Dialog } from '../../src/dialog.js';
import { action } from '../../src/payload.js';
import type { Form, Reply } from '../../src/ui.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { texts } from '../support/driver.js';
import { BOT, cardOf, TEAMS_TENANT, teamsDriver, teamsIdentity, type TeamsDriver } from '../support/teams-driver.js';
import { cardProblems } from './validate-card.js';
import { defineForm, field, formHandler } from '../../src/form-spec.js';
import { testCatalog } from '../support/catalog.js';

const tally = { yes: 0 };

const wishSpec = defineForm(
  testCatalog('tform', {
    'tform.form.wish.title.label': 'Tittel',
    'tform.form.wish.count.label': 'Antall',
    'tform.form.wish.when.label': 'Når',
    'tform.form.wish.groups.label': 'Grupper',
  }),
  'tform',
  'wish',
  {
    title: field.text({ maxLength: 20 }).required(),
    count: field.number({ min: 1, max: 5 }),
    when: field.datetime(),
    groups: field.multichoice(),
  },
);

function testForm(): Form {
  return wishSpec.render('nb', {
    title: 'Ønske',
    submitLabel: 'Send',
    options: {
      groups: [
        { value: 'barn', label: 'Barn og unge' },
        { value: 'eldre', label: 'Skrøpelige eldre' },
      ],
    },
  });
}

function tallyReply(): Reply {
  return {
    text: `Ja: ${tally.yes}`,
    elements: [
      { type: 'section', text: `*Ja*: ${tally.yes}` },
      { type: 'buttons', buttons: [{ label: 'Stem ja', action: action('tform', 'yes') }] },
    ],
    updateKey: 'tally',
  };
}

/** A dialog only these tests use: a form, and a message that is updated in place. */
const testDialog: Dialog = {
  id: 'tform',
  commands: { nb: ['skjema', 'telling'], nn: [], en: [] },
  async command(_ctx, args) {
    if (args === 'telling') return { replies: [tallyReply()] };
    if (args === 'hemmelig') return { replies: [{ text: 'Trykk', elements: [{ type: 'buttons', buttons: [{ label: 'Hemmelig', action: action('tform', 'secret') }] }] }] };
    return { replies: [{ text: 'Fyll ut', elements: [{ type: 'form', form: testForm() }] }] };
  },
  forms: {
    wish: formHandler(wishSpec, {
      build: async () => testForm(),
      async submit(_ctx, values) {
        if (values.title === 'nei') return { replies: [], errors: { title: 'Ikke «nei», takk.' } };
        const when = values.when ? values.when.toISOString() : '-';
        return { replies: [{ text: `Lagret: ${values.title} (${String(values.count)}) ${when} ${String(values.groups)}` }] };
      },
    }),
  },
  actions: {
    secret: async () => ({ replies: [{ text: 'Bare for deg: du stemte B', visibility: 'private' }] }),
    async yes() {
      tally.yes++;
      return { replies: [tallyReply()] };
    },
  },
};

let t: TestApp;
let d: TeamsDriver;

beforeAll(async () => {
  t = await startTestApp({}, { dialogs: [...capabilities(), testDialog] });
  d = await teamsDriver(t);
});
afterAll(async () => {
  await d?.close();
  await t?.close();
});

describe('Teams adapter over HTTP', () => {
  it('answers a message in the personal chat, as a reply to it', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    const out = await u.say('status');
    expect(texts(out)).toContain('Samarbeidssekretariatet');
    const last = d.fake.log.at(-1)!;
    expect(last.conversationId).toBe(teamsIdentity(DEMO_SECRETARIAT_EMAIL).personalConversationId);
    expect(last.replyToId).toMatch(/^in-/);
  });

  it('answers an @mention in a team channel, in the channel thread, without the mention text', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    const before = d.fake.log.length;
    const out = await u.say('hjelp', { channel: 'ssu' });
    expect(texts(out)).toContain('Dette kan du gjøre med Samla');
    const posted = d.fake.log.slice(before);
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.every((e) => e.conversationId.startsWith('19:ssu@thread.tacv2'))).toBe(true);
  });

  it('matches a new user by the e-mail from the member look-up, once, then by AAD object id', async () => {
    const email = 'kari.kommune@demo.samla.no';
    const member = await t.member(email).catch(() => null);
    const target = member ? email : (await (await import('../../models/member.js')).Member.findOne({ community: t.community._id, email: { $ne: DEMO_SECRETARIAT_EMAIL } }))!.email;
    const id = teamsIdentity(target);
    const personal = d.message(target, { text: 'status' });
    await d.post({ ...personal, id: 'first-contact' });
    const lookups = () => d.fake.memberLookups.filter((l) => l.userId === id.id).length;
    // The team install already stored every roster member, so no look-up is needed…
    expect(lookups()).toBe(0);
    const address = await Address.findOne({ community: t.community._id, platform: 'teams', kind: 'member', externalId: id.aadObjectId });
    expect(address?.member).toBeTruthy();
    expect((address?.ref as { personal?: { conversation?: { id?: string } } }).personal?.conversation?.id).toBe(id.personalConversationId);
  });

  it('tells someone not in the directory whom to contact, after asking Teams for their e-mail', async () => {
    const u = await d.user('ukjent.person@example.com');
    const out = texts(await u.say('status'));
    expect(out).toContain('finner deg ikke i medlemsregisteret');
    expect(out).toContain('sekretariatet@demo.samla.no');
    expect(d.fake.memberLookups.some((l) => l.userId === teamsIdentity('ukjent.person@example.com').id)).toBe(true);
  });

  it('shows a form as an Adaptive Card; errors come back on the same card with the values kept', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    const shown = await u.say('skjema');
    const form = shown.find((s) => s.form)?.form;
    expect(form?.title).toBe('Ønske');
    expect(form?.fields.map((f) => f.id)).toEqual(['title', 'count', 'when', 'groups']);
    const cardId = d.fake.log.at(-1)!.activityId;

    const bad = await u.submit({ title: 'nei', count: '9', when: '2026-03-30 09:00', groups: ['barn', 'eldre'] });
    const updated = d.fake.log.at(-1)!;
    expect(updated.kind).toBe('update');
    expect(updated.activityId).toBe(cardId);
    const again = bad.find((s) => s.form)!.form!;
    expect(again.errors.count).toContain('1 til 5');
    expect(again.values).toMatchObject({ title: 'nei', count: '9', when: '2026-03-30 09:00', groups: 'barn,eldre' });

    // The dialog's own check, on the second try; the values still stand.
    const bad2 = await u.submit({ count: '3' });
    const again2 = bad2.find((s) => s.form)!.form!;
    expect(again2.errors.title).toContain('Ikke «nei»');
    expect(again2.values).toMatchObject({ title: 'nei', count: '3' });
    expect(d.fake.log.at(-1)!.activityId).toBe(cardId);

    const ok = texts(await u.submit({ title: 'Mer kapasitet' }));
    expect(ok).toContain('Lagret: Mer kapasitet (3) 2026-03-30T07:00:00.000Z barn,eldre');
  });

  it('updates a card in place when the reply has an update key', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    await u.say('skjema telling', { channel: 'ssu' });
    const posted = d.fake.log.at(-1)!;
    const out = await u.click('Stem ja');
    expect(texts(out)).toContain('Ja: 1');
    const last = d.fake.log.at(-1)!;
    expect(last.kind).toBe('update');
    expect(last.activityId).toBe(posted.activityId);
  });

  it('stores the personal chat on install and reaches the member proactively; a roster member gets a new chat', async () => {
    const { Member } = await import('../../models/member.js');
    const [m1, m2] = await Member.find({ community: t.community._id, email: { $ne: DEMO_SECRETARIAT_EMAIL } })
      .sort({ email: -1 })
      .limit(2);
    const id1 = teamsIdentity(m1!.email);
    // A personal install: conversationUpdate with the bot among the members added.
    const install = d.message(m1!.email, {});
    const r = await d.post({ ...install, type: 'conversationUpdate', text: undefined, membersAdded: [BOT] });
    expect(r.status).toBe(200);
    const res = await t.app.delivery.toMember(m1!, () => ({ text: 'Påminnelse: svar på innspillsrunden' }));
    expect(res).toEqual({ delivered: true, platform: 'teams' });
    const got = await (await d.user(m1!.email)).inbox();
    expect(texts(got)).toContain('Påminnelse: svar på innspillsrunden');
    expect(d.fake.log.at(-1)!.conversationId).toBe(id1.personalConversationId);

    // m2 is known only from the team roster: the bot opens a personal chat first.
    const id2 = teamsIdentity(m2!.email);
    const created = d.fake.created.length;
    await t.app.delivery.toMember(m2!, () => ({ text: 'Møtet flyttes' }));
    expect(d.fake.created.length).toBe(created + 1);
    expect(d.fake.created.at(-1)!.params).toMatchObject({ tenantId: TEAMS_TENANT, members: [{ id: id2.id }] });
    expect(texts(await (await d.user(m2!.email)).inbox())).toContain('Møtet flyttes');
    // …and keeps it for the next time.
    await t.app.delivery.toMember(m2!, () => ({ text: 'Igjen' }));
    expect(d.fake.created.length).toBe(created + 1);
  });

  it('answers a click in a channel privately in the personal chat, never in the channel', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    await u.say('skjema hemmelig', { channel: 'ssu' });
    const before = d.fake.log.length;
    const out = await u.click('Hemmelig');
    expect(texts(out)).toContain('Bare for deg');
    expect(out.every((s) => s.private)).toBe(true);
    const posted = d.fake.log.slice(before);
    expect(posted.some((e) => e.conversationId === teamsIdentity(DEMO_SECRETARIAT_EMAIL).personalConversationId)).toBe(true);
    expect(posted.some((e) => e.conversationId.startsWith('19:'))).toBe(false);
  });

  it('posts to a bound channel, and delivery.update changes the same card', async () => {
    const { Body } = await import('../../models/body.js');
    const ssu = (await Body.findOne({ community: t.community._id, key: 'ssu' }))!;
    await t.app.delivery.toBody(t.community._id, ssu._id, () => ({ text: 'Resultat', elements: [{ type: 'bars', bars: [{ label: 'Ja', count: 1, total: 4 }] }] }), {
      key: 'poll-1',
    });
    const first = await d.channel('ssu');
    expect(texts(first)).toContain('1 (25\u00a0%)');
    const n = await t.app.delivery.update(t.community._id, 'poll-1', () => ({ text: 'Resultat', elements: [{ type: 'bars', bars: [{ label: 'Ja', count: 3, total: 4 }] }] }));
    expect(n).toBe(1);
    const last = d.fake.log.at(-1)!;
    expect(last.kind).toBe('update');
    expect(texts(await d.channel('ssu'))).toContain('3 (75\u00a0%)');
  });

  it('retries 429 and 502 from the connector with back-off, and gives up after a bounded number of tries', async () => {
    const { Member } = await import('../../models/member.js');
    const m = (await Member.findOne({ community: t.community._id, email: DEMO_SECRETARIAT_EMAIL }))!;
    const path = `/v3/conversations/${encodeURIComponent(teamsIdentity(m.email).personalConversationId)}/activities`;
    d.fake.failNext({ status: 429, times: 1, method: 'POST', pathIncludes: 'activities', retryAfterSeconds: 0 });
    d.fake.failNext({ status: 502, times: 1, method: 'POST', pathIncludes: 'activities' });
    const before = d.fake.requests.length;
    const ok = await t.app.delivery.toMember(m, () => ({ text: 'Kommer fram til slutt' }));
    expect(ok.delivered).toBe(true);
    expect(d.fake.requests.slice(before).map((r) => r.status)).toEqual([429, 502, 200]);
    expect(d.fake.requests.at(-1)!.path).toBe(path);

    d.fake.failNext({ status: 504, times: 10, method: 'POST', pathIncludes: 'activities' });
    const start = d.fake.requests.length;
    const failed = await t.app.delivery.toMember(m, () => ({ text: 'Kommer ikke fram' }));
    expect(failed.delivered).toBe(false);
    expect(d.fake.requests.length - start).toBe(4);
    d.fake.clearFailures();
  });

  it('tells the member when a reply cannot be posted for another reason', async () => {
    const u = await d.user(DEMO_SECRETARIAT_EMAIL);
    // A card Teams refuses comes again as plain text…
    d.fake.failNext({ status: 400, times: 1, method: 'POST', pathIncludes: 'activities' });
    const plain = await u.say('status');
    expect(texts(plain)).toContain('Strategisk samarbeidsutvalg: sekretariat');
    // …and when that fails too, the member is told.
    d.fake.failNext({ status: 403, times: 2, method: 'POST', pathIncludes: 'activities' });
    const out = texts(await u.say('status'));
    expect(out).toContain('fikk ikke vist deg svaret');
  });

  it('hands the text of a message to the core from the «samlaContribute» message action', async () => {
    const sec = teamsIdentity(DEMO_SECRETARIAT_EMAIL);
    const received: unknown[] = [];
    const original = t.app.core.receive.bind(t.app.core);
    t.app.core.receive = async (inc) => {
      received.push(inc);
      return original(inc);
    };
    try {
      const act = d.message(
        DEMO_SECRETARIAT_EMAIL,
        {
          type: 'invoke',
          name: 'composeExtension/fetchTask',
          value: {
            commandId: 'samlaContribute',
            commandContext: 'message',
            messagePayload: { body: { contentType: 'html', content: '<p>Vi treng <b>fleire</b> legar &amp; sjukepleiarar.</p>' } },
          },
        },
        { channel: 'ssu' },
      );
      const r = await d.post(act);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ task: { type: 'message' } });
    } finally {
      t.app.core.receive = original;
    }
    expect(received[0]).toMatchObject({
      kind: 'action',
      action: { d: 'input', s: 'from-message' },
      text: 'Vi treng fleire legar & sjukepleiarar.',
      where: 'direct',
      conversationId: sec.personalConversationId,
    });
  });

  it('installing in a team stores the team as an unbound channel, and «kanal» binds a channel to its body', async () => {
    const { Body } = await import('../../models/body.js');
    const team = await Address.findOne({ community: t.community._id, platform: 'teams', kind: 'channel', externalId: '19:team-demo@thread.tacv2' });
    expect(team?.body ?? null).toBeNull();
    expect((team?.ref as { conversation?: { id?: string } }).conversation?.id).toBe('19:team-demo@thread.tacv2');
    const ssu = await Body.findOne({ community: t.community._id, key: 'ssu' });
    const bound = await Address.findOne({ community: t.community._id, platform: 'teams', kind: 'channel', externalId: '19:ssu@thread.tacv2' });
    expect(String(bound?.body)).toBe(String(ssu?._id));
    // Posts go to the channel itself, not into the thread of the «kanal» message.
    expect((bound?.ref as { conversation?: { id?: string } }).conversation?.id).toBe('19:ssu@thread.tacv2');
  });

  it('Bot Framework Emulator (no tenant, no roster) works outside production, with an e-mail as the user name', async () => {
    const act = {
      type: 'message',
      id: 'emu-1',
      channelId: 'emulator',
      serviceUrl: d.fake.url,
      text: 'hjelp',
      from: { id: 'emu-user', name: DEMO_SECRETARIAT_EMAIL },
      recipient: BOT,
      conversation: { id: 'emu-conv-1' },
    };
    const before = d.fake.log.length;
    // The demo community already belongs to the test tenant, so the Emulator's tenant is adopted only by a lone demo.
    const { Community } = await import('../../models/community.js');
    await Community.updateOne({ _id: t.community._id }, { $addToSet: { teamsTenantIds: 'emulator' } });
    expect((await d.post(act)).status).toBe(200);
    const answer = d.fake.log
      .slice(before)
      .map((e) => JSON.stringify(e.activity))
      .join('');
    expect(answer).toContain('Dette kan du gjøre med Samla');
  });

  it('every card posted in these tests is a valid Adaptive Card 1.5 under the size limit', () => {
    const cards = d.fake.log.map((e) => cardOf(e.activity)).filter(Boolean);
    expect(cards.length).toBeGreaterThan(5);
    for (const c of cards) {
      if (cardProblems(c).length) console.log(JSON.stringify(c, null, 1));
      expect(cardProblems(c)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThan(80_000);
    }
  });
});

describe('Teams authentication', () => {
  let ta: TestApp;
  beforeAll(async () => {
    ta = await startTestApp({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'not-a-real-secret' });
  });
  afterAll(async () => {
    await ta?.close();
  });

  it('with an app id, a request without a valid token gets 401', async () => {
    const activity = {
      type: 'message',
      id: 'x1',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      from: { id: '29:a' },
      recipient: BOT,
      conversation: { id: 'a:1', conversationType: 'personal', tenantId: TEAMS_TENANT },
      text: 'status',
    };
    const url = `${ta.app.http.url}/api/messages`;
    const none = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(none.status).toBe(401);
    const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' }, body: JSON.stringify(activity) });
    expect(bad.status).toBe(401);
  });
});
