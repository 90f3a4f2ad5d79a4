/**
 * A local HTTP server that answers like Slack's Web API (the only fake in the Slack tests: the
 * boundary to the cloud). It records every call, answers the methods Samla uses the way Slack
 * does, can be told to answer 429 with Retry-After or to fail a method with an error code, and
 * accepts posts to the response_urls it hands out. For Socket Mode it hands out (with
 * apps.connections.open) a WebSocket on the same server that speaks Slack's envelope protocol.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const FAKE_TEAM_ID = 'T0SAMLA';
export const FAKE_BOT_USER_ID = 'U0SAMLABOT';

export interface RecordedCall {
  /** The Web API method, or 'response_url' for a post to a response URL. */
  method: string;
  args: Record<string, any>;
  /** For response_url posts: the id in the URL. */
  responseId?: string;
  status: number;
  /** Slack's error code when the call was answered ok: false. */
  error?: string;
  /** The token the call was made with (the Authorization header). */
  token?: string;
  /** When the call arrived (ms since the epoch), for benchmarks of what users see and when. */
  at: number;
  /** The message ts the fake gave a posted message. */
  ts?: string;
}

export interface FakeSlack {
  url: string;
  /** The base URL for SLACK_API_URL. */
  apiUrl: string;
  calls: RecordedCall[];
  addUser(id: string, email: string | null, name?: string): void;
  /** The next `times` calls of the method get 429 with Retry-After. */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void;
  /** The next call of the method fails with Slack's error code. */
  failNext(method: string, error: string): void;
  /** Every call of the methods (default: all but auth.test) fails with Slack's error code until told otherwise. */
  failAlways(method: string, error: string | null): void;
  /**
   * For the next `ms`, every call of the methods (default: all but auth.test) is answered with the
   * HTTP status: 429 with Retry-After, or a server error such as 500 or 503.
   */
  outage(status: number, ms: number, o?: { methods?: string[]; retryAfterSeconds?: number; channels?: string[] }): void;
  /** A fresh response URL (record posts to it as method 'response_url'). */
  responseUrl(): string;
  /** The Socket Mode side: what Slack sends the app over its WebSocket. */
  socket: FakeSocketMode;
  close(): Promise<void>;
}

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface FakeSocketMode {
  /** Sends an envelope to the connected app and resolves with the payload of its ack ({} when the ack has none). */
  send(type: EnvelopeType, payload: Record<string, unknown>, o?: { retryAttempt?: number }): Promise<Record<string, unknown>>;
  /** Apps that opened a connection and are still connected. */
  connections(): number;
}

function parseBody(raw: string, type: string | undefined): Record<string, any> {
  if (type?.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The WebClient sends objects (blocks, view, metadata) as JSON strings.
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const users = new Map<string, { email: string | null; name: string }>();
  const limits = new Map<string, { times: number; retryAfter: number }>();
  const failures = new Map<string, string>();
  const lasting = new Map<string, string>();
  let down: { status: number; until: number; methods: string[] | null; retryAfter: number; channels: string[] | null } | null = null;
  let seq = 0;
  let ts = 1_700_000_000;

  const answer = (method: string, args: Record<string, any>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://samla-demo.slack.com/', team: 'Samla demo', user: 'samla', team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, bot_id: 'B0SAMLA' };
      case 'users.info': {
        const u = users.get(String(args.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: args.user, team_id: FAKE_TEAM_ID, name: u.name, is_bot: false, profile: { real_name: u.name, ...(u.email ? { email: u.email } : {}) } } };
      }
      case 'users.lookupByEmail': {
        // Slack matches the e-mail case-insensitively; unknown (or e-mail-less) users are "users_not_found".
        const email = String(args.email ?? '').toLowerCase();
        const found = [...users].find(([, u]) => u.email?.toLowerCase() === email && email);
        if (!found) return { ok: false, error: 'users_not_found' };
        const [id, u] = found;
        return { ok: true, user: { id, team_id: FAKE_TEAM_ID, name: u.name, is_bot: false, deleted: false, profile: { real_name: u.name, email: u.email } } };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } };
      case 'chat.postMessage':
        if (!args.channel) return { ok: false, error: 'channel_not_found' };
        return { ok: true, channel: args.channel, ts: `${++ts}.000100`, message: { text: args.text, blocks: args.blocks } };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++ts}.000200` };
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish':
        return { ok: true, view: { id: `V${++seq}`, hash: `h${seq}`, ...(args.view ?? {}) } };
      case 'apps.connections.open':
        return { ok: true, url: `${url.replace(/^http/, 'ws')}/socket/${randomUUID()}` };
      default:
        return { ok: true };
    }
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const args = parseBody(raw, req.headers['content-type']);
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      const resp = /^\/response\/(\w+)$/.exec(url.pathname);
      if (resp) {
        calls.push({ method: 'response_url', args, responseId: resp[1], status: 200, at: Date.now() });
        return reply(200, { ok: true });
      }
      const m = /^\/api\/([\w.]+)$/.exec(url.pathname);
      if (!m) return reply(404, { ok: false, error: 'unknown_method' });
      const method = m[1]!;
      const struck = down && (down.methods ? down.methods.includes(method) : method !== 'auth.test') && (!down.channels || down.channels.includes(String(args.channel)));
      if (down && struck && Date.now() < down.until) {
        calls.push({ method, args, status: down.status, at: Date.now() });
        if (down.status === 429) return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(down.retryAfter) });
        res.writeHead(down.status, { 'content-type': 'text/html' });
        return res.end('<html><body>Service unavailable</body></html>');
      }
      const always = lasting.get(method);
      if (always) {
        calls.push({ method, args, status: 200, error: always, at: Date.now() });
        return reply(200, { ok: false, error: always });
      }
      const limit = limits.get(method);
      if (limit && limit.times > 0) {
        limit.times--;
        calls.push({ method, args, status: 429, at: Date.now() });
        return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfter) });
      }
      const fail = failures.get(method);
      if (fail) {
        failures.delete(method);
        calls.push({ method, args, status: 200, error: fail, at: Date.now() });
        return reply(200, { ok: false, error: fail });
      }
      const answered = answer(method, args);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      calls.push({
        method,
        args,
        status: 200,
        token,
        at: Date.now(),
        ...(typeof answered.ts === 'string' ? { ts: answered.ts } : {}),
        ...(answered.ok ? {} : { error: String(answered.error) }),
      });
      return reply(200, answered);
    });
  });
  // Socket Mode: Slack says hello on connect, then sends envelopes, each acked by its id.
  const wss = new WebSocketServer({ server });
  const sockets = new Set<WebSocket>();
  const acks = new Map<string, (payload: Record<string, unknown>) => void>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    // Slack pings every few seconds; the client reconnects when the server's pings stop.
    const pinging = setInterval(() => ws.ping(), 5000);
    pinging.unref();
    ws.on('close', () => {
      clearInterval(pinging);
      sockets.delete(ws);
    });
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (msg.envelope_id) acks.get(msg.envelope_id)?.(msg.payload ?? {});
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.size,
        debug_info: { host: 'fake-slack', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0SAMLA' },
      }),
    );
  });
  const socket: FakeSocketMode = {
    send(type, payload, o = {}) {
      const ws = [...sockets].at(-1);
      if (!ws) return Promise.reject(new Error('no app is connected over Socket Mode'));
      const envelope_id = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          acks.delete(envelope_id);
          reject(new Error(`the app did not ack the ${type} envelope within 3 s`));
        }, 3000);
        acks.set(envelope_id, (p) => {
          clearTimeout(timer);
          acks.delete(envelope_id);
          resolve(p);
        });
        ws.send(
          JSON.stringify({
            envelope_id,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            retry_attempt: o.retryAttempt ?? 0,
            retry_reason: o.retryAttempt ? 'timeout' : '',
          }),
        );
      });
    },
    connections: () => sockets.size,
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    addUser(id, email, name = email ?? id) {
      users.set(id, { email, name });
    },
    rateLimit(method, times, retryAfter) {
      limits.set(method, { times, retryAfter });
    },
    failNext(method, error) {
      failures.set(method, error);
    },
    failAlways(method, error) {
      if (error) lasting.set(method, error);
      else lasting.delete(method);
    },
    outage(status, ms, o = {}) {
      down = { status, until: Date.now() + ms, methods: o.methods ?? null, retryAfter: o.retryAfterSeconds ?? 1, channels: o.channels ?? null };
    },
    responseUrl() {
      return `${url}/response/r${++seq}`;
    },
    socket,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
