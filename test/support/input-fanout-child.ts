/**
 * A Samla instance in its own process, for the fan-out crash test: it runs the jobs of the
 * database named in the environment and records every message it sends, one line per recipient
 * (the member id), in the file DELIVERY_LOG. The test kills it with SIGKILL mid-fan-out and
 * starts another one.
 */
import fs from 'node:fs';
import type { AddressDoc } from '../../models/address.js';
import { startSamla } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

const file = process.env.DELIVERY_LOG;
if (!file) throw new Error('DELIVERY_LOG is not set');
const config = loadConfig(process.env);
// Jobs start only once the recording sender is in place, so no message goes elsewhere.
const app = await startSamla(config, { log: createLogger('silent'), runJobs: false });
app.delivery.setFallback({
  platform: 'console',
  async send(address: AddressDoc) {
    // appendFileSync: the line is on disk before the fan-out marks the row as sent.
    fs.appendFileSync(file, `${String(address.member)}\n`);
    return undefined;
  },
});
await app.scheduler.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void app.stop().finally(() => process.exit(0));
});
