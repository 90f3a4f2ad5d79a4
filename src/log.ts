/** Structured logs (pino) to stderr. Secrets are redacted by path wherever they might appear. */
import { pino, type Logger } from 'pino';

const REDACT = [
  '*.token', '*.password', '*.secret', '*.authorization', '*.Authorization',
  'headers.authorization', 'headers.Authorization', 'req.headers.authorization',
  '*.SLACK_BOT_TOKEN', '*.SLACK_APP_TOKEN', '*.SLACK_SIGNING_SECRET', '*.MICROSOFT_APP_PASSWORD', '*.SAMLA_SECRET',
  '*.text', '*.values',
];

/** Logs to stderr, or to the given stream (tests read what was logged). */
export function createLogger(level: string, dest?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { app: 'samla' }, redact: { paths: REDACT, censor: '[redacted]' } }, dest ?? pino.destination(2));
}

export type { Logger };
