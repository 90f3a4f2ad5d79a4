/** Opens the database: MONGODB_URI when set, the embedded FerretDB otherwise. */
import mongoose from 'mongoose';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { monitorDatabase } from '../metrics.js';
import { ROOT } from '../paths.js';
import { startEmbedded } from './embedded.js';

export interface Database {
  /** The server URI without a database name. */
  uri: string;
  dbName: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  let uri = config.MONGODB_URI;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!uri) {
    const dataDir = path.resolve(ROOT, config.SAMLA_DATA_DIR);
    const server = await startEmbedded(
      dataDir,
      (m) => log.info(m),
      (m) => log.warn(m),
    );
    log.info({ dataDir, joined: !server.started }, server.started ? 'embedded database started' : 'joined the embedded database already running');
    uri = server.uri;
    stopEmbedded = () => server.stop();
  }
  mongoose.set('strictQuery', true);
  // Indexes are built by syncIndexes below, once, rather than on every model's first use.
  mongoose.set('autoIndex', false);
  await mongoose.connect(uri, { dbName: config.SAMLA_DB_NAME, serverSelectionTimeoutMS: 10_000, monitorCommands: true });
  monitorDatabase(mongoose.connection.getClient());
  await Promise.all(Object.values(mongoose.models).map((m) => m.createIndexes()));
  return {
    uri,
    dbName: config.SAMLA_DB_NAME,
    embedded: Boolean(stopEmbedded),
    async close() {
      await mongoose.disconnect();
      await stopEmbedded?.();
    },
  };
}

/** True when the database answers a ping within the timeout. */
export async function databaseAlive(timeoutMs = 1500): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  try {
    await Promise.race([db.command({ ping: 1 }), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs))]);
    return true;
  } catch {
    return false;
  }
}
