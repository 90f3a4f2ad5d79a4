/**
 * A second (or third) Samla instance for the meeting tests: runs the app's jobs against the
 * database named in the environment and records every message it delivers in `test_deliveries`,
 * so a test can count what all instances together sent. Prints «ready» once jobs run.
 */
import mongoose from 'mongoose';
import { startSamla } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

const app = await startSamla(loadConfig(process.env), { log: createLogger('silent') });
app.delivery.setFallback({
  platform: 'console',
  async send(address, reply) {
    await mongoose.connection.collection('test_deliveries').insertOne({ to: address.externalId, kind: address.kind, text: reply.text, pid: process.pid, at: new Date() });
    return undefined;
  },
});
process.stdout.write('ready\n');
const stop = async () => {
  await app.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
