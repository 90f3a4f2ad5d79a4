/** GET /healthz and /readyz: 200 while the database answers, 503 when it does not (start-up: see readiness.test.ts). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSamla } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { startEmbedded } from '../../src/db/embedded.js';
import { createLogger } from '../../src/log.js';

describe('/healthz', () => {
  it('is 200 with the database up and 503 once it goes down', async () => {
    // A database server of its own, so this test can stop it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-health-'));
    const server = await startEmbedded(dir);
    const app = await startSamla(loadConfig({ NODE_ENV: 'test', MONGODB_URI: server.uri, PORT: '0', SAMLA_DB_NAME: 'health' }), {
      log: createLogger('silent'),
      runJobs: false,
    });
    try {
      const up = await fetch(`${app.http.url}/healthz`);
      expect(up.status).toBe(200);
      expect(await up.json()).toMatchObject({ status: 'ok', database: 'up' });
      const ready = await fetch(`${app.http.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', database: 'up' });

      await server.stop();
      const down = await fetch(`${app.http.url}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'unavailable', database: 'down' });
      expect((await fetch(`${app.http.url}/readyz`)).status).toBe(503);
    } finally {
      await app.stop().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
