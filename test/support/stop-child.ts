/**
 * Starts Samla on the database in the environment, with or without its jobs (RUN_JOBS), stops
 * it, and then does nothing more: the process must end by itself, with nothing left open.
 */
import { startSamla } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

const app = await startSamla(loadConfig(process.env), { log: createLogger('silent'), runJobs: process.env.RUN_JOBS === '1' });
await app.stop();
process.stdout.write('stopped\n');
