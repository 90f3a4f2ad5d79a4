/**
 * The one HTTP server: the probes here; the Slack and Teams endpoints and the links mount onto
 * the same app. The server listens before the adapters mount (they need its address), so until
 * start-up has finished every other route answers 503 with Retry-After instead of a 404 that a
 * platform would take as final, and the probes say "starting".
 */
import express, { type Express } from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestScope } from './context.js';
import { databaseAlive } from './db/connect.js';

export interface HttpServer {
  app: Express;
  server: http.Server;
  url: string;
  /** The address it listens on. */
  host: string;
  /** Start-up has finished: every route is mounted and start-up work (seeding) is done. */
  markReady(): void;
  /** Shutting down: /readyz turns 503 so a load balancer stops sending, while /healthz stays up. */
  markStopping(): void;
  close(): Promise<void>;
}

const PROBES = new Set(['/healthz', '/readyz']);

export async function startHttp(port: number, version: string, host = '0.0.0.0'): Promise<HttpServer> {
  const app = express();
  app.disable('x-powered-by');
  // Express's own error page shows the stack and the parser's message unless it thinks it runs in
  // production; routes answer their own errors, and whatever slips through says nothing more.
  app.set('env', 'production');
  let phase: 'starting' | 'ready' | 'stopping' = 'starting';
  app.use((req, res, next) => {
    if (phase !== 'starting' || PROBES.has(req.path)) return next();
    res.setHeader('Retry-After', '1');
    res.status(503).json({ status: 'starting' });
  });
  app.use(requestScope);
  // Liveness: the process has started and its database answers.
  app.get('/healthz', async (_req, res) => {
    const db = await databaseAlive();
    const ok = db && phase !== 'starting';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : phase === 'starting' ? 'starting' : 'unavailable', database: db ? 'up' : 'down', version });
  });
  // Readiness (what a load balancer asks): as liveness, and not shutting down.
  app.get('/readyz', async (_req, res) => {
    const db = await databaseAlive();
    const ok = db && phase === 'ready';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : phase === 'ready' ? 'unavailable' : phase, database: db ? 'up' : 'down', version });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    app,
    server,
    host,
    url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${actual}`,
    markReady: () => {
      if (phase === 'starting') phase = 'ready';
    },
    markStopping: () => {
      phase = 'stopping';
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
