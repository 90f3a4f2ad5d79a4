/**
 * The Slack adapter: Bolt over the neutral core. HTTP mode mounts `POST /slack/events` (events,
 * slash commands, interactivity and select options) on the app's one express server; with an app
 * token it uses Socket Mode instead. Split by concern: receive.ts (Bolt wiring), render.ts (Block
 * Kit), send.ts (Web API, Sender, replies), identity.ts (users.info, users.lookupByEmail), limits.ts (Slack's limits).
 */
import { App as BoltApp, ExpressReceiver, SocketModeReceiver, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { AddressDoc } from '../../models/address.js';
import { languageOf } from '../../src/identity.js';
import type { App } from '../../src/platform.js';
import type { PlatformAdapter } from '../../src/platform.js';
import type { Logger } from '../../src/log.js';
import { watchSlackClient } from '../../src/metrics.js';
import type { Lang } from '../../src/ui.js';
import { reachByEmail } from './identity.js';
import { checkEnvelope, slackEdge } from './edge.js';
import { CONTRIBUTE_SHORTCUT, registerListeners, SLASH_COMMAND } from './receive.js';
import { SlackApi, slackSender } from './send.js';

export const EVENTS_PATH = '/slack/events';
/** The slash command and message shortcuts the listeners handle; the edge answers anything else itself. */
const EDGE = { command: SLASH_COMMAND, shortcuts: [CONTRIBUTE_SHORTCUT] };

export interface SlackSettings {
  signingSecret: string;
  botToken: string;
  appToken?: string;
  apiUrl?: string;
}

export interface SlackAdapter extends PlatformAdapter {
  name: 'slack';
  api: SlackApi;
  /** Resolves when every request received so far has been handled completely (for tests and shutdown). */
  settled(): Promise<void>;
}

/** Counts requests in flight, so a caller can wait until the work after each ack is done. */
class Inflight {
  private readonly running = new Set<Promise<unknown>>();
  track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    void p.finally(() => this.running.delete(p)).catch(() => {});
    return p;
  }
  async settled(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}

/**
 * The SDK's debug lines that quote a request, response or envelope: e-mails looked up, message
 * texts, and who clicked which button (in an anonymous poll, who voted what).
 */
const PERSONAL_DEBUG_LINE =
  /^(http request (body|result):|Received a message on the WebSocket:|Sending a WebSocket message:|Unable to parse an incoming WebSocket message|Calling ack\(\)|ack\(\) (call begins|response))/;

function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  // Bolt's info and debug lines are chatty and may hold request details: keep them at debug, and
  // drop the WebClient's request and response bodies outright (e-mails looked up, message texts).
  const debug = (...m: unknown[]) => {
    const line = m.map(String).join(' ');
    if (!PERSONAL_DEBUG_LINE.test(line)) child.debug(line);
  };
  return {
    debug,
    info: debug,
    warn: (...m: unknown[]) => child.warn(m.map(String).join(' ')),
    error: (...m: unknown[]) => child.error(m.map(String).join(' ')),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export function settingsFromConfig(c: App['config']): SlackSettings {
  if (!c.SLACK_SIGNING_SECRET || !c.SLACK_BOT_TOKEN) throw new Error('Slack needs SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN');
  return { signingSecret: c.SLACK_SIGNING_SECRET, botToken: c.SLACK_BOT_TOKEN, appToken: c.SLACK_APP_TOKEN, apiUrl: c.SLACK_API_URL };
}

export async function mountSlack(app: App, settings: SlackSettings = settingsFromConfig(app.config)): Promise<SlackAdapter> {
  const log = app.log.child({ platform: 'slack' });
  const logger = boltLogger(log);
  const inflight = new Inflight();
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl.endsWith('/') ? settings.apiUrl : `${settings.apiUrl}/` } : {}),
    // 429s wait for Retry-After inside the client; other failures are retried a little, then reported.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 15_000,
  };
  const receiver = settings.appToken
    ? // The connection is opened with apps.connections.open, so SLACK_API_URL (GovSlack, tests) applies to it too.
      new SocketModeReceiver({ appToken: settings.appToken, logger, installerOptions: { clientOptions } })
    : new ExpressReceiver({
        signingSecret: settings.signingSecret,
        logger,
        app: app.http.app,
        router: slackEdge(EVENTS_PATH, settings.signingSecret, EDGE),
        endpoints: EVENTS_PATH,
        processBeforeResponse: false,
      });

  // Each request is tracked from the moment the receiver hands it over, before any ack.
  class TrackedBolt extends BoltApp {
    override processEvent(event: Parameters<BoltApp['processEvent']>[0]) {
      return inflight.track(super.processEvent(event));
    }
  }
  const bolt = new TrackedBolt({
    token: settings.botToken,
    receiver,
    logger,
    clientOptions,
    convoStore: false,
    deferInitialization: true,
  });
  // auth.test: a wrong token or API URL stops start-up with a clear error rather than failing later.
  await bolt.init();
  watchSlackClient(bolt.client);

  // Socket Mode envelopes skip the HTTP edge: the same check, before any listener.
  bolt.use(async (args) => {
    if (checkEnvelope(args.body, EDGE) === 'handle') return args.next();
    await (args as { ack?: () => Promise<void> }).ack?.();
  });

  const api = new SlackApi(bolt.client, log);
  const defaultLang = app.config.SAMLA_DEFAULT_LANG;
  registerListeners(bolt, { core: app.core, api, log, defaultLang, messageAction: app.messageAction });

  const langOf = (address: AddressDoc): Promise<Lang> => languageOf(address, defaultLang);
  // Members who never wrote to the bot are found by e-mail when a job has something for them.
  app.delivery.register({ ...slackSender(api, langOf), reach: (member, community) => reachByEmail(api, log, member, community) });

  if (settings.appToken) await bolt.start();
  log.info({ mode: settings.appToken ? 'socket' : 'http', path: settings.appToken ? undefined : EVENTS_PATH }, 'Slack adapter ready');

  return {
    name: 'slack',
    api,
    settled: () => inflight.settled(),
    async stop() {
      await inflight.settled();
      if (settings.appToken) await bolt.stop();
    },
  };
}
