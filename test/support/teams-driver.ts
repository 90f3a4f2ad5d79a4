/**
 * Drives the Teams adapter the way Teams does: real Bot Framework activities posted over HTTP to
 * /api/messages, with `serviceUrl` pointing at a local fake connector that records what the bot
 * posts. What it recorded — text and Adaptive Cards, updated in place or not — becomes `Seen`.
 *
 * The driver sets the stage like a real tenant: the app is installed in a team whose roster holds
 * every demo member, and the secretariat runs «kanal <organ>» in one channel per body.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Body } from '../../models/body.js';
import { Member } from '../../models/member.js';
import { errorBlockId, FORM_KEY, formTitleId, SELECT_KEY } from '../../adapters/teams/card-data.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { TestApp } from './app.js';
import type { ChatDriver, ChatUser, Seen, SeenForm } from './driver.js';
import { FakeConnector, type FakeMember, type Recorded } from './fake-connector.js';

export const TEAMS_TENANT = 'tenant-demo-0001';
export const TEAM_ID = '19:team-demo@thread.tacv2';
export const BOT = { id: '28:samla-bot', name: 'Samla' };

type Card = { body?: CardEl[] };
type CardEl = Record<string, unknown> & { type?: string; id?: string };

export function teamsIdentity(email: string): FakeMember {
  const h = createHash('sha1').update(email.toLowerCase()).digest('hex');
  return {
    id: `29:${h.slice(0, 24)}`,
    aadObjectId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`,
    name: email.split('@')[0]!,
    email: email.toLowerCase(),
    personalConversationId: `a:${h.slice(0, 30)}`,
  };
}

export function channelId(bodyKey: string): string {
  return `19:${bodyKey}@thread.tacv2`;
}

// ── what the fake recorded, as a user sees it ─────────────────────────────────────────────────

export function stripMarkdown(s: string): string {
  return s.replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1');
}

function walk(els: CardEl[] | undefined, visit: (e: CardEl) => void): void {
  for (const e of els ?? []) {
    visit(e);
    walk(e.items as CardEl[] | undefined, visit);
    for (const c of (e.columns as { items?: CardEl[] }[] | undefined) ?? []) walk(c.items, visit);
    for (const a of (e.actions as CardEl[] | undefined) ?? []) visit(a);
  }
}

export function cardOf(activity: Record<string, unknown>): Card | undefined {
  const att = (activity.attachments as { contentType: string; content: Card }[] | undefined)?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return att?.content;
}

function formOf(card: Card): SeenForm | undefined {
  let n: string | undefined;
  walk(card.body, (e) => {
    const data = e.data as Record<string, unknown> | undefined;
    if (n === undefined && e.type === 'Action.Submit' && data?.[FORM_KEY] !== undefined) n = String(data[FORM_KEY]);
  });
  if (n === undefined) return undefined;
  const prefix = `samla.${n}.`;
  const form: SeenForm = { title: '', fields: [], values: {}, errors: {} };
  walk(card.body, (e) => {
    if (e.type === 'TextBlock' && e.id === formTitleId(Number(n))) form.title = String(e.text);
    if (e.type === 'TextBlock' && e.id?.startsWith(errorBlockId(Number(n), ''))) {
      form.errors[e.id.slice(errorBlockId(Number(n), '').length)] = String(e.text).replace(/^⚠ /, '');
    }
    if (!e.id?.startsWith(prefix)) return;
    const rest = e.id.slice(prefix.length);
    if (e.type?.startsWith('Input.') && rest.endsWith('.time')) {
      const f = rest.slice(0, -'.time'.length);
      if (e.value !== undefined) form.values[f] = [form.values[f], String(e.value)].filter(Boolean).join(' ');
    } else if (e.type?.startsWith('Input.')) {
      form.fields.push({ id: rest, label: String(e.label ?? '') });
      if (e.value !== undefined) form.values[rest] = String(e.value);
    }
  });
  return form;
}

export function seenOf(activity: Record<string, unknown>): Seen {
  const card = cardOf(activity);
  if (!card) return { text: stripMarkdown(String(activity.text ?? '')), buttons: [], private: false };
  const lines: string[] = [];
  const buttons: string[] = [];
  const links: { label: string; url: string }[] = [];
  walk(card.body, (e) => {
    if (e.type === 'Action.OpenUrl') {
      lines.push(String(e.title));
      links.push({ label: String(e.title), url: String(e.url) });
    }
    if (e.type === 'TextBlock') lines.push(stripMarkdown(String(e.text ?? '')));
    if (e.type === 'FactSet') for (const f of e.facts as { title: string; value: string }[]) lines.push(`${f.title}: ${stripMarkdown(f.value)}`);
    if (e.type?.startsWith('Input.') && e.label) lines.push(String(e.label));
    if (e.type === 'Input.ChoiceSet' && String(e.id).startsWith('samla.select.')) {
      for (const c of e.choices as { title: string }[]) buttons.push(c.title);
    }
    const data = e.data as Record<string, unknown> | undefined;
    if (e.type === 'Action.Submit') {
      lines.push(String(e.title));
      if (data?.[FORM_KEY] === undefined && data?.[SELECT_KEY] === undefined) buttons.push(String(e.title));
    }
  });
  return { text: lines.join('\n').trim(), buttons, form: formOf(card), private: false, links };
}

/** Finds the click target for a label on a card: a button, or an option of a long select. */
export function findClick(card: Card, label: string | RegExp): Record<string, unknown> | undefined {
  const match = (s: string) => (typeof label === 'string' ? s.includes(label) : label.test(s));
  let found: Record<string, unknown> | undefined;
  const selects = new Map<string, { value: string; title: string }[]>();
  walk(card.body, (e) => {
    if (e.type === 'Input.ChoiceSet' && String(e.id).startsWith('samla.select.')) selects.set(String(e.id), e.choices as { value: string; title: string }[]);
  });
  walk(card.body, (e) => {
    if (found || e.type !== 'Action.Submit') return;
    const data = e.data as Record<string, unknown>;
    if (data[FORM_KEY] !== undefined) return;
    const select = data[SELECT_KEY];
    if (typeof select === 'string') {
      const choice = selects.get(select)?.find((c) => match(c.title));
      if (choice) found = { ...data, [select]: choice.value };
    } else if (match(String(e.title))) found = { ...data };
  });
  return found;
}

// ── the driver ────────────────────────────────────────────────────────────────────────────────

export interface TeamsDriver extends ChatDriver {
  fake: FakeConnector;
  /** Posts a raw activity to /api/messages; returns the HTTP status and body. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  /** A message activity as Teams sends it, from this e-mail's user. */
  message(email: string, fields: Record<string, unknown>, where?: { channel: string }): Record<string, unknown>;
}

export async function teamsDriver(t: TestApp, opts: { setup?: boolean } = {}): Promise<TeamsDriver> {
  const fake = new FakeConnector();
  await fake.start();
  const endpoint = `${t.app.http.url}/api/messages`;
  const consumed = new Set<number>();
  /** Per user: ids of messages they have been shown, newest last (to click and submit on). */
  const shown = new Map<string, { conversationId: string; activityId: string }[]>();
  const cursors = new Map<string, number>();

  const members = await Member.find({ community: t.community._id });
  for (const m of members) fake.addMember(teamsIdentity(m.email));

  async function post(activity: Record<string, unknown>, headers: Record<string, string> = {}) {
    const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
    return { status: res.status, body: await res.text() };
  }

  function message(email: string, fields: Record<string, unknown>, where?: { channel: string }): Record<string, unknown> {
    const u = teamsIdentity(email);
    const id = `in-${randomUUID()}`;
    const base = {
      type: 'message',
      id,
      channelId: 'msteams',
      serviceUrl: fake.url,
      timestamp: new Date().toISOString(),
      from: { id: u.id, name: u.name, aadObjectId: u.aadObjectId },
      recipient: BOT,
      locale: 'nb-NO',
    };
    if (!where) {
      return {
        ...base,
        conversation: { id: u.personalConversationId, conversationType: 'personal', tenantId: TEAMS_TENANT },
        channelData: { tenant: { id: TEAMS_TENANT } },
        ...fields,
      };
    }
    const ch = channelId(where.channel);
    const thread = typeof fields.replyToId === 'string' ? fields.replyToId : id;
    return {
      ...base,
      conversation: { id: `${ch};messageid=${thread}`, conversationType: 'channel', isGroup: true, tenantId: TEAMS_TENANT },
      channelData: { tenant: { id: TEAMS_TENANT }, team: { id: TEAM_ID, name: 'Samla demo' }, channel: { id: ch, name: where.channel } },
      ...fields,
    };
  }

  const base = (id: string) => id.split(';messageid=')[0]!;

  /** Posts an activity and returns what the bot answered in that conversation during the turn. */
  async function turn(email: string, activity: Record<string, unknown>): Promise<Seen[]> {
    const from = fake.log.length;
    const r = await post(activity);
    if (r.status >= 300) throw new Error(`POST /api/messages answered ${r.status}: ${r.body}`);
    const conv = base(String((activity.conversation as { id: string }).id));
    const personal = teamsIdentity(email).personalConversationId;
    const out: Seen[] = [];
    for (const e of fake.log.slice(from)) {
      // A private answer to something done in a channel arrives in the member's personal chat.
      const privateAnswer = conv !== personal && base(e.conversationId) === personal && e.kind === 'send';
      if (base(e.conversationId) !== conv && !privateAnswer) continue;
      if (!privateAnswer && e.kind === 'send' && e.replyToId !== activity.id) continue;
      consumed.add(e.seq);
      remember(email, e);
      out.push({ ...seenOf(e.activity), private: privateAnswer, ...(e.kind === 'update' ? { updated: true } : {}) });
    }
    return out;
  }

  function remember(email: string, e: Recorded) {
    const list = shown.get(email) ?? [];
    list.push({ conversationId: e.conversationId, activityId: e.activityId });
    shown.set(email, list);
  }

  /** Unread proactive posts (and updates) in a conversation. */
  function unread(conversation: string, cursorKey: string): Recorded[] {
    const start = cursors.get(cursorKey) ?? 0;
    cursors.set(cursorKey, fake.log.length);
    return fake.log.slice(start).filter((e) => base(e.conversationId) === conversation && !consumed.has(e.seq) && (e.kind === 'update' || !e.replyToId));
  }

  /** The newest message this user was shown (or any channel post) that satisfies the test. */
  function newest<T>(email: string, pick: (card: Card) => T | undefined): { target: Recorded; result: T } | undefined {
    const candidates = [...(shown.get(email) ?? [])].reverse();
    const channelPosts = [...fake.log].reverse().filter((e) => e.conversationId.startsWith('19:') && e.kind === 'send');
    for (const c of [...candidates, ...channelPosts]) {
      const cur = fake.current(c.activityId);
      const card = cur && cardOf(cur.activity);
      const result = card && pick(card);
      if (cur && result !== undefined) return { target: { ...cur, conversationId: c.conversationId }, result };
    }
    return undefined;
  }

  /** Posts a card submission from the conversation the card is in. */
  function cardActivity(email: string, target: Recorded, value: Record<string, unknown>) {
    const conv = base(target.conversationId);
    const key = conv.startsWith('19:') ? conv.slice(3).replace('@thread.tacv2', '') : undefined;
    const where = key && conv !== TEAM_ID ? { channel: key } : undefined;
    const act = message(email, { value, replyToId: target.activityId }, where);
    if (!where) (act.conversation as { id: string }).id = conv;
    return act;
  }

  function user(email: string): ChatUser {
    const u = teamsIdentity(email);
    fake.addMember(u);
    let lastSubmit: { target: Recorded; value: Record<string, unknown> } | undefined;
    return {
      email,
      say(text, where) {
        const mention = '<at>Samla</at>';
        const act = where ? message(email, { text: `${mention} ${text}`, entities: [{ type: 'mention', text: mention, mentioned: BOT }] }, where) : message(email, { text });
        return turn(email, act);
      },
      async click(label) {
        const hit = newest(email, (card) => findClick(card, label));
        if (!hit) throw new Error(`no button «${String(label)}» in any message shown to ${email}`);
        return turn(email, cardActivity(email, hit.target, hit.result));
      },
      async submit(values) {
        const hit = newest(email, (card) => {
          let data: Record<string, unknown> | undefined;
          walk(card.body, (e) => {
            const d = e.data as Record<string, unknown> | undefined;
            if (!data && e.type === 'Action.Submit' && d?.[FORM_KEY] !== undefined) data = d;
          });
          return data ? { card, data } : undefined;
        });
        if (!hit) throw new Error(`no form is open for ${email}`);
        const { card, data } = hit.result;
        const prefix = `samla.${String(data[FORM_KEY])}.`;
        const inputs: Record<string, string> = {};
        walk(card.body, (e) => {
          if (e.type?.startsWith('Input.') && e.id?.startsWith(prefix)) inputs[e.id] = e.value === undefined ? '' : String(e.value);
        });
        for (const [field, v] of Object.entries(values)) {
          const text = Array.isArray(v) ? v.join(',') : v;
          const id = `${prefix}${field}`;
          if (`${id}.time` in inputs) {
            const m = /^(\S+)\s+([\s\S]+)$/.exec(text.trim());
            inputs[id] = m ? m[1]! : text;
            inputs[`${id}.time`] = m ? m[2]! : '';
          } else inputs[id] = text;
        }
        lastSubmit = { target: hit.target, value: { ...data, ...inputs } };
        return turn(email, cardActivity(email, hit.target, lastSubmit.value));
      },
      async resubmit() {
        if (!lastSubmit) throw new Error(`${email} has submitted nothing`);
        // The same card's Send clicked again: a new activity with the same data.
        return turn(email, cardActivity(email, lastSubmit.target, lastSubmit.value));
      },
      async inbox() {
        const list = unread(u.personalConversationId, `inbox:${email}`);
        for (const e of list) {
          consumed.add(e.seq);
          remember(email, e);
        }
        return list.map((e) => seenOf(e.activity));
      },
    };
  }

  const driver: TeamsDriver = {
    platform: 'teams',
    fake,
    post,
    message,
    user: async (email) => user(email),
    async channel(bodyKey) {
      const list = unread(channelId(bodyKey), `channel:${bodyKey}`);
      for (const e of list) consumed.add(e.seq);
      return list.map((e) => seenOf(e.activity));
    },
    async close() {
      await fake.close();
    },
  };

  if (opts.setup !== false) {
    // Installed in the demo team: the roster gives the bot a way to reach every member.
    const sec = teamsIdentity(DEMO_SECRETARIAT_EMAIL);
    const install = await post({
      type: 'conversationUpdate',
      id: `in-${randomUUID()}`,
      channelId: 'msteams',
      serviceUrl: fake.url,
      from: { id: sec.id, aadObjectId: sec.aadObjectId, name: sec.name },
      recipient: BOT,
      conversation: { id: TEAM_ID, conversationType: 'channel', isGroup: true, tenantId: TEAMS_TENANT },
      channelData: { tenant: { id: TEAMS_TENANT }, team: { id: TEAM_ID, name: 'Samla demo' }, eventType: 'teamMemberAdded' },
      membersAdded: [BOT],
    });
    if (install.status >= 300) throw new Error(`install answered ${install.status}: ${install.body}`);
    // One channel per body, bound the way the secretariat does it.
    const secretariat = user(DEMO_SECRETARIAT_EMAIL);
    for (const b of await Body.find({ community: t.community._id })) {
      const seen = await secretariat.say(`kanal ${b.key}`, { channel: b.key });
      if (!seen.length) throw new Error(`binding the channel for ${b.key} got no answer`);
    }
    shown.clear();
    for (const e of fake.log) consumed.add(e.seq);
  }
  return driver;
}
