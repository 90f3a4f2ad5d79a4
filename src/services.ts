import type { Config } from './config.js';
import type { Delivery } from './delivery.js';
import type { Exports } from './exports.js';
import type { FanOut } from './fanout.js';
import type { Logger } from './log.js';
import type { Scheduler } from './scheduler.js';

/** What dialogs and jobs may use from the core. */
export interface Services {
  config: Config;
  log: Logger;
  delivery: Delivery;
  scheduler: Scheduler;
  /** One message to many members, throttled and resumable. */
  fanout: FanOut;
  /** Signed, expiring download links for the secretariat. */
  exports: Exports;
}
