/**
 * A local HTTP server that plays the Bot Framework connector at a bot's `serviceUrl`: it records
 * what the bot posts (new activities and replies), updates (PUT), member look-ups and the personal
 * chats it opens, and serves a roster. Failures can be injected to test the bot's back-off.
 * This is the only fake in the Teams tests: the bot talks to it through botbuilder over real HTTP.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMember {
  id: string;
  aadObjectId: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
  /** The personal chat the connector opens for this member (createConversation answers with it). */
  personalConversationId: string;
}

export interface Recorded {
  /** Position in the log; increases with every entry. */
  seq: number;
  kind: 'send' | 'update';
  conversationId: string;
  /** The activity's id: new for a send, the updated one for an update. */
  activityId: string;
  /** For a send: the activity it answers (a reply within a turn); absent for proactive posts. */
  replyToId?: string;
  activity: Record<string, unknown>;
}

export interface Failure {
  status: number;
  /** How many requests in a row get it. */
  times: number;
  method?: string;
  /** Only requests whose path contains this. */
  pathIncludes?: string;
  retryAfterSeconds?: number;
}

function trimSlash(s: string) {
  return s.replace(/\/+$/, '');
}

export class FakeConnector {
  readonly log: Recorded[] = [];
  readonly memberLookups: { conversationId: string; userId: string }[] = [];
  readonly created: { id: string; params: Record<string, unknown> }[] = [];
  /** Every request, for counting attempts. */
  readonly requests: { method: string; path: string; status: number }[] = [];
  private readonly members = new Map<string, FakeMember>();
  private readonly failures: Failure[] = [];
  private server?: http.Server;
  private next = 1;
  url = '';

  addMember(m: FakeMember): void {
    this.members.set(m.id, m);
    this.members.set(m.aadObjectId, m);
  }

  /** The members as a team roster, each once. */
  roster(): FakeMember[] {
    return [...new Set(this.members.values())];
  }

  failNext(f: Failure): void {
    this.failures.push({ ...f });
  }

  clearFailures(): void {
    this.failures.length = 0;
  }

  /** The newest version of an activity: the last update, or the send. */
  current(activityId: string): Recorded | undefined {
    for (let i = this.log.length - 1; i >= 0; i--) if (this.log[i]!.activityId === activityId) return this.log[i];
    return undefined;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const url = new URL(req.url ?? '/', 'http://x');
    const path = trimSlash(url.pathname);
    const method = req.method ?? 'GET';
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      this.requests.push({ method, path, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };

    const f = this.failures.find((x) => x.times > 0 && (!x.method || x.method === method) && (!x.pathIncludes || path.includes(x.pathIncludes)));
    if (f) {
      f.times--;
      send(f.status, { error: { code: 'Injected', message: `injected ${f.status}` } }, f.retryAfterSeconds !== undefined ? { 'retry-after': String(f.retryAfterSeconds) } : {});
      return;
    }

    if (method === 'POST' && path === '/v3/conversations') {
      const members = (body.members as { id: string }[] | undefined) ?? [];
      const m = members[0] ? this.members.get(members[0].id) : undefined;
      const id = m?.personalConversationId ?? `a:created-${this.next++}`;
      this.created.push({ id, params: body });
      send(200, { id });
      return;
    }
    const act = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (act) {
      const conversationId = decodeURIComponent(act[1]!);
      const target = act[2] ? decodeURIComponent(act[2]) : undefined;
      if (method === 'POST') {
        const activityId = `act-${this.next++}`;
        this.log.push({ seq: this.log.length, kind: 'send', conversationId, activityId, replyToId: target ?? (body.replyToId as string | undefined), activity: body });
        send(200, { id: activityId });
        return;
      }
      if (method === 'PUT' && target) {
        this.log.push({ seq: this.log.length, kind: 'update', conversationId, activityId: target, activity: body });
        send(200, { id: target });
        return;
      }
      if (method === 'DELETE') return send(200, {});
    }
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (member && method === 'GET') {
      const conversationId = decodeURIComponent(member[1]!);
      const userId = decodeURIComponent(member[2]!);
      this.memberLookups.push({ conversationId, userId });
      const m = this.members.get(userId);
      if (!m) return send(404, { error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation' } });
      return send(200, this.account(m));
    }
    const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(path);
    if (paged && method === 'GET') {
      const size = Number(url.searchParams.get('pageSize') ?? 100);
      const start = Number(url.searchParams.get('continuationToken') ?? 0);
      const all = this.roster();
      const page = all.slice(start, start + size).map((m) => this.account(m));
      return send(200, { members: page, ...(start + size < all.length ? { continuationToken: String(start + size) } : {}) });
    }
    if (/^\/v3\/conversations\/([^/]+)\/members$/.test(path) && method === 'GET') {
      return send(
        200,
        this.roster().map((m) => this.account(m)),
      );
    }
    send(404, { error: { code: 'NotFound', message: `${method} ${path}` } });
  }

  private account(m: FakeMember) {
    return {
      id: m.id,
      name: m.name,
      aadObjectId: m.aadObjectId,
      ...(m.email ? { email: m.email } : {}),
      userPrincipalName: m.userPrincipalName ?? m.email,
      tenantId: 'tenant',
      userRole: 'user',
    };
  }
}
