/**
 * `npm start`. With Slack or Teams credentials: the HTTP server for them. Without: a chat in this
 * terminal on the embedded database with the demo community (stdin may be a pipe: one message a
 * line, and the process ends after the last answer).
 */
import { Community } from '../models/community.js';
import { Member } from '../models/member.js';
import type { App } from './platform.js';
import { runConsole, startSamla } from './composition.js';
import { loadConfig, type Config } from './config.js';
import { DEMO_SECRETARIAT_EMAIL } from './demo.js';
import { SamlaError } from './errors.js';
import { createLogger } from './log.js';
import { loadDotEnv } from './dotenv.js';
import { readerLang } from './identity.js';
import { gracefulShutdown, onSignals } from './shutdown.js';
import { texts as coreTexts } from './texts.js';

function fail(err: unknown): never {
  if (err instanceof SamlaError) process.stderr.write(`${err.message}\n`);
  else process.stderr.write(`Samla stopped: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
}

let config: Config;
try {
  loadDotEnv();
  config = loadConfig();
} catch (err) {
  fail(err);
}

const consoleMode = !config.slackEnabled && !config.MICROSOFT_APP_ID;
// In the terminal, only warnings interrupt the chat unless LOG_LEVEL says otherwise.
const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : consoleMode ? 'warn' : config.LOG_LEVEL);

let app: App;
try {
  const seedDemo = config.SAMLA_DEMO === 'on' || (config.SAMLA_DEMO === 'auto' && consoleMode);
  app = await startSamla(config, { log, mode: consoleMode ? 'console' : 'server', seedDemo });
} catch (err) {
  fail(err);
}

const shutdown = gracefulShutdown(app, { timeoutSeconds: config.SHUTDOWN_TIMEOUT_SECONDS, log });
onSignals(shutdown);

if (consoleMode) {
  const email = (config.SAMLA_USER ?? DEMO_SECRETARIAT_EMAIL).toLowerCase();
  const interactive = Boolean(process.stdin.isTTY);
  const { session } = await runConsole(app, { email, input: process.stdin, output: process.stdout, prompt: interactive });
  if (interactive) {
    const c = await Community.findOne().sort({ createdAt: 1 });
    const m = c ? await Member.findOne({ community: c._id, email }) : null;
    // In the member's language (the community's for someone it does not know), like everything after it.
    const lang = readerLang(m, c, config.SAMLA_DEFAULT_LANG);
    const community = c?.name ?? '';
    process.stdout.write(`${m ? coreTexts(lang, 'core.start.you', { community, name: m.name, email }) : coreTexts(lang, 'core.start.unknown', { community, email })}\n`);
    // The chat page answers only for the demo community; with a real directory it is not offered.
    if (c?.demo) for (const a of app.adapters) if (a.page) process.stdout.write(`${a.page.notice}\n`);
  }
  await session.run(process.stdin);
  // From a pipe: let what the last messages started (invitations, notices) go out before leaving.
  if (!interactive) await app.scheduler.settle(20_000);
  await shutdown(0);
}
