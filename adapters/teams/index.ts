/**
 * The Microsoft Teams adapter. Every botbuilder type stays inside this folder (the Bot Framework
 * SDK is archived; moving to its successor must touch only here). Split by concern:
 * auth.ts (CloudAdapter and token checks), receive.ts (POST /api/messages → Incoming),
 * render.ts (Reply → Adaptive Card 1.5), send.ts (replies, proactive messages, updates),
 * identity.ts (who is talking, conversation references), retry.ts (connector back-off),
 * webchat/ (the chat page: Bot Framework Web Chat as a Teams client of the demo community).
 */
import type { App } from '../../src/platform.js';
import type { PlatformAdapter } from '../../src/platform.js';
import { createCloudAdapter } from './auth.js';
import { TeamsReceiver } from './receive.js';
import type { RetryPolicy } from './retry.js';
import { TeamsSender } from './send.js';

export interface TeamsOptions {
  /** Connector back-off; tests shorten it. */
  retry?: RetryPolicy;
}

export async function mountTeams(app: App, opts: TeamsOptions = {}): Promise<PlatformAdapter> {
  const { config, log } = app;
  const adapter = createCloudAdapter(config);
  const appId = config.MICROSOFT_APP_ID ?? '';
  // /api/messages only when Teams itself is enabled; the chat page alone needs none.
  const endpoint = config.teamsEnabled;
  if (!appId && endpoint) {
    const host = app.http.host;
    const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
    // In the terminal chat on this machine only it is expected; on a server it is a warning.
    if (loopback)
      log[app.mode === 'console' ? 'info' : 'warn'](
        { host },
        'Teams runs WITHOUT authentication (TEAMS_EMULATOR=true, no MICROSOFT_APP_ID): for Bot Framework Emulator and local tests only',
      );
    else {
      // Anyone who reaches the port can claim to be any Teams user, the secretariat included.
      log.warn(
        { host, port: app.config.PORT },
        `Teams runs WITHOUT authentication on ${host}${host === '0.0.0.0' || host === '::' ? ' (every network interface)' : ''}: anyone who can reach this port can act as any Teams user. ` +
          'For the Emulator set HOST=127.0.0.1; for real use set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD.',
      );
    }
  }
  const sender = new TeamsSender({ adapter, appId, log, retry: opts.retry });
  app.delivery.register(sender);
  const receiver = new TeamsReceiver({ app, adapter, sender, authEnabled: Boolean(appId), retry: opts.retry });
  if (endpoint) {
    receiver.mount();
    log.info({ path: '/api/messages', authenticated: Boolean(appId) }, 'Teams endpoint ready');
  }
  const page = config.webchatEnabled && !appId ? (await import('./webchat/index.js')).mountWebChat(app, { process: (a) => receiver.processDirect(a) }) : undefined;
  // Named for what it serves: «teams» is /api/messages.
  return { name: endpoint ? 'teams' : 'teams-webchat', ...(page ? { page } : {}) };
}
