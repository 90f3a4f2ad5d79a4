/** `npm run samla -- strategy-load`: a draft from a Markdown file, and a second version that says what changed. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StrategyVersion } from '../../models/strategy.js';
import { ROOT } from '../../src/paths.js';
import { startTestApp, type TestApp } from '../support/app.js';

const run = promisify(execFile);

describe('strategy-load', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-strategy-'));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  const load = async (file: string, version: string) => {
    const env = { ...process.env, ...t.env, LOG_LEVEL: 'silent' };
    const r = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'strategy-load', file, '--title', 'Filstrategi', '--version', version], { cwd: ROOT, env });
    return r.stdout;
  };

  it('loads a file, then a new version with the changed sections named', async () => {
    const f1 = path.join(dir, 'v1.md');
    const f2 = path.join(dir, 'v2.md');
    fs.writeFileSync(f1, '## Styrke samhandlingen\n\nA.\n\n## Økonomi\n\nB.\n');
    fs.writeFileSync(f2, '## Styrke samhandlingen\n\nA.\n\n## Økonomi\n\nB, endret.\n');
    expect(await load(f1, 'Utkast 1')).toContain('Loaded «Filstrategi» Utkast 1 (version 1, 2 sections)');
    const out = await load(f2, 'Utkast 2');
    expect(out).toContain('version 2');
    expect(out).toContain('Since Utkast 1: changed Økonomi; new none; unchanged Styrke samhandlingen; removed none.');
    expect(await StrategyVersion.countDocuments({ community: t.community._id })).toBe(2);
  }, 60_000);
});
