/** Helpers for the strategy suites: restarting the app on the same database, test data. */
import { Community } from '../../models/community.js';
import { Member } from '../../models/member.js';
import { startSamla } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { isNationalId } from '../../src/guard.js';
import { createLogger } from '../../src/log.js';
import { testAppOf, type TestApp } from './app.js';

/** Stops the app and starts a new one on the same database, without seeding anything. */
export async function restart(t: TestApp): Promise<TestApp> {
  await t.app.stop();
  const app = await startSamla(loadConfig(t.env), { log: createLogger(t.env.LOG_LEVEL ?? 'silent') });
  const community = (await Community.findById(t.community._id))!;
  return testAppOf(app, community, t.env);
}

/** A made-up number that passes the national identity number check (mod 11). */
export function fakeNationalId(): string {
  for (let i = 100; i < 999; i++) {
    const s = `150785${i}`;
    for (let k = 0; k < 100; k++) {
      const id = s + String(k).padStart(2, '0');
      if (isNationalId(id)) return id;
    }
  }
  throw new Error('no id found');
}

export async function memberByTitle(t: TestApp, title: string, party?: string): Promise<string> {
  const { Party } = await import('../../models/party.js');
  const filter: Record<string, unknown> = { community: t.community._id, title };
  if (party) filter.party = (await Party.findOne({ community: t.community._id, key: party }))!._id;
  const m = await Member.findOne(filter).sort({ _id: 1 });
  if (!m) throw new Error(`no member titled ${title}`);
  return m.email;
}
