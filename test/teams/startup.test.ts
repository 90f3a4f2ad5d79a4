/** Teams without an app id is for the Emulator and tests only: never in production. */
import { describe, expect, it } from 'vitest';
import { assertTeamsAuthAllowed } from '../../adapters/teams/auth.js';
import { loadConfig } from '../../src/config.js';

const prod = { NODE_ENV: 'production', SAMLA_SECRET: 'a-production-secret-of-32-characters!!' };

describe('Teams start-up', () => {
  it('in production without an app id, Teams is not mounted, and mounting it anyway is refused with a clear message', () => {
    const c = loadConfig(prod);
    expect(c.teamsEnabled).toBe(false);
    expect(() => assertTeamsAuthAllowed(c)).toThrow(/will not run the Teams endpoint without authentication in production\. Set MICROSOFT_APP_ID/);
  });

  it('in production with an app id and password, Teams runs (authenticated)', () => {
    const c = loadConfig({ ...prod, MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' });
    expect(c.teamsEnabled).toBe(true);
    expect(() => assertTeamsAuthAllowed(c)).not.toThrow();
  });

  it('outside production without an app id, Teams runs in Emulator mode only when asked for', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).teamsEnabled).toBe(false);
    const c = loadConfig({ NODE_ENV: 'development', TEAMS_EMULATOR: 'true' });
    expect(c.teamsEnabled).toBe(true);
    expect(() => assertTeamsAuthAllowed(c)).not.toThrow();
  });
});
