/**
 * The core's own wall behind the adapters' edges: platform ids that are not strings never reach
 * a query, whichever adapter (or a future one) lets them through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Community } from '../../models/community.js';
import { communityFor, identify } from '../../src/identity.js';
import { action } from '../../src/payload.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { runJobs: false });
  await Community.updateOne({ _id: t.community._id }, { $set: { slackTeamIds: ['T0SAMLA'] } });
});
afterAll(async () => t?.close());

const op = { $ne: 'x' } as unknown as string;

describe('platform ids in the core', () => {
  it('a turn whose user, tenant or conversation is an object is dropped without an answer', async () => {
    for (const inc of [
      { tenant: 'T0SAMLA', user: { externalId: op } },
      { tenant: op, user: { externalId: 'U1' } },
      { tenant: 'T0SAMLA', user: { externalId: 'U1' }, eventId: op },
    ]) {
      const out = await t.app.core.receive({ platform: 'slack', conversationId: 'c', where: 'direct', kind: 'action', action: action('status', 'show'), ...inc });
      expect(out.replies).toEqual([]);
    }
  });

  it('lookups by platform id treat an operator as a value', async () => {
    expect(await communityFor('slack', op, false)).toBeNull();
    expect(await communityFor('teams', op, false)).toBeNull();
    expect(await identify(t.community, 'slack', { externalId: op })).toBeNull();
  });
});
