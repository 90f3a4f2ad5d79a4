/** The one HTTP server: /healthz here; the Slack and Teams endpoints mount onto the same app. */
import express, { type Express } from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { databaseAlive } from './db/connect.js';

export interface HttpServer {
  app: Express;
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

export async function startHttp(port: number, version: string): Promise<HttpServer> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    const db = await databaseAlive();
    res.status(db ? 200 : 503).json({ status: db ? 'ok' : 'unavailable', database: db ? 'up' : 'down', version });
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    app,
    server,
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
