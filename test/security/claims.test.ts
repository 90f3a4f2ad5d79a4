/** Delivery claims live only as long as platform retries need; the claims that guard effects stay. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessedEvent } from '../../models/processed-event.js';
import { claimDelivery, claimOnce, DELIVERY_TTL_MS, sweepClaims } from '../../src/once.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { runJobs: false });
});
afterAll(async () => t?.close());

describe('claims', () => {
  it('a delivery is claimed once, under a key that does not contain its id, and swept after it expires', async () => {
    const config = t.app.config;
    expect(await claimDelivery(config, 'slack', 'action:T1:U123:1790000000.1')).toBe(true);
    expect(await claimDelivery(config, 'slack', 'action:T1:U123:1790000000.1')).toBe(false);
    expect(await claimDelivery(config, 'slack', 'action:T1:U123:1790000000.2')).toBe(true);
    const rows = await ProcessedEvent.find({ key: /^event:slack:/ }).lean();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.key).not.toMatch(/U123|1790000000/);
      expect(r.expiresAt!.getTime() - Date.now()).toBeGreaterThan(DELIVERY_TTL_MS - 60_000);
    }
    await claimOnce('fanout:keep-me:1:0');
    await ProcessedEvent.updateMany({ key: /^event:slack:/ }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await sweepClaims(24 * 3600_000)).toBe(2);
    expect(await ProcessedEvent.countDocuments({ key: /^event:slack:/ })).toBe(0);
    expect(await ProcessedEvent.countDocuments({ key: 'fanout:keep-me:1:0' })).toBe(1);
  });
});
