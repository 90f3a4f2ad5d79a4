/**
 * A calendar file (.ics) per meeting, served by the bot's own HTTP server at a signed link.
 * The event's UID is stable and its SEQUENCE is the meeting's, raised by every change, so a moved
 * meeting updates the event already in the member's calendar. Times are written in UTC (…Z):
 * exact instants that every calendar shows in Oslo time, across the daylight-saving changes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Express } from 'express';
import { createEvent } from 'ics';
import { Body } from '../../models/body.js';
import { Meeting, type MeetingDoc } from '../../models/meeting.js';
import { Setting } from '../../models/setting.js';
import type { BodyDoc } from '../../models/body.js';
import { bodyName } from '../../src/directory.js';
import type { Services } from '../../src/services.js';
import { LANGS, type Lang } from '../../src/ui.js';
import { texts } from './texts.js';

/** Where each running app serves its links (an app per test file may share one process). */
const baseUrls = new WeakMap<Services, string>();

export function meetingUid(m: Pick<MeetingDoc, '_id'>): string {
  return `meeting-${String(m._id)}@samla`;
}

export function meetingIcs(m: MeetingDoc, body: BodyDoc, lang: Lang): string {
  const agenda = m.agenda.map((a, i) => `${i + 1}. ${a.caseNumber ? `${a.caseNumber}: ` : ''}${a.title}${a.paperUrl ? ` (${a.paperUrl})` : ''}`);
  const description = [bodyName(body, lang), '', `${texts(lang, 'meeting.card.agenda')}:`, ...(agenda.length ? agenda : [texts(lang, 'meeting.card.noAgenda')])];
  if (m.videoUrl) description.push('', `${texts(lang, 'meeting.card.video')}: ${m.videoUrl}`);
  const r = createEvent({
    productId: 'samla/meetings',
    method: 'PUBLISH',
    uid: meetingUid(m),
    sequence: m.sequence,
    start: m.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: m.end.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: m.title,
    description: description.join('\n'),
    ...(m.place ? { location: m.place } : {}),
    ...(m.videoUrl ? { url: m.videoUrl } : {}),
    status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    lastModified: (m as unknown as { updatedAt?: Date }).updatedAt?.getTime() ?? Date.now(),
  });
  if (r.error || !r.value) throw r.error ?? new Error('ics failed');
  return foldOctets(r.value);
}

/**
 * RFC 5545 folds content lines at 75 octets; the ics package counts characters, so a line with
 * æøå comes out too long for strict readers. Unfolds its output and folds it again by UTF-8
 * bytes, never inside a character.
 */
export function foldOctets(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  return lines.map(foldLine).join('\r\n');
}

function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
      limit = 74; // the leading space of a continuation line is the 75th octet
    }
    current += ch;
    bytes += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

async function secret(services: Services): Promise<Buffer> {
  if (services.config.SAMLA_SECRET) return Buffer.from(services.config.SAMLA_SECRET);
  // Same stored development secret as the export links (src/exports.ts), so links survive restarts.
  await Setting.updateOne({ key: 'link-secret' }, { $setOnInsert: { value: randomBytes(32).toString('hex') } }, { upsert: true });
  const s = await Setting.findOne({ key: 'link-secret' });
  return Buffer.from(s!.value);
}

async function sign(services: Services, data: string): Promise<string> {
  return createHmac('sha256', await secret(services))
    .update(`ics:${data}`)
    .digest('base64url')
    .slice(0, 32);
}

/** The member's link to the meeting's calendar file; null before the HTTP server is known. */
export async function calendarUrl(services: Services, m: Pick<MeetingDoc, '_id'>, lang: Lang): Promise<string | null> {
  const base = baseUrls.get(services);
  if (!base) return null;
  const data = `${String(m._id)}.${lang}`;
  return `${base}/meetings/${data}.${await sign(services, data)}.ics`;
}

/**
 * Mounts GET /meetings/<id>.<lang>.<signature>.ics. The link carries no expiry: calendar apps
 * fetch it again to pick up a moved meeting. It reveals one meeting and nothing else.
 */
export function mountCalendar(http: { app: Express; url: string }, services: Services): void {
  baseUrls.set(services, services.config.PUBLIC_URL ?? http.url);
  http.app.get('/meetings/:file', async (req, res) => {
    const m = /^([a-f0-9]{24})\.(nb|nn|en)\.([\w-]{32})\.ics$/.exec(String(req.params.file));
    // The link names its language; a link that does not parse gets bokmål.
    const lang: Lang = m && (LANGS as readonly string[]).includes(m[2]!) ? (m[2] as Lang) : 'nb';
    const say = (status: number, text: string) => void res.status(status).type('text/plain').send(text);
    try {
      const ok = m && (await verify(services, `${m[1]}.${m[2]}`, m[3]!));
      if (!m || !ok) return say(403, texts(lang, 'meeting.calendar.invalid'));
      const meeting = await Meeting.findById(m[1]);
      const body = meeting ? await Body.findOne({ _id: meeting.body, community: meeting.community }) : null;
      if (!meeting || !body) return say(404, texts(lang, 'meeting.calendar.gone'));
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="meeting-${m[1]}.ics"`);
      res.setHeader('Cache-Control', 'no-store');
      res.send(meetingIcs(meeting, body, lang));
    } catch (err) {
      services.log.error({ err }, 'calendar file failed');
      say(500, texts(lang, 'meeting.calendar.failed'));
    }
  });
}

async function verify(services: Services, data: string, sig: string): Promise<boolean> {
  const want = Buffer.from(await sign(services, data));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}
