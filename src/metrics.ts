/**
 * Prometheus metrics (prom-client): the registry, every metric Samla exports, and the small calls
 * the instrumented sites make. Each process has its own registry, so with several instances every
 * one is scraped on its own; the fan-out queue depth is read from the database and is the same
 * on all of them.
 *
 * /metrics is open outside production unless METRICS_TOKEN is set; in production it exists only
 * with METRICS_TOKEN, and then asks for it as a bearer token. Labels are fixed sets (platform,
 * kind, method names, job names, command names), never ids or text.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Express, Request } from 'express';
import type { EventEmitter } from 'node:events';
import client from 'prom-client';
import { FanOutRecipient } from '../models/fanout.js';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const turnSeconds = new client.Histogram({
  name: 'samla_turn_duration_seconds',
  help: 'A turn (message, click, form) from arrival in the core to its answer, waiting in line included',
  labelNames: ['platform', 'kind', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const httpSeconds = new client.Histogram({
  name: 'samla_http_request_duration_seconds',
  help: "HTTP requests, from arrival to the response sent; for /slack/events this is the time to Slack's acknowledgement",
  labelNames: ['route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
  registers: [registry],
});

const slackAckSeconds = new client.Histogram({
  name: 'samla_slack_ack_seconds',
  help: 'Time until Slack got its HTTP acknowledgement (Slack gives up after 3 s)',
  labelNames: ['status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
  registers: [registry],
});

const platformCalls = new client.Counter({
  name: 'samla_platform_api_calls_total',
  help: 'Calls to the Slack Web API and the Bot Framework connector, by outcome (ok, or the HTTP status or error kind)',
  labelNames: ['platform', 'method', 'outcome'] as const,
  registers: [registry],
});

const platformCallSeconds = new client.Histogram({
  name: 'samla_platform_api_call_duration_seconds',
  help: 'Duration of calls to the Slack Web API and the Bot Framework connector (retries inside the SDK included)',
  labelNames: ['platform', 'method'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
  registers: [registry],
});

const rateLimited = new client.Counter({
  name: 'samla_platform_rate_limited_total',
  help: 'Answers 429 (rate limited) from Slack or the Bot Framework connector',
  labelNames: ['platform'] as const,
  registers: [registry],
});

const fanoutMessages = new client.Counter({
  name: 'samla_fanout_messages_total',
  help: 'Fan-out recipients handled, by what became of them (sent, skipped, failed, unreachable, retry)',
  labelNames: ['state'] as const,
  registers: [registry],
});

new client.Gauge({
  name: 'samla_fanout_queue_depth',
  help: 'Fan-out recipients still waiting, across all instances (read from the database at scrape time)',
  labelNames: ['state'] as const,
  registers: [registry],
  async collect() {
    for (const state of ['pending', 'sending', 'unreachable'] as const) {
      try {
        this.set({ state }, await FanOutRecipient.countDocuments({ state }).maxTimeMS(1000));
      } catch {
        // The database is away: the scrape still answers, without this figure.
      }
    }
  },
});

const jobLateness = new client.Histogram({
  name: 'samla_job_lateness_seconds',
  help: 'How long after it was due a job started (reminders, closings, fan-outs)',
  labelNames: ['job'] as const,
  buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
  registers: [registry],
});

const jobRuns = new client.Counter({
  name: 'samla_job_runs_total',
  help: 'Job runs by outcome (ok, failed, interrupted by a shutdown)',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});

const dbSeconds = new client.Histogram({
  name: 'samla_db_command_duration_seconds',
  help: "Database commands of the app's connection (the driver's command monitoring), by command and outcome",
  labelNames: ['command', 'outcome'] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  registers: [registry],
});

export function observeTurn(platform: string, kind: string, outcome: 'ok' | 'error', seconds: number): void {
  turnSeconds.observe({ platform, kind, outcome }, seconds);
}

/** Routes by a fixed set of names, so a scan of random paths cannot grow the label set. */
function routeOf(path: string): string {
  if (path === '/slack/events' || path === '/api/messages' || path === '/healthz' || path === '/readyz' || path === '/metrics') return path;
  if (path.startsWith('/exports/') || path.startsWith('/export/')) return '/exports';
  if (path.startsWith('/meetings/')) return '/meetings';
  return 'other';
}

export function observeHttp(path: string, status: number, seconds: number): void {
  const route = routeOf(path);
  httpSeconds.observe({ route, status: String(status) }, seconds);
  if (route === '/slack/events') slackAckSeconds.observe({ status: String(status) }, seconds);
}

function statusOf(err: unknown): string {
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown }; code?: unknown } | null;
  for (const v of [e?.statusCode, e?.status, e?.response?.status]) if (typeof v === 'number') return String(v);
  // Slack's Web API answers ok: false with 200; the SDK's error code says which kind of failure.
  return typeof e?.code === 'string' && e.code.startsWith('slack_') ? e.code.replace(/^slack_webapi_/, '') : 'error';
}

/** Counts and times one platform API call, and passes its result or error through. */
export async function platformCall<T>(platform: 'slack' | 'teams', method: string, call: Promise<T>): Promise<T> {
  const end = platformCallSeconds.startTimer({ platform, method });
  try {
    const r = await call;
    platformCalls.inc({ platform, method, outcome: 'ok' });
    return r;
  } catch (err) {
    const outcome = statusOf(err);
    platformCalls.inc({ platform, method, outcome });
    if (outcome === '429' || outcome === 'rate_limited_error') rateLimited.inc({ platform });
    throw err;
  } finally {
    end();
  }
}

/** A 429 that the SDK waited out by itself (Slack's WebClient retries after Retry-After). */
export function rateLimitedOnce(platform: 'slack' | 'teams'): void {
  rateLimited.inc({ platform });
}

/** Slack's WebClient retries 429s inside apiCall; it tells of each one with an event. */
export function watchSlackClient(c: { on(event: 'rate_limited', fn: (...args: unknown[]) => void): unknown }): void {
  c.on('rate_limited', () => rateLimitedOnce('slack'));
}

export function fanoutHandled(state: string): void {
  fanoutMessages.inc({ state });
}

export function jobStarted(job: string, due: unknown): void {
  const at = typeof due === 'number' ? due : due instanceof Date ? due.getTime() : NaN;
  if (Number.isFinite(at)) jobLateness.observe({ job }, Math.max(0, Date.now() - at) / 1000);
}

export function jobFinished(job: string, outcome: 'ok' | 'failed' | 'interrupted'): void {
  jobRuns.inc({ job, outcome });
}

const monitored = new WeakSet<object>();

/**
 * Times every command of the app's database connection through the driver's command monitoring
 * (the client must be created with monitorCommands: true). Agenda's own connection is not included.
 */
export function monitorDatabase(c: EventEmitter): void {
  if (monitored.has(c)) return;
  monitored.add(c);
  // An EventEmitter rather than the MongoClient type: mongoose brings its own copy of the driver.
  type CommandEvent = { commandName: string; duration: number };
  c.on('commandSucceeded', (e: CommandEvent) => dbSeconds.observe({ command: e.commandName, outcome: 'ok' }, e.duration / 1000));
  c.on('commandFailed', (e: CommandEvent) => dbSeconds.observe({ command: e.commandName, outcome: 'failed' }, e.duration / 1000));
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function bearerMatches(req: Request, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(req.header('authorization') ?? '');
  return Boolean(m) && timingSafeEqual(digest(m![1]!), digest(token));
}

/**
 * Mounts GET /metrics: in production only with a token; elsewhere open unless a token is set.
 * Returns whether it was mounted.
 */
export function mountMetrics(app: Express, config: { NODE_ENV: string; METRICS_TOKEN?: string | undefined }): boolean {
  const token = config.METRICS_TOKEN;
  if (config.NODE_ENV === 'production' && !token) return false;
  app.get('/metrics', async (req, res) => {
    if (token && !bearerMatches(req, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res.status(401).end();
      return;
    }
    res.setHeader('content-type', registry.contentType);
    res.end(await registry.metrics());
  });
  return true;
}
