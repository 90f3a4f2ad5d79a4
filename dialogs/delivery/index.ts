/**
 * What did not arrive. On the secretariat's dashboard: each message a fan-out could not deliver,
 * to whom, with «Send again». On a member's own dashboard: what is waiting for them until the bot
 * can reach them. The messages themselves are rebuilt from their fan-out's template, so this shows
 * exactly what the member would have got.
 */
import { FanOutMessage, FanOutRecipient, type FanOutDoc } from '../../models/fanout.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { audit } from '../../src/audit.js';
import { action } from '../../src/payload.js';
import { canAdminister, require } from '../../src/permissions.js';
import type { Dialog, DialogContext } from '../../src/dialog.js';
import type { Element, Lang } from '../../src/ui.js';
import { texts } from './texts.js';

/** How far back the secretariat sees failures of messages whose time has passed. */
const SHOW_EXPIRED_MS = 7 * 24 * 3600_000;
const MAX_MESSAGES = 5;
const MAX_NAMES = 8;

function nameList(lang: Lang, names: string[]): string {
  if (names.length <= MAX_NAMES) return names.join(', ');
  return texts(lang, 'delivery.card.moreNames', { names: names.slice(0, MAX_NAMES).join(', '), n: names.length - MAX_NAMES });
}

/** The first line of the message the member would get, short enough for a dashboard line. */
async function describe(ctx: DialogContext, fan: FanOutDoc, member: MemberDoc): Promise<string> {
  const reply = await ctx.services.fanout.preview(fan, ctx.lang, member).catch(() => null);
  // Plain text: the line is set in bold here, and the template's own emphasis would break it.
  const line =
    (reply?.text ?? '')
      .split('\n')
      .find((l) => l.trim())
      ?.replace(/[*_~`]/g, '')
      .trim() ?? '';
  if (!line) return fan.key;
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

async function secretariatView(ctx: DialogContext): Promise<Element[]> {
  const now = Date.now();
  const fans = await FanOutMessage.find({ community: ctx.community._id, until: { $gt: new Date(now - SHOW_EXPIRED_MS) } }).sort({ updatedAt: -1 });
  if (!fans.length) return [];
  const byKey = new Map(fans.map((f) => [f.key, f]));
  const rows = await FanOutRecipient.find({ key: { $in: [...byKey.keys()] }, state: { $in: ['failed', 'unreachable'] } });
  if (!rows.length) return [];
  const members = new Map((await Member.find({ _id: { $in: rows.map((r) => r.member) }, community: ctx.community._id })).map((m) => [String(m._id), m]));
  const elements: Element[] = [];
  let shown = 0;
  for (const fan of fans) {
    const mine = rows.filter((r) => r.key === fan.key && members.has(String(r.member)));
    if (!mine.length) continue;
    if (++shown > MAX_MESSAGES) break;
    const failed = mine
      .filter((r) => r.state === 'failed')
      .map((r) => members.get(String(r.member))!.name)
      .sort();
    const waiting = mine
      .filter((r) => r.state === 'unreachable')
      .map((r) => members.get(String(r.member))!.name)
      .sort();
    const live = !fan.until || fan.until.getTime() > now;
    const lines = [`*${await describe(ctx, fan, members.get(String(mine[0]!.member))!)}*`];
    if (failed.length) lines.push(texts(ctx.lang, 'delivery.card.failedTo', { names: nameList(ctx.lang, failed) }));
    if (waiting.length) lines.push(texts(ctx.lang, 'delivery.card.unreachable', { names: nameList(ctx.lang, waiting) }));
    if (!live) lines.push(`_${texts(ctx.lang, 'delivery.card.expired')}_`);
    elements.push({ type: 'section', text: lines.join('\n') });
    if (live && failed.length) {
      elements.push({ type: 'buttons', buttons: [{ label: texts(ctx.lang, 'delivery.button.resend'), action: action('delivery', 'resend', { k: fan.key }) }] });
    }
  }
  if (!elements.length) return [];
  return [{ type: 'section', text: `*${texts(ctx.lang, 'delivery.card.notDelivered')}*` }, ...elements];
}

async function memberView(ctx: DialogContext): Promise<Element[]> {
  const rows = await FanOutRecipient.find({ member: ctx.member._id, state: { $in: ['unreachable', 'pending'] }, reason: 'unreachable' });
  if (!rows.length) return [];
  const fans = await FanOutMessage.find({ key: { $in: rows.map((r) => r.key) }, until: { $gt: new Date() } });
  const lines: string[] = [];
  for (const fan of fans) {
    const reply = await ctx.services.fanout.preview(fan, ctx.lang, ctx.member).catch(() => null);
    if (reply) lines.push(`• ${await describe(ctx, fan, ctx.member)}`);
  }
  return lines.length ? [{ type: 'section', text: `*${texts(ctx.lang, 'delivery.card.waiting')}*\n${lines.join('\n')}` }] : [];
}

export const deliveryDialog: Dialog = {
  id: 'delivery',
  commands: { nb: [], nn: [], en: [] },
  async status(ctx) {
    return canAdminister(ctx.member) ? secretariatView(ctx) : memberView(ctx);
  },
  actions: {
    resend: async (ctx, a) => {
      require(canAdminister(ctx.member));
      const key = String(a?.k ?? '');
      const fan = await FanOutMessage.findOne({ key, community: ctx.community._id });
      const n = fan ? await ctx.services.fanout.resend(key) : 0;
      if (n) await audit(ctx.community._id, ctx.member._id, 'delivery.resend', { kind: 'fanout', id: key }, { n });
      const text = n ? texts(ctx.lang, 'delivery.reply.resent', { n }) : texts(ctx.lang, 'delivery.reply.nothingToResend');
      return { replies: [{ text, visibility: 'private' }] };
    },
  },
};
