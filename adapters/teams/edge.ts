/**
 * The edge of the Teams adapter: what arrives at /api/messages is parsed and checked before
 * botbuilder sees it. Every id is a bounded string — ids reach database queries, and
 * `{"$ne": "x"}` as a tenant id would select any community. A body that is not a JSON activity
 * gets a bare 4xx, without the parser's message.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';

const BODY_LIMIT = '1mb';

const id = z.string().min(1).max(512);
const short = (max: number) => z.string().max(max);
const account = z.looseObject({ id, name: short(512).nullish(), aadObjectId: short(128).nullish() });

export const activitySchema = z.looseObject({
  type: short(64).min(1),
  id: id.optional(),
  name: short(255).optional(),
  action: short(64).optional(),
  channelId: short(64).optional(),
  serviceUrl: z.url().max(2048).optional(),
  from: account,
  recipient: account.optional(),
  conversation: z.looseObject({ id, conversationType: short(64).optional(), tenantId: id.optional(), isGroup: z.boolean().optional() }),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id }).optional(),
      team: z.looseObject({ id: id.optional() }).optional(),
      channel: z.looseObject({ id: id.optional() }).optional(),
      eventType: short(64).optional(),
    })
    .optional(),
  membersAdded: z.array(account).max(1000).optional(),
  membersRemoved: z.array(account).max(1000).optional(),
  replyToId: id.optional(),
  text: short(100_000).optional(),
  locale: short(64).optional(),
});

/** Parses the body as JSON (whatever the content type claims) and refuses what is not an activity. */
export function teamsEdge(): express.RequestHandler[] {
  const json = express.json({ limit: BODY_LIMIT, type: () => true });
  return [
    (req: Request, res: Response, next: NextFunction) => {
      json(req, res, (err?: unknown) => {
        if (err) {
          res.status((err as { status?: number }).status === 413 ? 413 : 400).json({ error: 'bad request' });
          return;
        }
        next();
      });
    },
    (req: Request, res: Response, next: NextFunction) => {
      if (!activitySchema.safeParse(req.body).success) {
        res.status(400).json({ error: 'bad request' });
        return;
      }
      next();
    },
  ];
}
