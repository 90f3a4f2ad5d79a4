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
import { texts } from './texts.js';
import { formReply, openButton, say } from './views.js';

/** Who can help someone without proposal rights: the body's secretariat and its leader. */
async function helpers(ctx: DialogContext, bodyId?: unknown): Promise<string> {
  const c = ctx.community._id;
  const secretariat = bodyId ? await membersWithRole(c, String(bodyId), 'secretariat') : await Member.find({ community: c, 'memberships.role': 'secretariat' });
  const leaders = bodyId ? await membersWithRole(c, String(bodyId), 'leader') : [];
  const names = (ms: MemberDoc[]) => ms.map((m) => `${m.name} (${m.email})`).join(', ');
  const office = secretariat.length ? names(secretariat) : ctx.community.contact;
  if (office && leaders.length) return texts(ctx.lang, 'case.reply.helpers.both', { secretariat: office, leader: names(leaders) });
  if (leaders.length) return texts(ctx.lang, 'case.reply.helpers.leader', { names: names(leaders) });
  return office ? texts(ctx.lang, 'case.reply.helpers.secretariat', { names: office }) : '';
}

/** «sak ny [organ]»: the proposal form, or who can help when the member may not propose there. */
export async function startProposal(ctx: DialogContext, bodyText: string): Promise<StepResult> {
  let body = ctx.where === 'channel' && !bodyText ? ctx.channelBody : null;
  if (bodyText) {
    body = await findBody(ctx.community._id, bodyText);
    if (!body) return say(texts(ctx.lang, 'case.error.unknownBody', { name: bodyText }));
  }
  if (body) {
    if (!canPropose(ctx.member, body._id)) return say(texts(ctx.lang, 'case.error.cannotProposeBody', { body: bodyName(body, ctx.lang), helpers: await helpers(ctx, body._id) }));
    const form = await proposeForm(ctx, String(body._id));
    if (form) return formReply(form);
  }
  const form = await proposeForm(ctx);
  if (!form) return say(texts(ctx.lang, 'case.error.cannotProposeAny', { helpers: await helpers(ctx) }));
  return formReply(form);
}

/** The proposal form offers only the bodies the member may propose to, so it refuses nobody. */
export const proposalForm = formHandler(proposeSpec, {
  build: (ctx, args) => proposeForm(ctx, args?.b ? String(args.b) : undefined),
  async submit(ctx, values): Promise<StepResult> {
    const body = await Body.findOne({ _id: values.body, community: ctx.community._id });
    if (!body) return { replies: [], errors: { body: texts(ctx.lang, 'case.error.unknownBody', { name: values.body }) } };
    const text = caseText(values);
    const bad = linkError(ctx.lang, text.links);
    if (bad) return { replies: [], errors: bad };
    let proposer: MemberDoc = ctx.member;
    if (values.onBehalf && canAdminister(ctx.member)) {
      const found = await findProposer(ctx.community._id, values.onBehalf);
      if (!found) return { replies: [], errors: { onBehalf: texts(ctx.lang, 'case.error.noProposer', { text: values.onBehalf }) } };
      proposer = found;
    }
    if (!canAdminister(ctx.member) && !canPropose(ctx.member, body._id)) {
      return say(texts(ctx.lang, 'case.error.cannotProposeBody', { body: bodyName(body, ctx.lang), helpers: await helpers(ctx, body._id) }));
    }
    const c = await propose(ctx.services, { community: ctx.community._id, body, actor: ctx.member, proposer, text });
    await tell(ctx.services, c, 'proposed', ctx.member._id);
    const own = String(proposer._id) === String(ctx.member._id);
    const msg = own
      ? texts(ctx.lang, 'case.reply.proposed', { title: c.title, body: bodyName(body, ctx.lang) })
      : texts(ctx.lang, 'case.reply.proposedOnBehalf', { title: c.title, body: bodyName(body, ctx.lang), proposer: proposer.name });
    return say(msg, openButton(c, ctx.lang));
  },
});
