/** The one HTTP server: /healthz here; the Slack and Teams endpoints mount onto the same app. */
import express, { type Express } from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { databaseAlive } from './db/connect.js';

export interface HttpServer {
  app: Express;
  server: http.Server;
  url: string;
  /** The address it listens on. */
  host: string;
  close(): Promise<void>;
}

export async function startHttp(port: number, version: string, host = '0.0.0.0'): Promise<HttpServer> {
  const app = express();
  app.disable('x-powered-by');
  // Express's own error page shows the stack and the parser's message unless it thinks it runs in
  // production; routes answer their own errors, and whatever slips through says nothing more.
  app.set('env', 'production');
  app.get('/healthz', async (_req, res) => {
    const db = await databaseAlive();
    res.status(db ? 200 : 503).json({ status: db ? 'ok' : 'unavailable', database: db ? 'up' : 'down', version });
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
