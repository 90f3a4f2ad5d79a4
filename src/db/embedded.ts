/**
 * The embedded database: FerretDB 1.x with its SQLite backend, built from its Go module into
 * .cache/ and started on 127.0.0.1 on a free port. Several bot processes on one data folder share
 * one server; it stops when the last of them is gone (see tools/ferretdb/main.go).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SamlaError } from '../errors.js';
import { ROOT } from '../paths.js';
import { preparePatchedSource, sourceHash } from './ferretdb-source.js';

const TOOL_DIR = path.join(ROOT, 'tools', 'ferretdb');
/** Where the built server is kept; SAMLA_CACHE_DIR moves it (e.g. to a CI cache). */
function cacheDir(): string {
  return path.resolve(ROOT, process.env.SAMLA_CACHE_DIR || '.cache', 'ferretdb');
}

export interface EmbeddedServer {
  uri: string;
  /** True when this process started the server, false when it joined one already running. */
  started: boolean;
  stop(): Promise<void>;
}

/** The path of the binary for the current source and patches; it changes whenever either does. */
export function binaryPath(): string {
  return path.join(cacheDir(), `samla-ferretdb-${sourceHash(TOOL_DIR)}`);
}

function goAvailable(): boolean {
  return spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
}

/** Builds the patched FerretDB wrapper once; later calls reuse it while its source is unchanged. */
export async function ensureBinary(log: (msg: string) => void = () => {}): Promise<string> {
  const bin = binaryPath();
  if (fs.existsSync(bin)) return bin;
  if (!goAvailable()) {
    throw new SamlaError(
      'no_database',
      'Samla needs a database and found none: MONGODB_URI is not set, and Go (needed to build the embedded ' +
        'FerretDB server) is not installed.\nEither set MONGODB_URI=mongodb://… to use MongoDB, or install Go 1.22 ' +
        'or newer (https://go.dev/doc/install) and start again.',
    );
  }
  fs.mkdirSync(cacheDir(), { recursive: true });
  return withLock(path.join(cacheDir(), 'build.lock'), async () => {
    if (fs.existsSync(bin)) return bin; // another process built it while we waited
    log('Building the embedded database (FerretDB) once; this takes a minute or two the first time…');
    const env = { ...process.env, CGO_ENABLED: '0' };
    const { modfile } = preparePatchedSource(TOOL_DIR, path.join(cacheDir(), 'src'), env);
    const tmp = `${bin}.${process.pid}.tmp`;
    const code = await new Promise<number | null>((resolve) => {
      const p = spawn('go', ['build', `-modfile=${modfile}`, '-trimpath', '-o', tmp, '.'], {
        cwd: TOOL_DIR,
        stdio: ['ignore', 'inherit', 'inherit'],
        env,
      });
      p.on('close', resolve);
      p.on('error', () => resolve(-1));
    });
    if (code !== 0) {
      throw new SamlaError('no_database', `Building the embedded database failed (go build exited with ${code}). See the output above.`);
    }
    fs.renameSync(tmp, bin);
    return bin;
  });
}

/** Starts the embedded server for a data folder, or joins the one already running for it. */
export async function startEmbedded(dataDir: string, log: (msg: string) => void = () => {}, warn: (msg: string) => void = log): Promise<EmbeddedServer> {
  const dir = path.resolve(dataDir);
  const ownersDir = path.join(dir, 'owners');
  fs.mkdirSync(ownersDir, { recursive: true });
  const ownerFile = path.join(ownersDir, String(process.pid));
  fs.writeFileSync(ownerFile, '');

  const bin = await ensureBinary(log);
  const lock = path.join(dir, 'start.lock');
  const first = await withLock(lock, async () => {
    const running = await runningServer(dir);
    if (running) return { ...running, started: false };
    return { ...(await launch(bin, dir)), started: true };
  });
  let current: ServerState = first;

  // If the server dies under us (a crash), start it again on the same address, so the
  // connections the app holds come back on their own and no data is lost (SQLite's WAL).
  let stopped = false;
  let restarting = false;
  const watchdog = setInterval(() => {
    if (stopped || restarting || alive(current.pid)) return;
    restarting = true;
    warn(`The embedded database stopped unexpectedly; starting it again on ${current.uri}. Its log is ${path.join(dir, 'ferretdb.log')}.`);
    void withLock(lock, async () => (await runningServer(dir)) ?? (await launch(bin, dir, new URL(current.uri).host)))
      .then((s) => {
        current = s;
        log('The embedded database is running again.');
      })
      .catch((err: Error) => warn(`The embedded database could not be started again (${err.message}); trying again shortly.`))
      .finally(() => (restarting = false));
  }, 1000);
  watchdog.unref();

  return {
    uri: first.uri,
    started: first.started,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(watchdog);
      fs.rmSync(ownerFile, { force: true });
      if (liveOwners(ownersDir).length > 0) return; // another bot process still uses it
      try {
        process.kill(current.pid, 'SIGTERM');
      } catch {
        return;
      }
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && alive(current.pid)) await sleep(25);
    },
  };
}

/** Spawns the server for the folder (on a free port, or on `listen`) and waits until it answers. */
async function launch(bin: string, dir: string, listen?: string): Promise<ServerState> {
  const statePath = path.join(dir, 'server.json');
  fs.rmSync(statePath, { force: true });
  // Its stderr goes to its log too: a crash (a Go panic) is only ever written there.
  const errLog = fs.openSync(path.join(dir, 'ferretdb.log'), 'a');
  const child = spawn(bin, ['-dir', dir, ...(listen ? ['-listen', listen] : [])], { detached: true, stdio: ['ignore', 'ignore', errLog] });
  fs.closeSync(errLog);
  child.unref();
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const s = readState(dir);
    if (s && s.pid === child.pid && (await canConnect(s.uri))) return s;
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  throw new SamlaError('no_database', `The embedded database did not start. Its log is ${path.join(dir, 'ferretdb.log')}.`);
}

interface ServerState {
  pid: number;
  uri: string;
}

function readState(dir: string): ServerState | null {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(dir, 'server.json'), 'utf8')) as ServerState;
    return typeof s.pid === 'number' && typeof s.uri === 'string' ? s : null;
  } catch {
    return null;
  }
}

async function runningServer(dir: string): Promise<ServerState | null> {
  const s = readState(dir);
  if (!s || !alive(s.pid)) return null;
  return (await canConnect(s.uri)) ? s : null;
}

function liveOwners(ownersDir: string): number[] {
  return fs
    .readdirSync(ownersDir)
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid && alive(pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function canConnect(uri: string): Promise<boolean> {
  const m = /^mongodb:\/\/([^:/]+):(\d+)/.exec(uri);
  if (!m) return Promise.resolve(false);
  return new Promise((resolve) => {
    const sock = net.connect({ host: m[1], port: Number(m[2]) });
    sock.setTimeout(500);
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
    sock.once('timeout', () => {
      sock.destroy();
      resolve(false);
    });
  });
}

/** A lock held by a live process, taken over when its holder died. */
async function withLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (!holder || !alive(holder)) {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new SamlaError('lock_timeout', `Timed out waiting for ${lockPath}`);
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockPath, { force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
