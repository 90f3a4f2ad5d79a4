/** The embedded FerretDB: shared by bot processes on one data folder, stopped by the last, and a clear error without Go. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from '../../src/db/embedded.js';
import { ROOT } from '../../src/paths.js';
import { until } from '../support/wait.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-embedded-'));
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

function start(): Promise<{ child: ChildProcessWithoutNullStreams; uri: string; started: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/embedded-child.ts', dir], { cwd: ROOT });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c;
      if (out.includes('\n')) resolve({ child, ...JSON.parse(out.split('\n')[0]!) });
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
}

function port(uri: string): number {
  return Number(/:(\d+)\/?$/.exec(uri)![1]);
}

function reachable(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port: p });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function exited(c: ChildProcessWithoutNullStreams): Promise<void> {
  return c.exitCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', () => r()));
}

describe('the embedded database', () => {
  it('is started on 127.0.0.1 by the first bot and joined by a second on the same data folder', async () => {
    const a = await start();
    expect(a.started).toBe(true);
    expect(a.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    const b = await start();
    expect(b.started).toBe(false);
    expect(b.uri).toBe(a.uri);

    // The first leaves: the server stays for the second.
    a.child.stdin.end();
    await exited(a.child);
    expect(await reachable(port(a.uri))).toBe(true);

    // The last leaves: the server stops.
    b.child.stdin.end();
    await exited(b.child);
    expect(await until('the database server to stop', async () => !(await reachable(port(a.uri))), 10_000)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'server.json'))).toBe(false);
  });

  it('comes back on the same address with its data when it crashes under a running bot', async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-crash-'));
    const said: string[] = [];
    const server = await startEmbedded(own, (m) => said.push(m));
    const client = await new MongoClient(server.uri, { serverSelectionTimeoutMS: 20_000 }).connect();
    try {
      await client.db('crash').collection('answers').insertOne({ text: 'Skrive før krasjet' });
      const { pid } = JSON.parse(fs.readFileSync(path.join(own, 'server.json'), 'utf8')) as { pid: number };
      process.kill(pid, 'SIGKILL');
      // The same client, on the same address, finds the data again once the server is back.
      const found = await client.db('crash').collection('answers').findOne({ text: 'Skrive før krasjet' });
      expect(found?.text).toBe('Skrive før krasjet');
      await client.db('crash').collection('answers').insertOne({ text: 'Skrive etter' });
      expect(await client.db('crash').collection('answers').countDocuments()).toBe(2);
      const now = JSON.parse(fs.readFileSync(path.join(own, 'server.json'), 'utf8')) as { pid: number; uri: string };
      expect(now.pid).not.toBe(pid);
      expect(now.uri).toBe(server.uri);
      expect(said.join('\n')).toContain('stopped unexpectedly');
    } finally {
      await client.close();
      await server.stop();
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it('stops by itself when the bot that started it is killed', async () => {
    const a = await start();
    a.child.kill('SIGKILL');
    await exited(a.child);
    expect(await until('the database server to stop', async () => !(await reachable(port(a.uri))), 20_000)).toBe(true);
  });

  it('without MONGODB_URI and without Go, says what is missing and how to fix it', () => {
    const nodeDir = path.dirname(process.execPath);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: `${nodeDir}:/usr/bin:/bin`, SAMLA_CACHE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'samla-nogo-')), SAMLA_DATA_DIR: dir },
      encoding: 'utf8',
      input: '',
      timeout: 60_000,
    });
    expect(spawnSync('sh', ['-c', 'command -v go'], { env: { PATH: `${nodeDir}:/usr/bin:/bin` } }).status).not.toBe(0);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('MONGODB_URI is not set, and Go');
    expect(r.stderr).toContain('install Go');
  });
});
