/**
 * Start-up: from `npm start`'s process start (no credentials: embedded database, demo data, a
 * fresh data folder) to the first 200 from /readyz, and its memory once idle.
 * The same for the production build (`node dist/src/main.js`, no TypeScript loader).
 * Baseline: the same Node and TypeScript loader starting a bare HTTP server that answers 200.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ms, percentile, record, scale, until } from './lib.js';
import { freePort } from '../test/support/ports.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function answers(url: string): Promise<boolean> {
  try {
    const r = await fetch(url);
    await r.arrayBuffer();
    return r.status === 200;
  } catch {
    return false;
  }
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Starts `args` under node (with tsx unless `compiled`) and returns the ms until `path` answers 200, and the process. */
async function timeToHealthy(args: string[], env: NodeJS.ProcessEnv, port: number, paths: string[], compiled = false): Promise<{ ms: number; child: ChildProcess }> {
  const t0 = ms();
  const child = spawn(process.execPath, [...(compiled ? [] : ['--import', 'tsx']), ...args], { cwd: ROOT, env, stdio: ['pipe', 'ignore', 'ignore'] });
  const ok = await until(
    async () => {
      for (const p of paths) if (!(await answers(`http://127.0.0.1:${port}${p}`))) return false;
      return true;
    },
    60_000,
    10,
  );
  if (!ok) throw new Error(`${args.join(' ')} did not become healthy`);
  return { ms: ms() - t0, child };
}

export async function startUp(): Promise<void> {
  console.log('\nStart-up: process start → /readyz 200 (embedded database, demo data, fresh data folder)');
  const runs = scale(3, 5);
  const ours: number[] = [];
  // The production build (npm run build → node dist/src/main.js), started the same way.
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const compiled: number[] = [];
  const base: number[] = [];
  let idle = NaN;
  for (let i = 0; i < runs; i++) {
    const bport = await freePort();
    const b = await timeToHealthy(['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${bport}, '127.0.0.1')`], process.env, bport, ['/']);
    base.push(b.ms);
    await stop(b.child);

    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-bench-start-'));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      PORT: String(port),
      SAMLA_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      SAMLA_CACHE_DIR: process.env.SAMLA_CACHE_DIR,
    };
    // Ready: every route mounted, the database up, the demo seeded (what a load balancer asks).
    const s = await timeToHealthy(['src/main.ts'], env, port, ['/readyz']);
    ours.push(s.ms);
    if (i === runs - 1) {
      await new Promise((r) => setTimeout(r, 3000));
      idle = rssMiB(s.child.pid!);
    }
    await stop(s.child);
    fs.rmSync(dataDir, { recursive: true, force: true });

    const cport = await freePort();
    const cdir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-bench-start-'));
    const c = await timeToHealthy(['dist/src/main.js'], { ...env, PORT: String(cport), SAMLA_DATA_DIR: cdir }, cport, ['/readyz'], true);
    compiled.push(c.ms);
    await stop(c.child);
    fs.rmSync(cdir, { recursive: true, force: true });
  }
  const startFigure = (name: string, samples: number[]) =>
    record({
      name,
      value: percentile(samples, 50),
      unit: 'ms',
      baseline: { name: 'bare node+tsx HTTP server', value: percentile(base, 50) },
      goal: '≤ 2000 ms',
      met: percentile(samples, 50) <= 2000,
    });
  startFigure('process start → ready (median)', ours);
  startFigure('compiled (node dist/) start → ready (median)', compiled);
  record({ name: 'memory when idle (the bot process, without the database)', value: idle, unit: 'MiB' });
}
