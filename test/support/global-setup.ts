/**
 * Starts one embedded FerretDB for the whole run, in a fresh temporary folder; each test file
 * uses its own database on it. With MONGODB_URI set, the tests run against that server instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.js';

let server: EmbeddedServer | undefined;
let dir: string | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

export async function setup(project: TestProject) {
  let uri = process.env.MONGODB_URI;
  if (!uri) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samla-test-'));
    server = await startEmbedded(dir, (m) => console.error(m));
    uri = server.uri;
  }
  project.provide('mongoUri', uri);
}

export async function teardown() {
  await server?.stop();
  if (dir) {
    // A crash of the database server (a Go panic) is only in its log, which goes with the folder: show it.
    const logPath = path.join(dir, 'ferretdb.log');
    const log = fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8').split('\n') : [];
    const crash = log.findIndex((l) => /^(panic:|fatal error:)/.test(l));
    if (crash >= 0) console.error(`The embedded database crashed during the run:\n${log.slice(crash, crash + 40).join('\n')}`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
