/**
 * Samla in a browser: Microsoft's Bot Framework Web Chat as a Teams client of the demo tenant.
 * The page (page.ts) lets a visitor be any demo member; Web Chat talks Direct Line to Samla itself
 * (directline.ts); each activity goes through the Teams adapter's own turn, and the adapter answers
 * through a connector that keeps the transcripts (connector.ts) — the same core, the same Adaptive
 * Cards, updates in place, proactive messages and member look-ups as in Teams.
 *
 * It has no authentication, so it exists only outside production (the configuration refuses it
 * there) and answers only while the database holds the demo community and nothing else: with a
 * real directory every path is a 404.
 */
import type { NextFunction, Request, Response } from 'express';
import { Address } from '../../../models/address.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../../src/demo.js';
import { demoRoster, loneDemoCommunity } from '../../../src/demo-roster.js';
import type { App } from '../../../src/platform.js';
import { texts } from '../texts.js';
import { CONNECTOR_PATH, connectorRouter, newActivityId } from './connector.js';
import { BOT, channelConversationId, DemoTenant, TEAM_ID, TENANT_ID } from './demo-tenant.js';
import { DIRECTLINE_PATH, directLineRouter } from './directline.js';
import { pageRouter, PAGE_PATH, webChatBundle } from './page.js';
import { Transcripts } from './transcript.js';

export interface WebChatOptions {
  /** Runs a Teams activity through the Teams adapter's turn. */
  process(activity: Record<string, unknown>): Promise<void>;
}

export interface WebChatHandle {
  /** Where a person on this machine opens the page. */
  url: string;
  /** One line for the terminal, in the community's default language. */
  notice: string;
}

interface Live {
  tenant: DemoTenant;
  transcripts: Transcripts;
}

export function mountWebChat(app: App, opts: WebChatOptions): WebChatHandle {
  const { config, log } = app;
  const serviceUrl = () => `${app.http.url}${CONNECTOR_PATH}/`;
  let live: { community: string; ready: Promise<Live> } | null = null;

  /** The demo tenant, set up once per demo community (a reseeded database gets a new one). */
  async function tenant(): Promise<Live | null> {
    if (config.NODE_ENV === 'production') return null;
    const community = await loneDemoCommunity();
    if (!community) return null;
    const id = String(community._id);
    if (live?.community !== id) {
      const ready = setUp(id);
      live = { community: id, ready };
      ready.catch(() => {
        if (live?.ready === ready) live = null;
      });
    }
    return live.ready;
  }

  async function setUp(communityId: string): Promise<Live> {
    const roster = await demoRoster();
    if (!roster || roster.communityId !== communityId) throw new Error('the demo community changed while the chat page was set up');
    const t: Live = { tenant: new DemoTenant(roster), transcripts: new Transcripts(communityId) };
    // While set-up runs, the connector must already answer the adapter's calls for this tenant.
    pending = t;
    try {
      await installInDemoTeam(t);
    } finally {
      pending = null;
    }
    return t;
  }

  let pending: Live | null = null;
  const forConnector = async () => pending ?? tenant();

  /**
   * As an admin does in Teams: the app added to a team holding every demo member (the adapter reads
   * the roster, so everyone is reachable before they open their chat), and in one channel per body
   * the secretariat's «kanal <organ>», so polls and notices have a channel. Done once: a body whose
   * channel is already bound is left alone.
   */
  async function installInDemoTeam(t: Live) {
    const secretariat = t.tenant.users.find((u) => u.member.email === DEMO_SECRETARIAT_EMAIL) ?? t.tenant.users.find((u) => u.member.secretariat);
    if (!secretariat) return;
    const from = { id: secretariat.id, name: secretariat.member.name, aadObjectId: secretariat.aadObjectId };
    const teamData = { tenant: { id: TENANT_ID }, team: { id: TEAM_ID, name: 'Samla (demo)' } };
    const bound = await Address.find({ community: t.tenant.roster.communityId, platform: 'teams', kind: 'channel', body: { $ne: null } });
    const boundIds = new Set(bound.map((a) => a.externalId));
    const unbound = t.tenant.roster.bodies.filter((b) => !boundIds.has(channelConversationId(b.key)));
    if (!unbound.length) return;
    await opts.process({
      type: 'conversationUpdate',
      id: newActivityId(),
      channelId: 'msteams',
      serviceUrl: serviceUrl(),
      from,
      recipient: BOT,
      conversation: { id: TEAM_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
      channelData: { ...teamData, eventType: 'teamMemberAdded' },
      membersAdded: [BOT],
    });
    for (const b of unbound) {
      const ch = channelConversationId(b.key);
      const id = newActivityId();
      const mention = `<at>${BOT.name}</at>`;
      await opts.process({
        type: 'message',
        id,
        channelId: 'msteams',
        serviceUrl: serviceUrl(),
        timestamp: new Date().toISOString(),
        from,
        recipient: BOT,
        text: `${mention} kanal ${b.key}`,
        entities: [{ type: 'mention', text: mention, mentioned: BOT }],
        conversation: { id: `${ch};messageid=${id}`, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
        channelData: { ...teamData, channel: { id: ch, name: b.short } },
      });
    }
  }

  // Every path 404s unless the demo community is all there is; the check runs before anything else.
  const gate = async (_req: Request, res: Response, next: NextFunction) => {
    if (config.NODE_ENV !== 'production' && (await loneDemoCommunity())) return next();
    res.status(404).json({ error: 'not found' });
  };
  const http = app.http.app;
  http.use(CONNECTOR_PATH, gate, connectorRouter({ tenant: forConnector }));
  http.use(DIRECTLINE_PATH, gate, directLineRouter({ tenant, process: opts.process, serviceUrl, log }));
  http.use(PAGE_PATH, gate, pageRouter({ tenant }));

  if (!webChatBundle()) log.warn('botframework-webchat is not installed (npm install): the chat page cannot load Web Chat');
  const port = new URL(app.http.url).port;
  const url = `http://localhost:${port}${PAGE_PATH}`;
  log.info({ url }, 'chat page ready (demo community only, no authentication)');
  return { url, notice: texts(config.SAMLA_DEFAULT_LANG, 'teams.webchat.startup', { url }) };
}
