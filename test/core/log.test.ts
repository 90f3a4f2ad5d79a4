import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

describe('logs', () => {
  it('never carry tokens, secrets or the free text people typed', async () => {
    const out = new PassThrough();
    let logged = '';
    out.on('data', (c: Buffer) => (logged += c));
    const log = createLogger('info', out);
    log.info({ req: { headers: { authorization: 'Bearer eyJhbGciOi.secret' } }, body: { token: 'xoxb-123-secret', text: 'Pasient 15038510190' } }, 'incoming');
    log.info({ config: { SLACK_BOT_TOKEN: 'xoxb-999', MICROSOFT_APP_PASSWORD: 'pw-secret' } }, 'config');
    log.info({ form: { values: { title: 'utkast' } } }, 'form');
    await new Promise((r) => setImmediate(r));
    expect(logged).toContain('incoming');
    for (const secret of ['eyJhbGciOi', 'xoxb-', 'pw-secret', '15038510190', 'utkast']) expect(logged).not.toContain(secret);
    expect(logged).toContain('[redacted]');
  });
});
