/**
 * Configuration from the environment, parsed once with zod.
 * A wrong setting stops start-up with one message that names every problem.
 */
import { z } from 'zod';
import { SamlaError } from './errors.js';

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string())
  .optional()
  .transform((s) => (s ? s : undefined));

const seconds = z.coerce.number().int().min(1);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** The address the HTTP server listens on; 0.0.0.0 is every network interface. */
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number({ error: 'must be a port number (0–65535)' }).int().min(0, 'must be a port number (0–65535)').max(65535, 'must be a port number (0–65535)').default(3978),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGODB_URI: optionalString.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  SAMLA_DATA_DIR: z.string().default('.data'),
  /** Read by src/db/embedded.ts from the environment directly (the build location, not app state). */
  SAMLA_CACHE_DIR: z.string().default('.cache'),
  SAMLA_DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, - and _ only')
    .default('samla'),
  SAMLA_USER: optionalString,
  SAMLA_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  SAMLA_DEFAULT_LANG: z.enum(['nb', 'nn', 'en']).default('nb'),
  PUBLIC_URL: optionalString.pipe(z.string().url('must be a URL like https://samla.example.no').optional()),
  SAMLA_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  EXPORT_LINK_TTL_SECONDS: seconds.default(3600),
  SCHEDULER_POLL_SECONDS: seconds.default(5),
  FANOUT_PER_SECOND: z.coerce.number().int().min(1).max(100).default(10),
  TURN_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  /** How long a shutdown may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: seconds.default(10),
  /** Bearer token for GET /metrics; in production /metrics exists only with one. */
  METRICS_TOKEN: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),

  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_API_URL: optionalString.pipe(z.string().url('must be a URL').optional()),

  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('MultiTenant'),
  /** Where the keys that sign the Bot Framework's requests are published (a sovereign cloud's, or a stand-in's); default the public cloud's. */
  BOT_OPENID_METADATA_URL: optionalString,
  /** Teams without authentication, for Bot Framework Emulator and local tests: only when asked for by name. */
  TEAMS_EMULATOR: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * The chat page in a browser (Bot Framework Web Chat through the Teams adapter, as any demo member).
   * auto: when no platform is configured (the plain `npm start`); never in production.
   */
  SAMLA_WEBCHAT: z.enum(['auto', 'on', 'off']).default('auto'),
});

type Issue = { path: string; message: string };

/**
 * Settings that only make sense together. Checked on the raw values, so these problems are
 * reported alongside any others instead of after they are fixed.
 */
function crossChecks(e: Record<string, string | undefined>): Issue[] {
  const out: Issue[] = [];
  if (Boolean(e.SLACK_SIGNING_SECRET) !== Boolean(e.SLACK_BOT_TOKEN)) {
    out.push({ path: e.SLACK_SIGNING_SECRET ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET', message: 'SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN go together: set both or neither' });
  }
  if (e.SLACK_APP_TOKEN && !e.SLACK_BOT_TOKEN) out.push({ path: 'SLACK_BOT_TOKEN', message: 'Socket Mode (SLACK_APP_TOKEN) needs SLACK_BOT_TOKEN too' });
  const appType = e.MICROSOFT_APP_TYPE ?? 'MultiTenant';
  if (e.MICROSOFT_APP_ID && appType !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD) {
    out.push({ path: 'MICROSOFT_APP_PASSWORD', message: 'required when MICROSOFT_APP_ID is set' });
  }
  if (appType === 'SingleTenant' && e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_TENANT_ID) {
    out.push({ path: 'MICROSOFT_APP_TENANT_ID', message: 'required for a SingleTenant app' });
  }
  if (e.NODE_ENV === 'production' && e.TEAMS_EMULATOR === 'true') {
    out.push({ path: 'TEAMS_EMULATOR', message: 'never in production: the Teams endpoint would accept anyone as any user (set MICROSOFT_APP_ID instead)' });
  }
  if (e.SAMLA_WEBCHAT === 'on' && e.NODE_ENV === 'production') {
    out.push({ path: 'SAMLA_WEBCHAT', message: 'never in production: the chat page has no authentication (anyone could act as any demo member)' });
  }
  if (e.SAMLA_WEBCHAT === 'on' && e.MICROSOFT_APP_ID) {
    out.push({ path: 'SAMLA_WEBCHAT', message: 'not with MICROSOFT_APP_ID: the chat page runs the Teams adapter without authentication, for the demo community only' });
  }
  if (e.NODE_ENV === 'production' && !e.SAMLA_SECRET) out.push({ path: 'SAMLA_SECRET', message: 'required in production (signs export links)' });
  return out;
}

export type Config = z.infer<typeof configSchema> & {
  slackEnabled: boolean;
  teamsEnabled: boolean;
  /** The chat page is served (it still answers 404 unless the only community is the demo). */
  webchatEnabled: boolean;
};

/** Parses the environment; throws a SamlaError('bad_config') whose message lists every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (`PUBLIC_URL=` as in .env.example) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const r = configSchema.safeParse(set);
  const issues: Issue[] = [...(r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.') || '(environment)', message: i.message }))), ...crossChecks(set)];
  if (!r.success || issues.length) {
    const lines = issues.map((i) => `  - ${i.path}: ${i.message}`);
    throw new SamlaError(
      'bad_config',
      `Samla cannot start: ${lines.length === 1 ? 'one setting is' : `${lines.length} settings are`} wrong.\n${lines.join('\n')}\nSee .env.example for every setting.`,
    );
  }
  const c = r.data!;
  const slackEnabled = Boolean(c.SLACK_SIGNING_SECRET && c.SLACK_BOT_TOKEN);
  const nothingConfigured = !slackEnabled && !c.MICROSOFT_APP_ID && !c.TEAMS_EMULATOR;
  return {
    ...c,
    slackEnabled,
    // Teams runs when it is configured; without an app id only in the Emulator mode, asked for by name.
    teamsEnabled: Boolean(c.MICROSOFT_APP_ID) || (c.TEAMS_EMULATOR && c.NODE_ENV !== 'production'),
    webchatEnabled: c.NODE_ENV !== 'production' && !c.MICROSOFT_APP_ID && (c.SAMLA_WEBCHAT === 'on' || (c.SAMLA_WEBCHAT === 'auto' && nothingConfigured)),
  };
}
