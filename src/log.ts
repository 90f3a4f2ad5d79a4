/** Structured logs (pino) to stderr. Secrets are redacted by path wherever they might appear. */
import { pino, stdSerializers, type Logger } from 'pino';
import { logContext } from './context.js';
import { redactNationalIds } from './guard.js';

const REDACT = [
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'headers.Authorization',
  'req.headers.authorization',
  '*.SLACK_BOT_TOKEN',
  '*.SLACK_APP_TOKEN',
  '*.SLACK_SIGNING_SECRET',
  '*.MICROSOFT_APP_PASSWORD',
  '*.SAMLA_SECRET',
  '*.METRICS_TOKEN',
  '*.text',
  '*.values',
];

/**
 * An error's message may quote the value it choked on (mongoose's «Cast to ObjectId failed for
 * value …»), and that value came from a member: an identity number in it must not be written.
 */
function safeError(err: unknown): unknown {
  const e = stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!e || typeof e !== 'object') return e;
  for (const k of ['message', 'stack', 'value', 'stringValue', 'reason']) {
    if (typeof e[k] === 'string') e[k] = redactNationalIds(e[k] as string);
  }
  return e;
}

/** Logs to stderr, or to the given stream (tests read what was logged). */
export function createLogger(level: string, dest?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'samla' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: safeError },
      // The request, turn or job each line belongs to.
      mixin: () => ({ ...logContext() }),
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactNationalIds(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    dest ?? pino.destination(2),
  );
}

export type { Logger };
