import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ROOT } from '../../src/paths.js';

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3978, SAMLA_DEFAULT_LANG: 'nb', slackEnabled: false });
    expect(c.MONGODB_URI).toBeUndefined();
  });

  it('treats empty values (as in .env.example) as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', PUBLIC_URL: ' ', NODE_ENV: '' }).MONGODB_URI).toBeUndefined();
  });

  it('names every wrong setting in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', SLACK_BOT_TOKEN: 'xoxb-1', SAMLA_DEFAULT_LANG: 'sv' })).toThrowError(
      /4 settings are wrong[\s\S]*PORT[\s\S]*MONGODB_URI: must start with mongodb:\/\/[\s\S]*SAMLA_DEFAULT_LANG[\s\S]*SLACK_SIGNING_SECRET/,
    );
  });

  it('refuses production without a link-signing secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' })).toThrow(/SAMLA_SECRET/);
  });

  it('stops start-up with that message and exit code 1', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: '-5', SAMLA_DEFAULT_LANG: 'xx' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Samla cannot start: 2 settings are wrong');
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('SAMLA_DEFAULT_LANG');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });
});
