/**
 * Drives the Slack adapter over real HTTP: signs requests with the signing secret and posts them
 * to /slack/events (DM events, slash commands in channels, block_actions, view_submission), then
 * turns what the fake Web API recorded — messages, ephemerals, response_url posts, modals — into
 * `Seen`. Like the console, where everyone is local, every demo member is already known to the
 * workspace (their Slack user id is stored) and every body has a channel bound to it, so
 * reminders and channel posts reach them; first contact by e-mail is tested in test/slack.
 */
import { createHash, createHmac } from 'node:crypto';
import { Address } from '../../models/address.js';
import { Body } from '../../models/body.js';
import { Member } from '../../models/member.js';
import { mountSlack, type SlackAdapter } from '../../adapters/slack/index.js';
import { homeSchema, messageSchema, modalSchema } from '../../adapters/slack/limits.js';
import { fieldOfPart, splitForInputs } from '../../adapters/slack/render.js';
import { parseDate, parseDateTime, toInputDate } from '../../src/time.js';
import type { TestApp } from './app.js';
import type { ChatDriver, ChatUser, Seen, SeenForm } from './driver.js';
import { FAKE_BOT_USER_ID, FAKE_TEAM_ID, startFakeSlack, type FakeSlack, type RecordedCall } from './fake-slack.js';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_BOT_TOKEN = 'xoxb-test-token';
export const TEST_APP_TOKEN = 'xapp-1-test-token';
const DELIVERY = 'samla_delivery';

// ------------------------------------------------------------------ the wire

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  secret?: string;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  headers?: Record<string, string>;
}

/** Posts a signed request to /slack/events, as Slack does. */
export async function postToSlackEndpoint(baseUrl: string, body: string, contentType: string, o: PostOptions = {}): Promise<Response> {
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature(o.secret ?? TEST_SIGNING_SECRET, ts, body),
      ...o.headers,
    },
    body,
  });
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export function userIdFor(email: string): string {
  return `U${createHash('sha1').update(email.toLowerCase()).digest('hex').slice(0, 10).toUpperCase()}`;
}
export const dmOf = (userId: string) => `D${userId.slice(1)}`;
export const channelFor = (bodyKey: string) => `C${bodyKey.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;

// ------------------------------------------------------------------ reading Block Kit back

const unmark = (s: string) =>
  s
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/(^|\s)_([^_\n]+)_(?=\s|$|[.,!?])/g, '$1$2')
    .replace(/`/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

interface Clickable {
  label: string;
  action_id: string;
  block_id?: string;
  kind: 'button' | 'static_select';
  value: string;
}

const LINK_RE = /<(https?:[^|>]+)\|([^>]+)>/g;

/** The <url|label> links in mrkdwn, and the text as Slack shows it (the labels only). */
function readLinks(s: string, links: { label: string; url: string }[]): string {
  return s.replace(LINK_RE, (_m, url: string, label: string) => {
    links.push({ label: unmark(label), url: url.replace(/&amp;/g, '&') });
    return label;
  });
}

function readBlocks(blocks: any[]): { text: string; clickables: Clickable[]; links: { label: string; url: string }[] } {
  const lines: string[] = [];
  const clickables: Clickable[] = [];
  const links: { label: string; url: string }[] = [];
  const addElement = (el: any, blockId?: string) => {
    if (el.type === 'button') {
      clickables.push({ label: el.text.text, action_id: el.action_id, block_id: blockId, kind: 'button', value: el.value });
      lines.push(`[${el.text.text}]`);
    } else if (el.type === 'static_select') {
      const opts = el.options ?? (el.option_groups ?? []).flatMap((g: any) => g.options);
      for (const o of opts) clickables.push({ label: o.text.text, action_id: el.action_id, block_id: blockId, kind: 'static_select', value: o.value });
      lines.push(opts.map((o: any) => `[${o.text.text}]`).join(' '));
    }
  };
  for (const b of blocks ?? []) {
    if (b.type === 'section') {
      if (b.text) lines.push(readLinks(b.text.text, links));
      for (const f of b.fields ?? []) lines.push(f.text);
      if (b.accessory) addElement(b.accessory, b.block_id);
    } else if (b.type === 'context') lines.push(...b.elements.map((e: any) => e.text));
    else if (b.type === 'actions') for (const el of b.elements) addElement(el, b.block_id);
  }
  return { text: unmark(lines.join('\n')), clickables, links };
}

function initialValue(el: any): string | string[] | undefined {
  switch (el.type) {
    case 'plain_text_input':
    case 'number_input':
      return el.initial_value;
    case 'static_select':
    case 'external_select':
      return el.initial_option?.value;
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return el.initial_options?.map((o: any) => o.value);
    case 'datepicker':
      return el.initial_date;
    case 'datetimepicker':
      return el.initial_date_time !== undefined ? new Date(el.initial_date_time * 1000).toISOString() : undefined;
  }
  return undefined;
}

/**
 * Types each value into the modal as a member would: text longer than a box's max_length goes on
 * in the field's next box, broken at a space or line break; with no box left, Slack stops the
 * typing, and so does this (an error, since a form Slack cannot take is a bug).
 */
function typeInto(inputs: any[], values: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = { ...values };
  for (const [id, v] of Object.entries(values)) {
    if (typeof v !== 'string') continue;
    const boxes = inputs.filter((b) => b.block_id === id || fieldOfPart(b.block_id) === id);
    // Like a member would: go on in the next box at a paragraph break, or else between words.
    const pieces = boxes.length > 1 ? splitForInputs(v, boxes[0].element.max_length) : [v];
    if (pieces.length > boxes.length) pieces.splice(boxes.length - 1, Infinity, pieces.slice(boxes.length - 1).join('\n'));
    for (const [k, box] of boxes.entries()) {
      const piece = pieces[k] ?? '';
      const max: number | undefined = box.element.max_length;
      if (max !== undefined && piece.length > max) throw new Error(`Slack stops typing at ${max} characters in «${box.label.text}» (${piece.length} typed)`);
      out[box.block_id] = piece;
    }
  }
  return out;
}

function seenModal(view: any, values?: Record<string, string | string[]>, errors: Record<string, string> = {}): Seen {
  const inputs = (view.blocks ?? []).filter((b: any) => b.type === 'input');
  const shown: Record<string, string | string[]> = {};
  for (const b of inputs) {
    const v = values?.[b.block_id] ?? initialValue(b.element);
    const of = fieldOfPart(b.block_id);
    // The boxes of one long field show as one value, in order.
    if (of) {
      if (typeof v === 'string' && v) shown[of] = [shown[of], v].filter(Boolean).join('\n');
    } else if (v !== undefined) shown[b.block_id] = v;
  }
  const fields = inputs.filter((b: any) => !fieldOfPart(b.block_id)).map((b: any) => ({ id: b.block_id, label: b.label.text }));
  const f: SeenForm = { title: view.title.text, fields, values: shown, errors };
  const other = readBlocks((view.blocks ?? []).filter((b: any) => b.type !== 'input')).text;
  const text = [view.title.text, other, ...inputs.map((b: any) => b.label.text), ...Object.values(errors)].filter(Boolean).join('\n');
  return { text: unmark(text), buttons: [], form: f, private: true };
}

// ------------------------------------------------------------------ the driver

interface Posted {
  seen: Seen;
  clickables: Clickable[];
  /** Who can click it: a user id, or '*' for a channel message. */
  visibleTo: string;
  channel?: string;
  ts?: string;
  ephemeral: boolean;
}

export interface SlackUser extends ChatUser {
  /** Writes a message in the DM with the bot (a message event, rather than /samla). */
  dm(text: string): Promise<Seen[]>;
}

export interface SlackDriver extends ChatDriver {
  user(email: string): Promise<SlackUser>;
  fake: FakeSlack;
  adapter: SlackAdapter;
  baseUrl: string;
  /** Waits for the adapter to finish and reads new calls; returns those not yet attributed. */
  settle(): Promise<void>;
  homeOf(email: string): any;
}

/**
 * The Slack driver. With an app already running the Slack adapter (started with SLACK_* env),
 * pass the fake it talks to; otherwise a fake is started and the adapter mounted on the app.
 */
/**
 * Drives the Slack adapter the way Slack does: over HTTP (signed requests to /slack/events), or
 * over Socket Mode (envelopes on the WebSocket the app opened with its app token).
 */
export async function slackDriver(t: TestApp, given?: FakeSlack, transport: 'http' | 'socket' = 'http'): Promise<SlackDriver> {
  const fake = given ?? (await startFakeSlack());
  let adapter = t.app.adapters.find((a) => a.name === 'slack') as SlackAdapter | undefined;
  if (!adapter || !('settled' in adapter)) {
    const appToken = transport === 'socket' ? TEST_APP_TOKEN : undefined;
    adapter = await mountSlack(t.app, { signingSecret: TEST_SIGNING_SECRET, botToken: TEST_BOT_TOKEN, appToken, apiUrl: fake.apiUrl });
    t.app.adapters.push(adapter);
  }
  const baseUrl = t.app.http.url;
  const community = t.community._id;

  // Everyone in the directory is a known workspace member; every body has its channel.
  for (const m of await Member.find({ community })) {
    const uid = userIdFor(m.email);
    fake.addUser(uid, m.email, m.name);
    await Address.updateOne({ community, platform: 'slack', kind: 'member', externalId: uid }, { $set: { member: m._id, ref: { userId: uid } } }, { upsert: true });
  }
  const bodyByChannel = new Map<string, string>();
  for (const b of await Body.find({ community })) {
    const cid = channelFor(b.key);
    bodyByChannel.set(cid, b.key);
    await Address.updateOne({ community, platform: 'slack', kind: 'channel', externalId: cid }, { $set: { body: b._id, ref: { channel: cid } } }, { upsert: true });
  }

  let cursor = fake.calls.length;
  const posted: Posted[] = [];
  const inboxes = new Map<string, Seen[]>();
  const channels = new Map<string, Seen[]>();
  const modals = new Map<string, any>();
  const homes = new Map<string, any>();
  const triggers = new Map<string, string>();
  const responseUrls = new Map<string, { user: string; channel?: string; source?: Posted }>();
  let request: { user: string; seen: Seen[] } | null = null;
  let n = 0;

  const push = (m: Map<string, Seen[]>, k: string, s: Seen) => m.set(k, [...(m.get(k) ?? []), s]);

  /** Every payload the adapter sends is checked against Slack's limits; a violation fails the next step. */
  const violations: string[] = [];
  function check(call: RecordedCall) {
    const a = call.args;
    const schema =
      call.method === 'views.open' || call.method === 'views.update' || call.method === 'views.push'
        ? modalSchema
        : call.method === 'views.publish'
          ? homeSchema
          : ['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'response_url'].includes(call.method) && a.blocks
            ? messageSchema
            : null;
    const payload = schema === modalSchema || schema === homeSchema ? a.view : { text: a.text, blocks: a.blocks };
    const r = schema?.safeParse(payload);
    if (r && !r.success) violations.push(`${call.method}: ${r.error.message}`);
  }

  function take(call: RecordedCall) {
    check(call);
    if (call.status !== 200 || call.error) return;
    const a = call.args;
    switch (call.method) {
      case 'chat.postMessage': {
        const { text, clickables, links } = readBlocks(a.blocks);
        const seen: Seen = { text: text || unmark(String(a.text ?? '')), buttons: clickables.map((c) => c.label), private: false, links };
        const ch = String(a.channel);
        const direct = ch.startsWith('D');
        const owner = direct ? `U${ch.slice(1)}` : '*';
        posted.push({ seen, clickables, visibleTo: owner, channel: ch, ts: `${++n}`, ephemeral: false });
        if (request && a.metadata?.event_type !== DELIVERY) request.seen.push(seen);
        else if (direct) push(inboxes, owner, seen);
        else push(channels, ch, seen);
        break;
      }
      case 'chat.postEphemeral': {
        const { text, clickables, links } = readBlocks(a.blocks);
        const seen: Seen = { text: text || unmark(String(a.text ?? '')), buttons: clickables.map((c) => c.label), private: true, links };
        posted.push({ seen, clickables, visibleTo: String(a.user), channel: String(a.channel), ts: `${++n}`, ephemeral: true });
        if (request && request.user === a.user) request.seen.push(seen);
        else push(inboxes, String(a.user), seen);
        break;
      }
      case 'chat.update': {
        // A message updated in place: the member sees the new content where the old one was.
        const target = posted.find((p) => p.channel === String(a.channel) && p.ts === String(a.ts));
        if (!target) break;
        const { text, clickables, links } = readBlocks(a.blocks);
        target.seen = { text: text || unmark(String(a.text ?? '')), buttons: clickables.map((c) => c.label), private: target.ephemeral, links, updated: true };
        target.clickables = clickables;
        if (request) request.seen.push(target.seen);
        break;
      }
      case 'response_url': {
        const origin = responseUrls.get(call.responseId!);
        if (!origin) break;
        if (a.replace_original === true && origin.source) {
          const { text, clickables, links } = readBlocks(a.blocks);
          origin.source.seen = { text: text || unmark(String(a.text ?? '')), buttons: clickables.map((c) => c.label), private: origin.source.ephemeral, links, updated: true };
          origin.source.clickables = clickables;
          if (request) request.seen.push(origin.source.seen);
          break;
        }
        const { text, clickables, links } = readBlocks(a.blocks);
        const isPrivate = a.response_type !== 'in_channel';
        const seen: Seen = { text: text || unmark(String(a.text ?? '')), buttons: clickables.map((c) => c.label), private: isPrivate, links };
        posted.push({ seen, clickables, visibleTo: isPrivate ? origin.user : '*', channel: origin.channel, ts: `${++n}`, ephemeral: isPrivate });
        if (request) request.seen.push(seen);
        else push(inboxes, origin.user, seen);
        break;
      }
      case 'views.open': {
        const user = triggers.get(String(a.trigger_id));
        if (!user) break;
        modals.set(user, { ...a.view, id: `V${++n}` });
        request?.seen.push(seenModal(a.view));
        break;
      }
      case 'views.publish':
        homes.set(String(a.user_id), a.view);
        break;
    }
  }

  function drain() {
    while (cursor < fake.calls.length) take(fake.calls[cursor++]!);
  }

  async function settle() {
    await adapter!.settled();
    drain();
    if (violations.length) throw new Error(`payloads Slack would reject:\n${violations.splice(0).join('\n')}`);
  }

  /** What Slack sends for a slash command, an event or an interaction, over the driver's transport; the ack's body. */
  async function deliver(kind: 'command' | 'event' | 'interactive', payload: Record<string, unknown>): Promise<string> {
    if (transport === 'socket') {
      const ack = await fake.socket.send(kind === 'command' ? 'slash_commands' : kind === 'event' ? 'events_api' : 'interactive', payload);
      return Object.keys(ack).length ? JSON.stringify(ack) : '';
    }
    const res =
      kind === 'event'
        ? await postToSlackEndpoint(baseUrl, JSON.stringify(payload), 'application/json')
        : await postToSlackEndpoint(
            baseUrl,
            form(kind === 'command' ? (payload as Record<string, string>) : { payload: JSON.stringify(payload) }),
            'application/x-www-form-urlencoded',
          );
    const body = await res.text();
    if (res.status !== 200) throw new Error(`Slack endpoint answered ${res.status}: ${body}`);
    return body;
  }

  async function exchange(user: string, kind: 'command' | 'event' | 'interactive', payload: Record<string, unknown>): Promise<{ body: string; seen: Seen[] }> {
    await settle();
    const current = { user, seen: [] as Seen[] };
    request = current;
    try {
      const body = await deliver(kind, payload);
      await settle();
      return { body, seen: current.seen };
    } finally {
      request = null;
    }
  }

  const trigger = (user: string) => {
    const id = `${++n}.${user}.trigger`;
    triggers.set(id, user);
    return id;
  };
  const responseUrl = (user: string, channel?: string, source?: Posted) => {
    const url = fake.responseUrl();
    responseUrls.set(url.split('/').pop()!, { user, channel, source });
    return url;
  };
  /** An interactivity request from `user` (a click, a form): what Slack sends with each, then the payload's own fields. */
  const interactive = (user: string, payload: Record<string, unknown>) => ({
    team: { id: FAKE_TEAM_ID, domain: 'samla-demo' },
    user: { id: user, team_id: FAKE_TEAM_ID },
    api_app_id: 'A0SAMLA',
    trigger_id: trigger(user),
    ...payload,
  });

  const driver: SlackDriver = {
    platform: 'slack',
    fake,
    adapter,
    baseUrl,
    settle,
    homeOf: (email) => homes.get(userIdFor(email)),
    async user(email: string): Promise<SlackUser> {
      const uid = userIdFor(email);
      fake.addUser(uid, email.toLowerCase());
      const typed = new Map<string, Record<string, string | string[]>>();
      let lastSubmit: Record<string, unknown> | undefined;
      return {
        email,
        async say(text, where) {
          // What a member types goes through /samla: in the bot's DM, or in the body's channel.
          // (A message typed in the DM carries no trigger id for a modal; see dm() below.)
          const channel = where ? channelFor(where.channel) : dmOf(uid);
          const body = {
            token: 'legacy',
            team_id: FAKE_TEAM_ID,
            team_domain: 'samla-demo',
            channel_id: channel,
            channel_name: where ? where.channel : 'directmessage',
            user_id: uid,
            user_name: email.split('@')[0]!,
            command: '/samla',
            text,
            api_app_id: 'A0SAMLA',
            response_url: responseUrl(uid, channel),
            trigger_id: trigger(uid),
          };
          return (await exchange(uid, 'command', body)).seen;
        },
        async dm(text: string) {
          const body = {
            token: 'legacy',
            team_id: FAKE_TEAM_ID,
            api_app_id: 'A0SAMLA',
            type: 'event_callback',
            event_id: `Ev${++n}`,
            event_time: Math.floor(Date.now() / 1000),
            authorizations: [{ team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, is_bot: true }],
            event: { type: 'message', channel_type: 'im', channel: dmOf(uid), user: uid, text, ts: `${Date.now() / 1000}` },
          };
          return (await exchange(uid, 'event', body)).seen;
        },
        async click(label) {
          await settle();
          const match = (c: Clickable) => (typeof label === 'string' ? c.label.includes(label) : label.test(c.label));
          const msg = [...posted].reverse().find((p) => (p.visibleTo === uid || p.visibleTo === '*') && p.clickables.some(match));
          if (!msg) {
            const all = posted.filter((p) => p.visibleTo === uid || p.visibleTo === '*').flatMap((p) => p.clickables.map((c) => c.label));
            throw new Error(`no button «${String(label)}» among ${all.join(', ')}`);
          }
          const c = msg.clickables.find(match)!;
          const action =
            c.kind === 'button'
              ? { type: 'button', action_id: c.action_id, block_id: c.block_id, value: c.value, text: { type: 'plain_text', text: c.label }, action_ts: `${Date.now() / 1000}` }
              : {
                  type: 'static_select',
                  action_id: c.action_id,
                  block_id: c.block_id,
                  selected_option: { text: { type: 'plain_text', text: c.label }, value: c.value },
                  action_ts: `${Date.now() / 1000}`,
                };
          const body = interactive(uid, {
            type: 'block_actions',
            response_url: responseUrl(uid, msg.channel, msg),
            container: { type: 'message', message_ts: msg.ts, channel_id: msg.channel, is_ephemeral: msg.ephemeral },
            channel: { id: msg.channel },
            actions: [action],
          });
          return (await exchange(uid, 'interactive', body)).seen;
        },
        async submit(values) {
          await settle();
          const view = modals.get(uid);
          if (!view) throw new Error('no form is open');
          const inputs = view.blocks.filter((x: any) => x.type === 'input');
          const kept = { ...(typed.get(view.id) ?? {}), ...typeInto(inputs, values) };
          const state: Record<string, Record<string, unknown>> = {};
          for (const b of inputs) {
            const v = kept[b.block_id] ?? initialValue(b.element);
            state[b.block_id] = { [b.element.action_id]: stateValue(b.element, v) };
          }
          const body = interactive(uid, {
            type: 'view_submission',
            view: { ...view, state: { values: state } },
          });
          lastSubmit = body;
          const { body: ackBody, seen } = await exchange(uid, 'interactive', body);
          const ack = ackBody ? JSON.parse(ackBody) : {};
          if (ack.response_action === 'errors') {
            // The modal stays open with what was typed, and the errors under the fields.
            typed.set(view.id, kept);
            return [seenModal(view, kept, ack.errors), ...seen];
          }
          if (ack.response_action === 'update') {
            const r = modalSchema.safeParse(ack.view);
            if (!r.success) throw new Error(`a modal Slack would reject: ${r.error.message}`);
            modals.set(uid, { ...ack.view, id: view.id });
            return [seenModal(ack.view), ...seen];
          }
          modals.delete(uid);
          return seen;
        },
        async resubmit() {
          if (!lastSubmit) throw new Error(`${email} has submitted nothing`);
          // The modal's Submit pressed twice: Slack sends the same view again.
          return (await exchange(uid, 'interactive', { ...lastSubmit, trigger_id: trigger(uid) })).seen;
        },
        async inbox() {
          await settle();
          const l = inboxes.get(uid) ?? [];
          inboxes.set(uid, []);
          return l;
        },
      };
    },
    async channel(bodyKey: string) {
      await settle();
      const cid = channelFor(bodyKey);
      const l = channels.get(cid) ?? [];
      channels.set(cid, []);
      return l;
    },
    async close() {
      await adapter!.settled();
      if (!given) await fake.close();
    },
  };
  return driver;
}

/** What Slack puts in view.state.values for an input element holding v. */
function stateValue(el: any, v: string | string[] | undefined): Record<string, unknown> {
  const one = Array.isArray(v) ? v.join(', ') : v;
  const opt = (value: string) => {
    const o = (el.options ?? []).find((x: any) => x.value === value);
    return { text: { type: 'plain_text', text: o?.text.text ?? value }, value };
  };
  switch (el.type) {
    case 'static_select':
    case 'external_select':
      return { type: el.type, selected_option: one ? opt(one) : null };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes': {
      const list = Array.isArray(v)
        ? v
        : v
          ? v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : [];
      return { type: el.type, selected_options: list.map(opt) };
    }
    case 'datepicker': {
      const d = one ? parseDate(one) : null;
      return { type: el.type, selected_date: d ? toInputDate(d) : (one ?? null) };
    }
    case 'datetimepicker': {
      const d = one ? parseDateTime(one) : null;
      return { type: el.type, selected_date_time: d ? Math.floor(d.getTime() / 1000) : null };
    }
    default:
      return { type: el.type, value: one ?? null };
  }
}
