/**
 * The contract between the app and a chat platform. An adapter is handed to the app by the
 * composition root (src/composition.ts); it talks to the app only through what `App` offers —
 * above all `app.core` — and never reaches into a dialog.
 */
import type { Core } from './bot.js';
import type { Config } from './config.js';
import type { Database } from './db/connect.js';
import type { Delivery } from './delivery.js';
import type { HttpServer } from './http.js';
import type { Logger } from './log.js';
import type { ActionPayload } from './payload.js';
import type { Scheduler } from './scheduler.js';
import type { Services } from './services.js';

/** The running app, as adapters and the composition root see it. */
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
  /** What a message shortcut asks of the core; null: no capability takes messages. */
  messageAction: ActionPayload | null;
  mode: 'console' | 'server';
  stop(): Promise<void>;
}

/** A platform adapter mounted onto the running app. */
export interface PlatformAdapter {
  name: string;
  /** A page a person on this machine can open to use the platform (the chat page), and the line that says so. */
  page?: { url: string; notice: string };
  stop?(): Promise<void>;
}

/** How the app decides whether to mount a platform, and mounts it. */
export interface AdapterFactory {
  name: string;
  /** The platform has what it needs in the configuration (credentials, or an explicit test mode). */
  enabled(config: Config): boolean;
  /** Said once at start-up on a server when the platform is not enabled: how to turn it on. */
  whenOff?: string;
  mount(app: App): Promise<PlatformAdapter>;
}
