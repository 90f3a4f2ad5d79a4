/**
 * `npm run bench`: what a community would feel, each figure beside a baseline measured in the same
 * run (machines are noisy; compare ratios, not milliseconds). `BENCH_SCALE=full` for the large
 * sizes; `BENCH_ONLY=votes,growth` runs some of them. See bench/README.md for what each means.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentSpeed } from './documents.js';
import { exportSpeed } from './exports.js';
import { fanOut } from './fanout.js';
import { growth } from './growth.js';
import { FULL, figures, stopDatabase } from './lib.js';
import { reminderLateness } from './reminders.js';
import { startUp } from './startup.js';
import { voteBurst, voteLatency } from './votes.js';

const benches: Record<string, () => Promise<void>> = {
  votes: voteLatency,
  burst: voteBurst,
  fanout: fanOut,
  export: exportSpeed,
  documents: documentSpeed,
  growth,
  reminders: reminderLateness,
  startup: startUp,
};

const picked =
  process.env.BENCH_ONLY?.split(',')
    .map((s) => s.trim())
    .filter(Boolean) ?? [];
const only = picked.length ? picked : null;
const started = Date.now();
console.log(`Samla bench (${FULL ? 'full' : 'quick'}) — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
try {
  for (const [name, run] of Object.entries(benches)) if (!only || only.includes(name)) await run();
} finally {
  await stopDatabase();
}
const missed = figures.filter((f) => f.goal && !f.met);
console.log(
  `\n${figures.length} figures in ${((Date.now() - started) / 1000).toFixed(0)} s; ${missed.length ? `goals missed: ${missed.map((f) => f.name).join('; ')}` : 'every goal met'}`,
);
const out = path.join('.cache', 'bench-results.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), full: FULL, cpus: os.cpus().length, node: process.version, figures }, null, 2));
console.log(`(also written to ${out})`);
// Agenda and driver timers may linger a moment after everything stopped.
process.exit(0);
