/**
 * What every benchmark shares: one database server for the run, an app per benchmark (on a
 * database of its own, with the demo community and the Slack adapter on the test suite's fake
 * Slack), and the way figures are reported — always beside a baseline measured in the same run.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSamla } from '../src/composition.js';
import { loadConfig } from '../src/config.js';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.js';
import { demoDirectory } from '../src/demo.js';
import { importDirectory } from '../src/directory-import.js';
import { createLogger } from '../src/log.js';
import { testAppOf, type TestApp } from '../test/support/app.js';
import { slackDriver, type SlackDriver } from '../test/support/slack-driver.js';

export const FULL = process.env.BENCH_SCALE === 'full';
/** `quick` and `full` sizes of one figure. */
export const scale = (quick: number, full: number) => (FULL ? full : quick);

let server: EmbeddedServer | null = null;
let dataDir: string | null = null;

/** The database of the run: MONGODB_URI, or one embedded server started for the whole run. */
export async function databaseUri(): Promise<string> {
  if (process.env.MONGODB_URI) return process.env.MONGODB_URI;
  if (!server) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-bench-'));
    server = await startEmbedded(dataDir);
  }
  return server.uri;
}

export async function stopDatabase(): Promise<void> {
  await server?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

export interface BenchApp extends TestApp {
  slack: SlackDriver;
  env: Record<string, string>;
}

export function benchEnv(over: Record<string, string> = {}, uri: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    MONGODB_URI: uri,
    SAMLA_DB_NAME: `bench_${randomBytes(5).toString('hex')}`,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SCHEDULER_POLL_SECONDS: '1',
    SAMLA_SECRET: 'bench-secret-bench-secret-bench-secret-12',
    ...over,
  };
}

/** The real app on a fresh database, seeded with the demo community, with Slack on the fake Slack. */
export async function startBenchApp(
  over: Record<string, string> = {},
  opts: { runJobs?: boolean; /** Runs before Slack learns the workspace's users (e.g. to add members). */ before?: (t: TestApp) => Promise<unknown> } = {},
): Promise<BenchApp> {
  const env = benchEnv(over, await databaseUri());
  const app = await startSamla(loadConfig(env), { log: createLogger('silent'), runJobs: opts.runJobs });
  const { community } = await importDirectory(demoDirectory());
  const t = testAppOf(app, community, env);
  await opts.before?.(t);
  const slack = await slackDriver(t);
  return {
    ...t,
    slack,
    async close() {
      await slack.close();
      await t.close();
    },
  };
}

// ── figures ───────────────────────────────────────────────────────────────────────────────────

export interface Figure {
  /** What it measures, as a user would ask it. */
  name: string;
  value: number;
  unit: string;
  /** The same thing done the plainest way, in the same run. */
  baseline?: { name: string; value: number };
  /** The goal, as text ("≤ 1.3×", "0"), and whether it was met. */
  goal?: string;
  met?: boolean;
}

export const figures: Figure[] = [];

export function record(f: Figure): void {
  figures.push(f);
  const ratio = f.baseline && f.baseline.value > 0 ? ` (${(f.value / f.baseline.value).toFixed(2)}× ${f.baseline.name} ${fmt(f.baseline.value)} ${f.unit})` : '';
  const goal = f.goal ? `  goal ${f.goal}: ${f.met ? 'met' : 'MISSED'}` : '';
  console.log(`  ${f.name}: ${fmt(f.value)} ${f.unit}${ratio}${goal}`);
}

export const ratio = (f: Pick<Figure, 'value' | 'baseline'>) => (f.baseline ? f.value / f.baseline.value : NaN);

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** The p-th percentile (0–100) of the samples, nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = () => Number(process.hrtime.bigint()) / 1e6;

/** Runs `fn` n times one after another and returns the milliseconds of each. */
export async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = ms();
    await fn(i);
    out.push(ms() - t0);
  }
  return out;
}

/** Median of `n` timed runs of `fn`, after a short warm-up. */
export async function medianMs(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  await timeEach(Math.min(10, n), fn);
  return percentile(await timeEach(n, fn), 50);
}

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return cond();
}

/** Samples the process's resident memory while `fn` runs; returns fn's result and the peak in MiB. */
export async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMiB: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
