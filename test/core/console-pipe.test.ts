/** `npm start` with stdin from a pipe: each line one message, both answers printed, then it ends. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/paths.js';
import { testEnv } from '../support/app.js';

function runConsole(input: string, env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c));
    p.stderr.on('data', (c: Buffer) => (err += c));
    const timer = setTimeout(() => p.kill('SIGKILL'), 90_000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
    p.stdin.end(input);
  });
}

/** `npm start` in a terminal (a pseudo-terminal through util-linux's `script`): what it prints before the first prompt, then Ctrl+D. */
function runInTerminal(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('script', ['-qfec', `${process.execPath} --import tsx src/main.ts`, '/dev/null'], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
    let out = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), 90_000);
    p.stdout.on('data', (c: Buffer) => {
      out += c;
      if (/^> /m.test(out)) p.stdin.write('\x04');
    });
    p.on('error', reject);
    p.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

describe('the console adapter in a terminal', () => {
  it('greets the member in their own language, and someone it does not know in the community’s', async () => {
    const nn = await runInTerminal(testEnv({ LOG_LEVEL: 'warn', SAMLA_USER: 'jorunn.tvedt@demo.samla.no' }));
    expect(nn).toContain('Du er Jorunn Tvedt <jorunn.tvedt@demo.samla.no>. Skriv «hjelp». Ctrl+D avsluttar.');
    const unknown = await runInTerminal(testEnv({ LOG_LEVEL: 'warn', SAMLA_USER: 'nobody@example.com' }));
    expect(unknown).toContain('Ukjent bruker <nobody@example.com>. Skriv «hjelp». Ctrl+D avslutter.');
  });
});

describe('the console adapter through a pipe', () => {
  it('answers hjelp and status in order and exits 0 at end of input, seeding the demo into an empty database', async () => {
    const env = testEnv({ LOG_LEVEL: 'warn' });
    const r = await runConsole('hjelp\nstatus\n', { ...env, SAMLA_DEMO: 'auto' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const help = r.out.indexOf('Dette kan du gjøre med Samla');
    const status = r.out.indexOf('Hei Sara Solheim!');
    expect(help).toBeGreaterThanOrEqual(0);
    expect(status).toBeGreaterThan(help);
    expect(r.out).toContain('DEMODATA');
  });

  it('acts as the member named by SAMLA_USER, in their language, and answers buttons by number', async () => {
    const env = testEnv({ LOG_LEVEL: 'warn' });
    const r = await runConsole('språk\n2\nstatus\n', { ...env, SAMLA_USER: 'sara.solheim@demo.samla.no' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\[1\] Bokmål\s+\[2\] Nynorsk\s+\[3\] English/);
    expect(r.out).toContain('eg skriv til deg på nynorsk');
    expect(r.out).toContain('Organa dine');
  });

  it('tells an unknown SAMLA_USER whom to contact', async () => {
    const env = testEnv({ LOG_LEVEL: 'warn' });
    const r = await runConsole('status\n', { ...env, SAMLA_USER: 'nobody@example.com' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('finner deg ikke i medlemsregisteret');
  });

  it('shows the invitations a command sends to other members before it exits', async () => {
    const env = testEnv({ LOG_LEVEL: 'warn' });
    // Open an input round for SSU (body 2 in the list), deadline far ahead, default reminders.
    const r = await runConsole('innspel ny\nTest-runde\nHva er utfordringene?\n\n2\n\n\n2030-12-15 12:00\n\n', { ...env, SAMLA_DEMO: 'on' });
    expect(r.code).toBe(0);
    const sent = r.out.match(/Invitasjoner sendes til (\d+) medlemmer/);
    expect(sent).not.toBeNull();
    const invitations = r.out.split('📨 → ').slice(1);
    expect(invitations).toHaveLength(Number(sent![1]));
    expect(invitations.every((m) => m.includes('Test-runde'))).toBe(true);
  });
});
