/**
 * Starts the real app for a test file: the run's database server with a database of its own,
 * the HTTP server on a free port, and the demo community.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { inject } from 'vitest';
import { Community, type CommunityDoc } from '../../models/community.js';
import { Member, type MemberDoc } from '../../models/member.js';
import type { App } from '../../src/platform.js';
import { startSamla, type SamlaOptions } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { demoDirectory } from '../../src/demo.js';
import { importDirectory } from '../../src/directory-import.js';
import { createLogger } from '../../src/log.js';

export interface TestApp {
  app: App;
  community: CommunityDoc;
  env: Record<string, string>;
  member(email: string): Promise<MemberDoc>;
  close(): Promise<void>;
}

export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    MONGODB_URI: inject('mongoUri'),
    SAMLA_DB_NAME: `t_${randomBytes(6).toString('hex')}`,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SCHEDULER_POLL_SECONDS: '1',
    SAMLA_SECRET: 'test-secret-test-secret-test-secret-1234',
    // The Teams adapter without an app id, as Bot Framework Emulator uses it, on loopback only.
    TEAMS_EMULATOR: 'true',
    HOST: '127.0.0.1',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export async function startTestApp(overrides: Record<string, string | undefined> = {}, opts: SamlaOptions = {}): Promise<TestApp> {
  const env = testEnv(overrides);
  const config = loadConfig(env);
  const app = await startSamla(config, { log: createLogger(env.LOG_LEVEL ?? 'silent'), ...opts });
  const { community } = await importDirectory(demoDirectory());
  return testAppOf(app, community, env);
}

/** The TestApp for an app already running on `env`'s database, whose community is `community`. */
export function testAppOf(app: App, community: CommunityDoc, env: Record<string, string>): TestApp {
  return {
    app,
    community,
    env,
    async member(email) {
      const m = await Member.findOne({ community: community._id, email: email.toLowerCase() });
      if (!m) throw new Error(`no member ${email}`);
      return m;
    },
    async close() {
      await stopAndDrop(app);
    },
  };
}

export async function demoCommunity(): Promise<CommunityDoc> {
  return (await Community.findOne({ slug: 'demo' }))!;
}

/**
 * Stops the app, then drops its database. In that order: a drop while the app's jobs still read
 * and write the database is a race the embedded server need not survive.
 */
export async function stopAndDrop(app: App): Promise<void> {
  const { MONGODB_URI: uri, SAMLA_DB_NAME: dbName } = app.config;
  await app.stop();
  if (!uri) return;
  const client = await new MongoClient(uri).connect();
  try {
    await client.db(dbName).dropDatabase();
  } finally {
    await client.close();
  }
}
