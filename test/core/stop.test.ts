/** A stopped Samla lets its process end: nothing (a timer, a connection) is left to keep it alive. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';
import { testEnv } from '../support/app.js';

function runUntilExit(env: Record<string, string>, limitMs: number): Promise<{ code: number | null; out: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/stop-child.ts'], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: null, out, timedOut: true });
    }, limitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, timedOut: false });
    });
  });
}

describe('stopping', () => {
  for (const runJobs of [true, false]) {
    it(`ends the process by itself, ${runJobs ? 'with' : 'without'} jobs running`, async () => {
      const r = await runUntilExit({ ...testEnv(), RUN_JOBS: runJobs ? '1' : '0' }, 30_000);
      expect(r.out).toContain('stopped');
      expect(r.timedOut).toBe(false);
      expect(r.code).toBe(0);
    });
  }
});
