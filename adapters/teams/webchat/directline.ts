/**
 * The Direct Line 3.0 REST API, as much of it as Web Chat's botframework-directlinejs uses when it
 * polls (`webSocket: false`): resume a conversation, post an activity, get the activities after a
 * watermark, refresh the token. A conversation is one demo member's personal chat («dm.<member>»)
 * or a body's channel as one member sees it («ch.<body>.<member>»). What the browser posts is
 * echoed into the transcript (Web Chat waits for that) and handed to the Teams adapter as the
 * activity Teams would send; what the bot answers arrives through the connector (connector.ts).
 */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { Serial } from '../../../src/serial.js';
import type { Logger } from '../../../src/log.js';
import { newActivityId } from './connector.js';
import { BOT, channelConversationId, TEAM_ID, TENANT_ID, type DemoTenant, type TeamsUser } from './demo-tenant.js';
import type { Transcripts } from './transcript.js';

export const DIRECTLINE_PATH = '/v3/directline';
/** Where the page's card middleware says which activity a clicked card belongs to; the channel takes it out again. */
export const CARD_OF_KEY = 'samlaWebChatCard';

export interface DirectLineState {
  tenant(): Promise<{ tenant: DemoTenant; transcripts: Transcripts } | null>;
  /** Hands a Teams activity to the Teams adapter's turn. */
  process(activity: Record<string, unknown>): Promise<void>;
  serviceUrl(): string;
  log: Logger;
}

/** Where a Direct Line conversation is: whose it is, and which Teams conversation. */
export interface Place {
  user: TeamsUser;
  body?: { key: string; short: string; name: string };
  /** The Teams conversation the bot posts to. */
  conversation: string;
  /** The transcripts this viewer sees: the conversation, and their own echoes in a channel. */
  keys: string[];
  /** Where this viewer's own activities are echoed. */
  echoKey: string;
}

export function placeOf(tenant: DemoTenant, directLineId: string): Place | null {
  const dm = /^dm\.([a-f0-9]{24})$/.exec(directLineId);
  if (dm) {
    const user = tenant.ofMember(dm[1]!);
    return user ? { user, conversation: user.conversationId, keys: [user.conversationId], echoKey: user.conversationId } : null;
  }
  const ch = /^ch\.([a-z0-9-]{1,60})\.([a-f0-9]{24})$/.exec(directLineId);
  if (!ch) return null;
  const user = tenant.ofMember(ch[2]!);
  const body = tenant.roster.bodies.find((b) => b.key === ch[1]);
  if (!user || !body) return null;
  const conversation = channelConversationId(body.key);
  const echoKey = `echo:${conversation}:${user.member.id}`;
  return { user, body, conversation, keys: [conversation, echoKey], echoKey };
}

const incoming = z.looseObject({
  type: z.string().max(64),
  text: z.string().max(100_000).optional(),
  value: z.unknown().optional(),
  locale: z.string().max(64).optional(),
  channelData: z.looseObject({ clientActivityID: z.string().max(128).optional(), postBack: z.boolean().optional() }).optional(),
});

export function directLineRouter(state: DirectLineState): express.Router {
  const r = express.Router();
  const turns = new Serial();
  r.use(express.json({ limit: '1mb' }));

  const withPlace =
    (handler: (req: Request, res: Response, p: Place, t: { tenant: DemoTenant; transcripts: Transcripts }) => Promise<void>) => async (req: Request, res: Response) => {
      const t = await state.tenant();
      const place = t ? placeOf(t.tenant, String(req.params.conversation)) : null;
      if (!t || !place) {
        res.status(404).json({ error: { code: 'BadArgument', message: 'Conversation not found' } });
        return;
      }
      await handler(req, res, place, t);
    };

  // The token is not a credential (the page has none; it exists only for the demo community): it names the conversation.
  const conversation = (id: string) => ({ conversationId: id, token: id, expires_in: 3600 });

  r.get(
    '/conversations/:conversation',
    withPlace(async (req, res) => {
      res.json(conversation(String(req.params.conversation)));
    }),
  );
  r.post('/conversations', (_req, res) => {
    res.status(400).json({ error: { code: 'BadArgument', message: 'the chat page opens a member’s conversation by its id' } });
  });
  r.post('/tokens/refresh', (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    res.json({ token, expires_in: 3600 });
  });

  r.get(
    '/conversations/:conversation/activities',
    withPlace(async (req, res, place, { transcripts }) => {
      const watermark = Number(req.query.watermark ?? 0) || 0;
      const { rows, watermark: next } = await transcripts.after(place.keys, watermark);
      // Web Chat holds a reply back until the activity it answers is shown; in a channel that is
      // someone else's click, which this viewer never sees — order comes from the sequence instead.
      const activities = rows.map(({ activity }) => {
        const { replyToId: _replyTo, ...shown } = activity;
        return { ...shown, conversation: { id: String(req.params.conversation) } };
      });
      res.json({ activities, watermark: String(next) });
    }),
  );

  r.post(
    '/conversations/:conversation/activities',
    withPlace(async (req, res, place, { transcripts }) => {
      const parsed = incoming.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: { code: 'BadArgument', message: 'not an activity' } });
        return;
      }
      const a = parsed.data;
      const id = newActivityId();
      if (a.type !== 'message') {
        res.json({ id });
        return;
      }
      const { value, cardOf } = cardOrigin(a.value);
      const replyToId = cardOf ? (await transcripts.find([place.conversation], cardOf))?.activity.id : undefined;
      const timestamp = new Date().toISOString();
      const { user } = place;
      await transcripts.append(
        place.echoKey,
        {
          type: 'message',
          id,
          timestamp,
          from: { id: user.id, name: user.member.name, role: 'user' },
          ...(a.text !== undefined ? { text: a.text } : {}),
          ...(value !== undefined ? { value } : {}),
          channelData: a.channelData ?? {},
        },
        false,
      );
      res.json({ id });
      const activity = teamsActivity(place, state.serviceUrl(), { id, timestamp, text: a.text, value, replyToId, locale: a.locale });
      // One member's activities reach the bot in the order they were sent, as from Teams.
      void turns
        .run(user.member.id, () => state.process(activity))
        .catch((err: unknown) => state.log.error({ err: { message: (err as Error)?.message } }, 'the chat page’s activity failed'));
    }),
  );
  return r;
}

/** The card's submitted data without the page's note of which card it was. */
export function cardOrigin(value: unknown): { value: unknown; cardOf?: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { value };
  const { [CARD_OF_KEY]: cardOf, ...rest } = value as Record<string, unknown>;
  return { value: rest, ...(typeof cardOf === 'string' && cardOf.length <= 64 ? { cardOf } : {}) };
}

/** The activity Teams would send for this: a personal chat message, or a click on a card in a channel. */
export function teamsActivity(
  place: Place,
  serviceUrl: string,
  a: { id: string; timestamp: string; text?: string; value?: unknown; replyToId?: string; locale?: string },
): Record<string, unknown> {
  const { user } = place;
  const base = {
    type: 'message',
    id: a.id,
    channelId: 'msteams',
    serviceUrl,
    timestamp: a.timestamp,
    from: { id: user.id, name: user.member.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    ...(a.text !== undefined ? { text: a.text } : {}),
    ...(a.value !== undefined ? { value: a.value } : {}),
    ...(a.replyToId ? { replyToId: a.replyToId } : {}),
    ...(a.locale ? { locale: a.locale } : {}),
  };
  if (!place.body) {
    return { ...base, conversation: { id: user.conversationId, conversationType: 'personal', tenantId: TENANT_ID }, channelData: { tenant: { id: TENANT_ID } } };
  }
  return {
    ...base,
    conversation: { id: `${place.conversation};messageid=${a.replyToId ?? a.id}`, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM_ID, name: 'Samla (demo)' }, channel: { id: place.conversation, name: place.body.short } },
  };
}
