/** The buttons of the case dialog, by step name: new, list, pick, show, open (a handling form). */
import type { CaseDoc, CaseState } from '../../models/case.js';
import type { ActionHandler, DialogContext, StepResult } from '../../src/dialog.js';
import { canAdminister } from '../../src/permissions.js';
import { CASE_PAPER_EXPORT } from './document.js';
import { casesFor } from './find.js';
import { handlingForm, reviseForm } from './forms.js';
import { caseFor, refusalFor } from './handling.js';
import { completeAcceptance } from './numbering.js';
import { startProposal } from './proposing.js';
import { HANDLING_FORMS, allows, type HandlingForm } from './rules.js';
import { completeSendOut } from './service.js';
import { texts } from './texts.js';
import { caseCard, caseList, formReply, refused, say } from './views.js';

/** Shows one case, finishing first any acceptance or send-out a crash left half-done. */
export async function show(ctx: DialogContext, c: CaseDoc): Promise<StepResult> {
  let current = c;
  if (current.meeting && !current.number) current = await completeAcceptance(current);
  await completeSendOut(ctx.services, current);
  // The secretariat writes the case paper from here; the link works only for them.
  const paperUrl = canAdminister(ctx.member)
    ? await ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: CASE_PAPER_EXPORT, format: 'docx', params: { case: String(current._id) } })
    : undefined;
  return { replies: [await caseCard(current, ctx.member, ctx.lang, { paperUrl })] };
}

export async function listCases(ctx: DialogContext): Promise<StepResult> {
  return { replies: [await caseList(await casesFor(ctx.member), ctx.member, ctx.lang)] };
}

const isHandlingForm = (f: string): f is HandlingForm => Object.hasOwn(HANDLING_FORMS, f);

async function showCase(ctx: DialogContext, id: unknown): Promise<StepResult> {
  const c = await caseFor(ctx, { c: String(id ?? '') });
  return c ? show(ctx, c) : say(texts(ctx.lang, 'case.error.gone'));
}

/** Opens a handling form where the member is, or says why not (the state, the member, no meeting…). */
const open: ActionHandler = async (ctx, args) => {
  const c = await caseFor(ctx, args);
  const f = String(args?.f ?? '');
  if (!c || !isHandlingForm(f)) return say(texts(ctx.lang, 'case.error.gone'));
  const step = HANDLING_FORMS[f];
  if (!allows(step, c.state)) return refused(ctx.lang, c, step, c.state as CaseState);
  const why = refusalFor(ctx, c, f);
  if (why) return say(why);
  if (f === 'revise') return formReply(reviseForm(ctx, c));
  const form = await handlingForm(ctx, c, f);
  return 'problem' in form ? say(form.problem) : formReply(form);
};

export const caseActions: Record<string, ActionHandler> = {
  new: (ctx) => startProposal(ctx, ''),
  list: (ctx) => listCases(ctx),
  // The case list's select: its chosen value is the case.
  pick: (ctx, args) => showCase(ctx, args?.value),
  show: (ctx, args) => showCase(ctx, args?.c),
  open,
};
