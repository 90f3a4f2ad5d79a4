/**
 * What a log line belongs to: each HTTP request gets a request id, each turn a turn id, each job
 * run its job's name and id, carried with AsyncLocalStorage so that every line logged while it
 * runs says so (log.ts reads it in pino's `mixin`) without passing ids through the code.
 *
 * The same places count what is in flight, so a shutdown can wait for the turns and requests
 * it already took before it closes the server and the database.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { jobFinished, jobStarted, observeHttp, observeTurn } from './metrics.js';

interface Scope {
  req?: string;
  turn?: string;
  job?: string;
  jobRun?: string;
}

const als = new AsyncLocalStorage<Scope>();

/** The ids of the current request, turn or job, for pino's mixin. */
export function logContext(): Scope {
  return als.getStore() ?? {};
}

let turns = 0;
let requests = 0;
let draining = false;
const waiters = new Set<() => void>();

function changed(): void {
  if (turns === 0 && requests === 0) for (const w of [...waiters]) w();
}

/** What is in flight in this process now. */
export function inFlight(): { turns: number; requests: number } {
  return { turns, requests };
}

/** Resolves true once no turn or request is in flight, false if `timeoutMs` passes first. */
export function idle(timeoutMs: number): Promise<boolean> {
  if (turns === 0 && requests === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      waiters.delete(onIdle);
      clearTimeout(timer);
      resolve(ok);
    };
    const onIdle = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    waiters.add(onIdle);
  });
}

/** From now on new requests (other than the probes and /metrics) are sent elsewhere with 503. */
export function stopTakingRequests(): void {
  draining = true;
}

const ALWAYS = new Set(['/healthz', '/readyz', '/metrics']);
/** A request id given by a proxy in front is kept when it looks like one. */
const GIVEN_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Express middleware: a request id for the logs and the response, timing, and the shutdown's refusal. */
export function requestScope(req: Request, res: Response, next: NextFunction): void {
  if (draining && !ALWAYS.has(req.path)) {
    res.setHeader('Retry-After', '1');
    res.setHeader('Connection', 'close');
    res.status(503).json({ status: 'stopping' });
    return;
  }
  const given = req.header('x-request-id');
  const id = given && GIVEN_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  const started = process.hrtime.bigint();
  const counted = !ALWAYS.has(req.path);
  if (counted) requests++;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    observeHttp(req.path, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    if (counted) {
      requests--;
      changed();
    }
  };
  res.once('finish', end);
  res.once('close', end);
  als.run({ req: id }, next);
}

/** Runs one turn with its own id (within the request's, when there is one), timed by platform and kind. */
export async function inTurn<T>(platform: string, kind: string, fn: () => Promise<T>): Promise<T> {
  turns++;
  const started = process.hrtime.bigint();
  let outcome: 'ok' | 'error' = 'error';
  try {
    const r = await als.run({ ...als.getStore(), turn: randomUUID() }, fn);
    outcome = 'ok';
    return r;
  } finally {
    observeTurn(platform, kind, outcome, Number(process.hrtime.bigint() - started) / 1e9);
    turns--;
    changed();
  }
}

/** Runs one job run with its name and an id in the logs, and its lateness and outcome measured. */
export async function inJob<T>(name: string, due: unknown, fn: () => Promise<T>): Promise<T> {
  jobStarted(name, due);
  try {
    const r = await als.run({ job: name, jobRun: randomUUID() }, fn);
    jobFinished(name, 'ok');
    return r;
  } catch (err) {
    jobFinished(name, (err as Error)?.name === 'JobInterrupted' ? 'interrupted' : 'failed');
    throw err;
  }
}
