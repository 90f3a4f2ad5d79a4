/**
 * The secretariat's steps: the list of drafts, a version's overview, a section in detail, the
 * comparison with the previous version, exports, closing a period early, and political anchoring
 * in the municipalities through the shared partner-decision mechanism. Each reads what it needs
 * and renders with admin-views.ts; the permission is checked where the steps are declared.
 */
import { Party } from '../../models/party.js';
import { Strategy, type VersionDoc } from '../../models/strategy.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { progress as partnerProgress, sendOut } from '../partner/service.js';
import { progressButtons, progressElements } from '../partner/views.js';
import { compareReply, exportReply, listReply, overviewReply, sectionDetailReply } from './admin-views.js';
import { ANCHOR_KIND, EXPORT_KIND } from './ids.js';
import { closeNow } from './periods.js';
import { exportFormat, mayAnchor } from './rules.js';
import { decisionsOf, recentStrategies } from './service.js';
import { summarize } from './summary.js';
import { texts } from './texts.js';
import { vid } from './words.js';

const reply = (...replies: StepResult['replies']): StepResult => ({ replies });

export async function showList(ctx: DialogContext): Promise<StepResult> {
  return reply(listReply(ctx.lang, await recentStrategies(ctx.community._id)));
}

export async function overview(ctx: DialogContext, v: VersionDoc, notices: string[] = []): Promise<StepResult> {
  const { lang } = ctx;
  const sum = await summarize(v);
  const strategy = await Strategy.findById(v.strategy);
  const decisions = await decisionsOf(v);
  const progress = await partnerProgress(ctx.community._id, { kind: ANCHOR_KIND, id: vid(v) });
  const anchoring = progress ? [...progressElements(progress, lang), ...progressButtons(progress, ctx.member, lang)] : null;
  return reply(overviewReply(lang, v, { sum, strategy, decisions, anchoring, mayAnchor: mayAnchor(v, Boolean(progress)) }, notices));
}

export async function sectionDetail(ctx: DialogContext, v: VersionDoc, key: string): Promise<StepResult> {
  return reply(sectionDetailReply(ctx.lang, v, await summarize(v), key));
}

export async function compare(ctx: DialogContext, v: VersionDoc): Promise<StepResult> {
  return reply(compareReply(ctx.lang, v, await summarize(v)));
}

export async function exportLink(ctx: DialogContext, v: VersionDoc, format: string): Promise<StepResult> {
  const f = exportFormat(format);
  const url = await ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: EXPORT_KIND, format: f, params: { version: vid(v) } });
  return reply(exportReply(ctx.lang, f, url, Math.round(ctx.services.config.EXPORT_LINK_TTL_SECONDS / 60)));
}

export async function close(ctx: DialogContext, v: VersionDoc): Promise<StepResult> {
  const fresh = await closeNow(ctx.services, v, ctx.member._id);
  return overview(ctx, fresh, [texts(ctx.lang, 'strategy.reply.closed', { label: v.label })]);
}

/** After Partnerskapsmøtet: every municipality decides on the strategy itself (political anchoring). */
export async function sendForAnchoring(ctx: DialogContext, v: VersionDoc): Promise<StepResult> {
  const municipalities = await Party.find({ community: ctx.community._id, type: 'municipality' });
  await sendOut(ctx.services, {
    community: ctx.community._id,
    subject: { kind: ANCHOR_KIND, id: vid(v), title: `${v.title} (${v.label})` },
    parties: municipalities.map((p) => p._id),
    actor: ctx.member._id,
  });
  return overview(ctx, v, [texts(ctx.lang, 'strategy.reply.anchorSent', { count: municipalities.length })]);
}
