/** Runs a shared suite once per platform (DRIVERS), each run with an app and a driver of its own. */
import { afterAll, beforeAll, describe } from 'vitest';
import { startTestApp, type TestApp } from './app.js';
import type { ChatDriver, DriverFactory } from './driver.js';
import { DRIVERS } from './drivers.js';

export interface PlatformContext {
  /** The running app; set before the suite's own beforeAll hooks run. A suite may replace it (a restart). */
  t: TestApp;
  /** The platform's driver for `t`; replace it together with `t`. */
  d: ChatDriver;
  /** Makes a driver for this platform, e.g. for an app started again. */
  makeDriver: DriverFactory;
}

type Suite = (ctx: PlatformContext) => void;

/**
 * `describe('<title> via <platform>')` for every platform: starts the test app (with `env`, if
 * given) and the driver before the suite's tests and closes both (the current ones, after a
 * restart) afterwards.
 */
export function forEachPlatform(title: string, suite: Suite): void;
export function forEachPlatform(title: string, env: Record<string, string>, suite: Suite): void;
export function forEachPlatform(title: string, envOrSuite: Record<string, string> | Suite, maybeSuite?: Suite): void {
  const [env, suite] = typeof envOrSuite === 'function' ? [{}, envOrSuite] : [envOrSuite, maybeSuite!];
  describe.each(DRIVERS)(`${title} via %s`, (_name, makeDriver) => {
    // t and d are filled in by beforeAll; the tests only read them after that.
    const ctx = { makeDriver } as PlatformContext;
    beforeAll(async () => {
      ctx.t = await startTestApp(env);
      ctx.d = await makeDriver(ctx.t);
    });
    afterAll(async () => {
      await ctx.d?.close();
      await ctx.t?.close();
    });
    suite(ctx);
  });
}
