/**
 * The Bot Framework connector of the chat page's tenant: the `serviceUrl` its activities carry, so
 * the Teams adapter answers, posts proactively, updates cards and looks members up exactly as it
 * does against Teams (botbuilder's ConnectorClient over HTTP). What the bot posts becomes the
 * transcript the browser polls; who a user is comes from the demo tenant.
 */
import { randomBytes } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { BOT, type DemoTenant } from './demo-tenant.js';
import type { Transcripts } from './transcript.js';

export const CONNECTOR_PATH = '/chat/connector';

export interface ConnectorState {
  tenant(): Promise<{ tenant: DemoTenant; transcripts: Transcripts } | null>;
}

export function newActivityId(): string {
  return `wc-${randomBytes(9).toString('base64url')}`;
}

/** A channel post's thread suffix («;messageid=…») belongs to the channel's one transcript. */
const baseConversation = (id: string) => id.split(';messageid=')[0]!;

const PAGE = 100;

export function connectorRouter(state: ConnectorState): express.Router {
  const r = express.Router();
  // Only the bot calls its connector, from this machine: nobody else may post as Samla into a chat.
  r.use((req, res, next) => {
    const from = req.socket.remoteAddress ?? '';
    if (from === req.socket.localAddress || /^(::1|127\.\d+\.\d+\.\d+|::ffff:127\.\d+\.\d+\.\d+)$/.test(from)) return next();
    res.status(404).json({ error: { code: 'NotFound', message: 'not found' } });
  });
  r.use(express.json({ limit: '1mb' }));

  const withTenant = (handler: (req: Request, res: Response, t: { tenant: DemoTenant; transcripts: Transcripts }) => Promise<void>) => async (req: Request, res: Response) => {
    const t = await state.tenant();
    if (!t) {
      res.status(404).json({ error: { code: 'NotFound', message: 'not found' } });
      return;
    }
    await handler(req, res, t);
  };

  // A personal chat for a member the bot knows from the roster but has not chatted with yet.
  r.post(
    '/v3/conversations',
    withTenant(async (req, res, { tenant }) => {
      const first = (req.body as { members?: { id?: unknown }[] } | undefined)?.members?.[0]?.id;
      const user = typeof first === 'string' ? tenant.user(first) : undefined;
      if (!user) {
        res.status(404).json({ error: { code: 'MemberNotFound', message: 'no such member in this tenant' } });
        return;
      }
      res.json({ id: user.conversationId });
    }),
  );

  const post = withTenant(async (req, res, { transcripts }) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const conversation = baseConversation(String(req.params.conversation));
    const id = newActivityId();
    await transcripts.append(conversation, { ...body, id, timestamp: new Date().toISOString(), from: { ...BOT, role: 'bot' }, conversation: { id: conversation } }, true);
    res.json({ id });
  });
  r.post('/v3/conversations/:conversation/activities', post);
  r.post('/v3/conversations/:conversation/activities/:replyTo', post);

  // updateActivity: the new version goes out under the same id, so the page replaces the card where it is.
  r.put(
    '/v3/conversations/:conversation/activities/:activity',
    withTenant(async (req, res, { transcripts }) => {
      const conversation = baseConversation(String(req.params.conversation));
      const id = String(req.params.activity);
      const before = await transcripts.find([conversation], id);
      if (!before) {
        res.status(404).json({ error: { code: 'ActivityNotFound', message: 'no such activity in this conversation' } });
        return;
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      await transcripts.append(conversation, { ...body, id, timestamp: before.activity.timestamp, from: { ...BOT, role: 'bot' }, conversation: { id: conversation } }, true);
      res.json({ id });
    }),
  );
  r.delete('/v3/conversations/:conversation/activities/:activity', (_req, res) => {
    res.json({});
  });

  r.get(
    '/v3/conversations/:conversation/members/:user',
    withTenant(async (req, res, { tenant }) => {
      const user = tenant.user(String(req.params.user));
      if (!user) {
        res.status(404).json({ error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation' } });
        return;
      }
      res.json(tenant.account(user));
    }),
  );
  r.get(
    '/v3/conversations/:conversation/pagedmembers',
    withTenant(async (req, res, { tenant }) => {
      const start = Math.max(0, Number(req.query.continuationToken ?? 0) || 0);
      const size = Math.min(500, Math.max(1, Number(req.query.pageSize ?? PAGE) || PAGE));
      const page = tenant.users.slice(start, start + size).map((u) => tenant.account(u));
      res.json({ members: page, ...(start + size < tenant.users.length ? { continuationToken: String(start + size) } : {}) });
    }),
  );
  r.get(
    '/v3/conversations/:conversation/members',
    withTenant(async (_req, res, { tenant }) => {
      res.json(tenant.users.map((u) => tenant.account(u)));
    }),
  );
  r.use((req, res) => {
    res.status(404).json({ error: { code: 'NotFound', message: `${req.method} ${req.path}` } });
  });
  return r;
}
