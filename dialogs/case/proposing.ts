/** Proposing a case: «sak ny [organ]», the proposal form, and who can help a member without proposal rights. */
import { Body } from '../../models/body.js';
import { Member, type MemberDoc } from '../../models/member.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { bodyName, findBody } from '../../src/directory.js';
import { formHandler } from '../../src/form-spec.js';
import { canAdminister, canPropose } from '../../src/permissions.js';
import { findProposer, membersWithRole } from './find.js';
import { caseText, linkError, proposeForm, proposeSpec } from './forms.js';
import { tell } from './notify.js';
import { propose } from './service.js';
import { texts, type TextKey } from './texts.js';
import { formReply, openButton, say } from './views.js';

/** Who can help someone without proposal rights: the body's secretariat and its leader. */
async function helpers(ctx: DialogContext, bodyId?: unknown): Promise<string> {
  const t = (k: TextKey, v?: Record<string, string>) => texts(ctx.lang, k, v);
  const c = ctx.community._id;
  const secretariat = bodyId ? await membersWithRole(c, String(bodyId), 'secretariat') : await Member.find({ community: c, 'memberships.role': 'secretariat' });
  const leaders = bodyId ? await membersWithRole(c, String(bodyId), 'leader') : [];
  const names = (ms: MemberDoc[]) => ms.map((m) => `${m.name} (${m.email})`).join(', ');
  const parts: string[] = [];
  if (secretariat.length) parts.push(t('helpersSecretariat', { names: names(secretariat) }));
  else if (ctx.community.contact) parts.push(t('helpersSecretariat', { names: ctx.community.contact }));
  if (leaders.length) parts.push(t('helpersLeader', { names: names(leaders) }));
  return parts.join(` ${t('and')} `);
}

/** «sak ny [organ]»: the proposal form, or who can help when the member may not propose there. */
export async function startProposal(ctx: DialogContext, bodyText: string): Promise<StepResult> {
  const t = (k: TextKey, v?: Record<string, string>) => texts(ctx.lang, k, v);
  let body = ctx.where === 'channel' && !bodyText ? ctx.channelBody : null;
  if (bodyText) {
    body = await findBody(ctx.community._id, bodyText);
    if (!body) return say(t('unknownBody', { name: bodyText }));
  }
  if (body) {
    if (!canPropose(ctx.member, body._id)) return say(t('cannotProposeBody', { body: bodyName(body, ctx.lang), helpers: await helpers(ctx, body._id) }));
    const form = await proposeForm(ctx, String(body._id));
    if (form) return formReply(form);
  }
  const form = await proposeForm(ctx);
  if (!form) return say(t('cannotProposeAny', { helpers: await helpers(ctx) }));
  return formReply(form);
}

/** The proposal form offers only the bodies the member may propose to, so it refuses nobody. */
export const proposalForm = formHandler(proposeSpec, {
  build: (ctx, args) => proposeForm(ctx, args?.b ? String(args.b) : undefined),
  async submit(ctx, values): Promise<StepResult> {
    const t = (k: TextKey, v?: Record<string, string>) => texts(ctx.lang, k, v);
    const body = await Body.findOne({ _id: values.body, community: ctx.community._id });
    if (!body) return { replies: [], errors: { body: t('unknownBody', { name: values.body }) } };
    const text = caseText(values);
    const bad = linkError(ctx.lang, text.links);
    if (bad) return { replies: [], errors: bad };
    let proposer: MemberDoc = ctx.member;
    if (values.onBehalf && canAdminister(ctx.member)) {
      const found = await findProposer(ctx.community._id, values.onBehalf);
      if (!found) return { replies: [], errors: { onBehalf: t('noProposer', { text: values.onBehalf }) } };
      proposer = found;
    }
    if (!canAdminister(ctx.member) && !canPropose(ctx.member, body._id)) {
      return say(t('cannotProposeBody', { body: bodyName(body, ctx.lang), helpers: await helpers(ctx, body._id) }));
    }
    const c = await propose(ctx.services, { community: ctx.community._id, body, actor: ctx.member, proposer, text });
    await tell(ctx.services, c, 'proposed', ctx.member._id);
    const own = String(proposer._id) === String(ctx.member._id);
    const msg = own
      ? t('receipt', { title: c.title, body: bodyName(body, ctx.lang) })
      : t('receiptOnBehalf', { title: c.title, body: bodyName(body, ctx.lang), proposer: proposer.name });
    return say(msg, openButton(c, ctx.lang));
  },
});
