/**
 * What an operator sees at /metrics after a member votes through Slack (signed request over real
 * HTTP, the fake Slack Web API behind): the turn, the acknowledgement, the Slack calls and the
 * database commands are counted and timed; log lines carry the request's and the turn's ids; and
 * the endpoint is closed in production without a token and guarded by one when it is set.
 */
import { Writable } from 'node:stream';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { mountMetrics } from '../../src/metrics.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createPoll, votingMember } from '../support/poll-helpers.js';
import { clickBody, postedButtons } from '../support/slack-clicks.js';
import { channelFor, postToSlackEndpoint, slackDriver, type SlackDriver } from '../support/slack-driver.js';
import { until } from '../support/wait.js';

/** The value of one sample line, e.g. `samla_turn_duration_seconds_count{kind="action",platform="slack",outcome="ok"}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const got = Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) total += Number(m[2]);
  }
  return total;
}

describe('/metrics after a vote', () => {
  let t: TestApp;
  let d: SlackDriver;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    t = await startTestApp({}, { log: createLogger('debug', sink) });
    d = await slackDriver(t);
  });
  afterAll(async () => {
    await d?.close();
    await t?.close();
  });

  const scrape = async () => {
    const r = await fetch(`${t.app.http.url}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/plain/);
    return r.text();
  };

  it('counts and times the turn, the ack, the Slack calls and the database commands', async () => {
    const poll = await createPoll(t, 'ssu', { question: 'Målt avstemming?' });
    const channel = channelFor('ssu');
    const posted = await until('the poll in the channel', async () => postedButtons(d.fake, channel, 'Målt avstemming?'), 10_000);
    const email = await votingMember(t, 'ssu');
    const before = await scrape();

    const body = clickBody(d.fake, { email, button: posted.buttons[0]!, channel, messageTs: posted.ts, actionTs: '1790000001.000001' });
    const res = await postToSlackEndpoint(d.baseUrl, body, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    await d.settle();
    const { Vote } = await import('../../models/vote.js');
    expect(await Vote.countDocuments({ poll: poll._id })).toBe(1);
    // The live tally's channel update follows within its 2-second window.
    await until('the channel update', async () => d.fake.calls.some((c) => c.method === 'chat.update' && c.args.channel === channel), 10_000);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(delta('samla_turn_duration_seconds_count', { platform: 'slack', kind: 'action', outcome: 'ok' })).toBe(1);
    expect(delta('samla_turn_duration_seconds_sum', { platform: 'slack', kind: 'action' })).toBeGreaterThan(0);
    expect(delta('samla_slack_ack_seconds_count', { status: '200' })).toBe(1);
    expect(delta('samla_http_request_duration_seconds_count', { route: '/slack/events', status: '200' })).toBe(1);
    expect(delta('samla_platform_api_calls_total', { platform: 'slack', method: 'chat.update', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(delta('samla_platform_api_call_duration_seconds_count', { platform: 'slack', method: 'chat.update' })).toBeGreaterThanOrEqual(1);
    // The vote is an upsert (update), its claim an insert; both were timed.
    expect(delta('samla_db_command_duration_seconds_count', { command: 'update', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(delta('samla_db_command_duration_seconds_count', { command: 'insert', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'samla_fanout_queue_depth', { state: 'pending' })).toBeGreaterThanOrEqual(0);
    expect(after).toMatch(/^# HELP samla_job_lateness_seconds /m);
    expect(after).toMatch(/^process_cpu_user_seconds_total/m);
  });

  it("every line logged during the vote's request and turn carries their ids", () => {
    const turnLines = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.turn);
    expect(turnLines.length).toBeGreaterThan(0);
    for (const l of turnLines) {
      expect(typeof l.turn).toBe('string');
      expect(typeof l.req).toBe('string');
    }
  });

  it('answers 401 without the token when METRICS_TOKEN is set', async () => {
    const app = express();
    mountMetrics(app, loadConfig({ NODE_ENV: 'development', METRICS_TOKEN: 'metrics-token-for-the-test' }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`;
    try {
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
      const ok = await fetch(url, { headers: { authorization: 'Bearer metrics-token-for-the-test' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('samla_turn_duration_seconds');
    } finally {
      server.close();
    }
  });

  it('is not there in production without a token (404)', async () => {
    const app = express();
    const mounted = mountMetrics(app, loadConfig({ NODE_ENV: 'production', SAMLA_SECRET: 'a-production-secret-of-32-characters!!' }));
    expect(mounted).toBe(false);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      expect((await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/metrics`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
