/**
 * The edge of the Slack adapter: every request to /slack/events is checked before Bolt sees it.
 * In order: fresh (±5 minutes), signed, parseable, and shaped like an envelope we handle — with
 * every id a short Slack id, never an object (an id reaches database queries, and
 * `{"$ne": "x"}` would match anyone). Failures get a bare 4xx at once; types we do not handle a
 * bare 200, so Slack does not wait for a listener that will never answer.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import querystring from 'node:querystring';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';

/** Slack's own window for a request's timestamp; Bolt refuses older ones, we refuse newer ones too. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** A modal with every text box full is well under this; more is not Slack. */
const BODY_LIMIT = '1mb';

/** Slack ids (team, user, channel, enterprise) are short upper-case alphanumerics. */
const slackId = z.string().regex(/^[A-Z0-9]{1,40}$/);
const short = (max: number) => z.string().max(max);
const text = short(40_000);

const who = {
  team: z.looseObject({ id: slackId }).nullish(),
  user: z.looseObject({ id: slackId, team_id: slackId.optional() }),
};

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  ...who,
  trigger_id: short(200).optional(),
  // Bolt reads channel.id whenever channel is not undefined: null would make it throw (a 500).
  channel: z.looseObject({ id: slackId }).optional(),
  container: z
    .looseObject({
      type: short(40).optional(),
      channel_id: slackId.optional(),
      message_ts: short(40).optional(),
      is_ephemeral: z.boolean().optional(),
      view_id: short(40).optional(),
    })
    .optional(),
  view: z.looseObject({ type: short(40).optional() }).nullish(),
  actions: z
    .array(
      z.looseObject({
        // Bolt reads it to route the action; anything but a string made it throw (a 500).
        type: short(40).optional(),
        action_id: short(255).min(1),
        value: short(2000).optional(),
        selected_option: z.looseObject({ value: short(2000) }).nullish(),
        action_ts: short(40).optional(),
      }),
    )
    .min(1)
    .max(10),
});

const stateValue = z.looseObject({});
const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  ...who,
  view: z.looseObject({
    callback_id: short(255).optional(),
    private_metadata: short(3000).optional(),
    state: z.looseObject({ values: z.record(short(255), z.record(short(255), stateValue)) }).optional(),
  }),
});

const blockSuggestion = z.looseObject({
  type: z.literal('block_suggestion'),
  ...who,
  action_id: short(255).min(1),
  value: short(2000).optional(),
  view: z.looseObject({ private_metadata: short(3000).optional() }).nullish(),
});

const messageAction = z.looseObject({
  type: z.literal('message_action'),
  ...who,
  callback_id: short(255),
  trigger_id: short(200),
  // Bolt reads channel.id whenever channel is not undefined: null would make it throw (a 500).
  channel: z.looseObject({ id: slackId }).optional(),
  message: z.looseObject({ text: text.optional() }).nullish(),
});

const command = z.looseObject({
  command: short(100),
  team_id: slackId,
  user_id: slackId,
  channel_id: slackId.optional(),
  text: text.optional(),
  trigger_id: short(200).optional(),
  response_url: z.url().max(2000).optional(),
});

/** The events the adapter listens to, and what it reads from them. */
const handledEvent = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('message'),
    user: slackId.optional(),
    channel: slackId,
    channel_type: short(40).optional(),
    subtype: short(100).optional(),
    bot_id: short(40).optional(),
    text: text.optional(),
  }),
  z.looseObject({ type: z.literal('app_mention'), user: slackId.optional(), channel: slackId, text: text.optional(), thread_ts: short(40).optional() }),
  z.looseObject({ type: z.literal('app_home_opened'), user: slackId, tab: short(40).optional() }),
]);
const HANDLED_EVENTS = new Set(['message', 'app_mention', 'app_home_opened']);

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: slackId,
  event_id: short(100).min(1),
  event: z.looseObject({ type: short(100).min(1) }),
});

export type EnvelopeCheck = 'handle' | 'ignore' | 'bad';

export interface EdgeOptions {
  /** The slash command and message shortcut the adapter has listeners for. */
  command: string;
  shortcuts: string[];
}

/**
 * What to do with a parsed request body: hand it to Bolt, answer 200 and drop it (a type the
 * adapter does not handle), or refuse it (not an envelope of a type it handles, or a bad field).
 */
export function checkEnvelope(body: unknown, o: EdgeOptions): EnvelopeCheck {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'bad';
  const b = body as Record<string, unknown>;
  const ok = (schema: z.ZodType) => (schema.safeParse(b).success ? 'handle' : 'bad');
  if (b.ssl_check !== undefined) return 'handle';
  if ('command' in b) {
    if (ok(command) === 'bad') return 'bad';
    return b.command === o.command ? 'handle' : 'ignore';
  }
  switch (b.type) {
    case 'url_verification':
      return typeof b.challenge === 'string' && b.challenge.length <= 200 ? 'handle' : 'bad';
    case 'event_callback': {
      const e = eventCallback.safeParse(b);
      if (!e.success) return 'bad';
      if (!HANDLED_EVENTS.has(e.data.event.type)) return 'ignore';
      return handledEvent.safeParse(e.data.event).success ? 'handle' : 'bad';
    }
    case 'block_actions':
      return ok(blockActions);
    case 'view_submission':
      return ok(viewSubmission);
    case 'block_suggestion':
      return ok(blockSuggestion);
    case 'message_action':
      if (ok(messageAction) === 'bad') return 'bad';
      return o.shortcuts.includes(String(b.callback_id)) ? 'handle' : 'ignore';
    default:
      return typeof b.type === 'string' && b.type.length <= 100 ? 'ignore' : 'bad';
  }
}

function signedBy(secret: string, ts: string, body: Buffer, signature: string | undefined): boolean {
  if (!signature?.startsWith('v0=')) return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The body as Bolt would parse it, by the media type alone (Slack adds «; charset=utf-8»). */
function parse(raw: string, mediaType: string): unknown {
  if (mediaType === 'application/x-www-form-urlencoded') {
    const form = querystring.parse(raw);
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  }
  return JSON.parse(raw);
}

export function slackEdge(path: string, signingSecret: string, o: EdgeOptions): express.Router {
  const router = express.Router();
  const readRaw = express.raw({ type: () => true, limit: BODY_LIMIT });
  router.post(path, (req: Request, res: Response, next: NextFunction) => {
    const ts = req.header('x-slack-request-timestamp') ?? '';
    if (!/^\d{1,12}$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > MAX_CLOCK_SKEW_SECONDS) {
      res.status(401).end();
      return;
    }
    readRaw(req, res, (err?: unknown) => {
      if (err) {
        res.status((err as { status?: number }).status === 413 ? 413 : 400).end();
        return;
      }
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!signedBy(signingSecret, ts, raw, req.header('x-slack-signature'))) {
        res.status(401).end();
        return;
      }
      const mediaType = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      let body: unknown;
      try {
        body = parse(raw.toString('utf8'), mediaType);
      } catch {
        res.status(400).end();
        return;
      }
      const verdict = checkEnvelope(body, o);
      if (verdict !== 'handle') {
        res.status(verdict === 'bad' ? 400 : 200).end();
        return;
      }
      // Bolt verifies and parses again from the same bytes; it compares the media type exactly.
      (req as Request & { rawBody?: Buffer }).rawBody = raw;
      req.headers['content-type'] = mediaType;
      next();
    });
  });
  return router;
}
