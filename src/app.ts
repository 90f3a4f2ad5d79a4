/**
 * Composes the running bot: database, scheduler, delivery, core, HTTP server and the platform
 * adapters that have credentials. main.ts and the tests both start it through here.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/connect.js';
import { Core } from './bot.js';
import { Delivery } from './delivery.js';
import { Exports } from './exports.js';
import { FanOut } from './fanout.js';
import { onFirstContact } from './identity.js';
import type { Dialog } from './dialog.js';
import { startHttp, type HttpServer } from './http.js';
import { createLogger, type Logger } from './log.js';
import { mountMetrics } from './metrics.js';
import { sweepClaims } from './once.js';
import { ROOT } from './paths.js';
import { Router } from './router.js';
import { Scheduler } from './scheduler.js';
import { seedDemoIfEmpty } from './demo.js';
import type { Services } from './services.js';
import { allDialogs } from '../dialogs/index.js';

const version = (createRequire(import.meta.url)(path.join(ROOT, 'package.json')) as { version: string }).version;

/** A platform adapter that mounts onto the running app. */
export interface PlatformAdapter {
  name: string;
  stop?(): Promise<void>;
}

export interface App {
  config: Config;
  log: Logger;
  db: Database;
  scheduler: Scheduler;
  delivery: Delivery;
  core: Core;
  services: Services;
  http: HttpServer;
  adapters: PlatformAdapter[];
  mode: 'console' | 'server';
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  dialogs?: Dialog[];
  /** Start processing jobs (default true). Tests that inspect jobs without running them turn it off. */
  runJobs?: boolean;
  /** 'console' when a person chats in this terminal: start-up notices meant for server operators stay quiet. */
  mode?: 'console' | 'server';
  /** Seed the demo community into an empty database before the server says it is ready. */
  seedDemo?: boolean;
}

export async function startApp(config: Config, opts: StartOptions = {}): Promise<App> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const db = await openDatabase(config, log);
  const scheduler = new Scheduler(db.uri, db.dbName, log, { pollSeconds: config.SCHEDULER_POLL_SECONDS });
  const delivery = new Delivery(log);
  const httpServer = await startHttp(config.PORT, version, config.HOST);
  const exports = new Exports(config, log, httpServer.url);
  exports.mount(httpServer.app);
  mountMetrics(httpServer.app, config);
  const fanout = new FanOut(scheduler, delivery, log, config.FANOUT_PER_SECOND);
  const services: Services = { config, log, delivery, scheduler, fanout, exports };
  const dialogs = opts.dialogs ?? allDialogs();
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

  if (config.slackEnabled) {
    const { mountSlack } = await import('../adapters/slack/index.js');
    app.adapters.push(await mountSlack(app));
  }
  if (config.teamsEnabled) {
    const { mountTeams } = await import('../adapters/teams/index.js');
    app.adapters.push(await mountTeams(app));
  } else if (opts.mode !== 'console') {
    log.info('Microsoft Teams is off (no /api/messages): set MICROSOFT_APP_ID, or TEAMS_EMULATOR=true for Bot Framework Emulator outside production');
  }

  if (opts.runJobs !== false) {
    await scheduler.start();
    await scheduler.agenda.every('10 minutes', 'samla:sweep-claims', { key: 'sweep-claims' });
  }
  if (opts.seedDemo && (await seedDemoIfEmpty())) log.info('seeded the demo community (DEMO DATA)');
  httpServer.markReady();
  log.info({ port: config.PORT, adapters: app.adapters.map((a) => a.name), embedded: db.embedded }, 'Samla is running');
  return app;
}
