/**
 * Starts the running bot from the parts it is handed: database, scheduler, delivery, core, HTTP
 * server, then the dialogs and the platform adapters that have credentials. Which dialogs and
 * platforms there are is decided by the composition root (src/composition.ts), not here.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Config } from './config.js';
import { openDatabase } from './db/connect.js';
import { Core } from './bot.js';
import { Delivery } from './delivery.js';
import { Exports } from './exports.js';
import { FanOut } from './fanout.js';
import { onFirstContact } from './identity.js';
import type { Dialog } from './dialog.js';
import { startHttp } from './http.js';
import { createLogger, type Logger } from './log.js';
import { mountMetrics } from './metrics.js';
import { sweepClaims } from './once.js';
import { ROOT } from './paths.js';
import { Router } from './router.js';
import { Scheduler } from './scheduler.js';
import { seedDemoIfEmpty } from './demo.js';
import type { AdapterFactory, App } from './platform.js';
import type { ActionPayload } from './payload.js';
import type { Services } from './services.js';

const version = (createRequire(import.meta.url)(path.join(ROOT, 'package.json')) as { version: string }).version;

export interface StartOptions {
  log?: Logger;
  /** Every capability the bot runs. */
  dialogs: Dialog[];
  /** The platforms it can serve; each is mounted when the configuration enables it. */
  adapters: AdapterFactory[];
  /** What a platform's message shortcut («contribute this message») asks of a dialog. */
  messageAction?: ActionPayload;
  /** Start processing jobs (default true). Tests that inspect jobs without running them turn it off. */
  runJobs?: boolean;
  /** 'console' when a person chats in this terminal: start-up notices meant for server operators stay quiet. */
  mode?: 'console' | 'server';
  /** Seed the demo community into an empty database before the server says it is ready. */
  seedDemo?: boolean;
}

export async function startApp(config: Config, opts: StartOptions): Promise<App> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const db = await openDatabase(config, log);
  // Running jobs get a third of the shutdown's bound (the turns in flight have most of it first), so
  // a stop ends inside SHUTDOWN_TIMEOUT_SECONDS and what did not finish is unlocked for another instance.
  const scheduler = new Scheduler(db.uri, db.dbName, log, { pollSeconds: config.SCHEDULER_POLL_SECONDS, drainMs: Math.min(15_000, config.SHUTDOWN_TIMEOUT_SECONDS * 1000 * 0.3) });
  const delivery = new Delivery(log);
  const httpServer = await startHttp(config.PORT, version, config.HOST);
  const exports = new Exports(config, log, httpServer.url);
  exports.mount(httpServer.app);
  mountMetrics(httpServer.app, config);
  const fanout = new FanOut(scheduler, delivery, log, config.FANOUT_PER_SECOND);
  const services: Services = { config, log, delivery, scheduler, fanout, exports };
  const { dialogs } = opts;
  const core = new Core(new Router(dialogs), services);

  for (const d of dialogs) {
    for (const [name, handler] of Object.entries(d.jobs?.(services) ?? {})) scheduler.define(name, handler);
    for (const [name, template] of Object.entries(d.templates?.(services) ?? {})) fanout.register(name, template);
    for (const [kind, source] of Object.entries(d.exports?.(services) ?? {})) exports.register(kind, source);
    d.routes?.(httpServer, services);
  }
  scheduler.define('samla:sweep-claims', async () => {
    await sweepClaims(24 * 3600_000);
  });

  const stopListening = onFirstContact((member) => {
    fanout.reachable(member._id).catch((err: unknown) => log.error({ err, member: String(member._id) }, 'sending what waited for a member failed'));
  });

  const app: App = {
    config,
    log,
    db,
    scheduler,
    delivery,
    core,
    services,
    http: httpServer,
    adapters: [],
    messageAction: opts.messageAction ?? null,
    mode: opts.mode ?? 'server',
    async stop() {
      httpServer.markStopping();
      stopListening();
      for (const a of app.adapters.reverse()) await a.stop?.();
      await httpServer.close();
      await scheduler.stop();
      await db.close();
    },
  };

  for (const platform of opts.adapters) {
    if (platform.enabled(config)) app.adapters.push(await platform.mount(app));
    else if (platform.whenOff && opts.mode !== 'console') log.info(platform.whenOff);
  }

  if (opts.runJobs !== false) {
    await scheduler.start();
    await scheduler.agenda.every('10 minutes', 'samla:sweep-claims', { key: 'sweep-claims' });
  }
  if (opts.seedDemo && (await seedDemoIfEmpty(dialogs))) log.info('seeded the demo community (DEMO DATA)');
  httpServer.markReady();
  log.info({ port: config.PORT, adapters: app.adapters.map((a) => a.name), embedded: db.embedded }, 'Samla is running');
  return app;
}
