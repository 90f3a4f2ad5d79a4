/**
 * The forms that move a case: the secretariat's (accept, return, refer, reject, decide, send to
 * the partners) and the proposer's (revise, withdraw). Each takes its step through the service,
 * tells whoever should hear of it, and answers the one who took it.
 */
import { Body } from '../../models/body.js';
import type { CaseDoc } from '../../models/case.js';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import type { Args, DialogContext, FormHandler, StepResult } from '../../src/dialog.js';
import { bodyName } from '../../src/directory.js';
import { SamlaError } from '../../src/errors.js';
import { formHandler, type FieldSpec, type FormSpec, type ValuesOf } from '../../src/form-spec.js';
import { canAdminister } from '../../src/permissions.js';
import { texts as coreTexts } from '../../src/texts.js';
import { formatDateTime } from '../../src/time.js';
import { visibleCase } from './find.js';
import { acceptSpec, caseText, decideSpec, handlingForm, linkError, partnersSpec, referSpec, rejectSpec, returnSpec, reviseForm, reviseSpec, withdrawSpec } from './forms.js';
import { tell } from './notify.js';
import { CaseTransitionError, isProposer, mayActAsProposer, type HandlingForm } from './rules.js';
import { accept, decide, refer, reject, resubmit, returnToProposer, sendToPartners, withdraw } from './service.js';
import { texts } from './texts.js';
import { openButton, refused, say } from './views.js';

/** Why this member may not use the form on this case, in their language; null when they may. */
export function refusalFor(ctx: DialogContext, c: CaseDoc, f: HandlingForm): string | null {
  if (f === 'withdraw') return mayActAsProposer(ctx.member, c) ? null : texts(ctx.lang, 'case.error.onlyProposerWithdraws', { title: c.title });
  if (f === 'revise') return mayActAsProposer(ctx.member, c) ? null : coreTexts(ctx.lang, 'core.error.notAllowed');
  return canAdminister(ctx.member) ? null : texts(ctx.lang, 'case.error.onlySecretariat');
}

export function caseFor(ctx: DialogContext, args: Args): Promise<CaseDoc | null> {
  return visibleCase(ctx.community._id, ctx.member, String(args?.c ?? ''));
}

/** Runs a step; a refused transition becomes a clear answer instead of an error. */
async function attempt(ctx: DialogContext, c: CaseDoc, run: () => Promise<StepResult>): Promise<StepResult> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof CaseTransitionError) return refused(ctx.lang, c, e.step, e.state);
    if (e instanceof SamlaError && e.code === 'case_meeting') return { replies: [], errors: { meeting: texts(ctx.lang, 'case.error.badMeeting') } };
    if (e instanceof SamlaError && e.code === 'case_not_found') return say(texts(ctx.lang, 'case.error.gone'));
    if (e instanceof SamlaError && e.code === 'case_meeting_not_held') {
      return { replies: [], errors: { _form: texts(ctx.lang, 'case.error.notHeld', { date: formatDateTime(e.details!.start as Date, ctx.lang) }) } };
    }
    throw e;
  }
}

/** What a step is given: the case it is taken on, the proposer's name and the typed values. */
interface Step<V> {
  base: { community: CaseDoc['community']; caseId: CaseDoc['_id']; actor: DialogContext['member'] };
  proposer: string;
  values: V;
}

/** A form on one case the member can see: refused by refusalFor, built anew, its step attempted. */
function caseForm<F extends Record<string, FieldSpec<unknown>>>(
  f: HandlingForm,
  spec: FormSpec<F>,
  step: (ctx: DialogContext, s: Step<ValuesOf<F>>) => Promise<StepResult>,
): FormHandler<ValuesOf<F>> {
  return formHandler(spec, {
    async refuse(ctx, args) {
      const c = await caseFor(ctx, args);
      // A case gone: the form is gone too, and the core says so.
      return c ? refusalFor(ctx, c, f) : null;
    },
    async build(ctx, args) {
      const c = await caseFor(ctx, args);
      if (!c) return null;
      if (f === 'revise') return reviseForm(ctx, c);
      const form = await handlingForm(ctx, c, f);
      return 'problem' in form ? null : form;
    },
    async submit(ctx, values, args) {
      const c = await caseFor(ctx, args);
      if (!c) return say(texts(ctx.lang, 'case.error.gone'));
      const proposer = (await Member.findById(c.proposer))?.name ?? '?';
      const base = { community: ctx.community._id, caseId: c._id, actor: ctx.member };
      return attempt(ctx, c, () => step(ctx, { base, proposer, values }));
    },
  });
}

const acceptForm = caseForm('accept', acceptSpec, async (ctx, { base, proposer, values }) => {
  const done = await accept(ctx.services, { ...base, meetingId: values.meeting });
  await tell(ctx.services, done, 'accepted', ctx.member._id);
  const meeting = done.meeting!;
  return say(
    texts(ctx.lang, 'case.reply.accepted', {
      title: done.title,
      meeting: meeting.title,
      date: formatDateTime(meeting.start, ctx.lang),
      number: done.number?.label ?? '',
      proposer,
    }),
    openButton(done, ctx.lang),
  );
});

const returnForm = caseForm('return', returnSpec, async (ctx, { base, proposer, values }) => {
  const done = await returnToProposer(ctx.services, { ...base, comment: values.comment });
  await tell(ctx.services, done, 'returned', ctx.member._id);
  return say(texts(ctx.lang, 'case.reply.returned', { title: done.title, proposer }), openButton(done, ctx.lang));
});

const referForm = caseForm('refer', referSpec, async (ctx, { base, values }) => {
  const done = await refer(ctx.services, { ...base, toBody: values.to, comment: values.comment ?? '' });
  await tell(ctx.services, done, 'referred', ctx.member._id);
  const body = await Body.findById(done.body);
  return say(texts(ctx.lang, 'case.reply.referred', { title: done.title, body: body ? bodyName(body, ctx.lang) : '?' }), openButton(done, ctx.lang));
});

const rejectForm = caseForm('reject', rejectSpec, async (ctx, { base, proposer, values }) => {
  const done = await reject(ctx.services, { ...base, reason: values.reason });
  await tell(ctx.services, done, 'rejected', ctx.member._id);
  return say(texts(ctx.lang, 'case.reply.rejected', { title: done.title, proposer }), openButton(done, ctx.lang));
});

const decideForm = caseForm('decide', decideSpec, async (ctx, { base, proposer, values }) => {
  const done = await decide(ctx.services, { ...base, text: values.text });
  await tell(ctx.services, done, 'decided', ctx.member._id);
  return say(texts(ctx.lang, 'case.reply.decided', { number: done.number?.label ?? done.title, proposer }), openButton(done, ctx.lang));
});

const partnersForm = caseForm('partners', partnersSpec, async (ctx, { base, values }) => {
  const chosen = values.parties;
  const parties = chosen.includes('all') ? (await Party.find({ community: ctx.community._id, type: { $ne: 'secretariat' } })).map((p) => String(p._id)) : chosen;
  // A reminder on the chosen day at nine in the morning (Oslo midnight + 9 h).
  const remindAt = values.remindAt ? new Date(values.remindAt.getTime() + 9 * 3600_000) : null;
  if (remindAt && remindAt.getTime() <= Date.now()) return { replies: [], errors: { remindAt: texts(ctx.lang, 'case.error.remindAtPast') } };
  const done = await sendToPartners(ctx.services, { ...base, parties, remindAt });
  await tell(ctx.services, done, 'at_partners', ctx.member._id);
  return say(texts(ctx.lang, 'case.reply.atPartners', { number: done.number?.label ?? done.title, count: parties.length }), openButton(done, ctx.lang));
});

const withdrawForm = caseForm('withdraw', withdrawSpec, async (ctx, { base, proposer, values }) => {
  const done = await withdraw(ctx.services, { ...base, reason: values.reason ?? '' });
  await tell(ctx.services, done, 'withdrawn', ctx.member._id);
  const offAgenda = done.meeting ? texts(ctx.lang, 'case.reply.offAgenda', { meeting: done.meeting.title }) : '';
  const text = isProposer(ctx.member, done)
    ? texts(ctx.lang, 'case.reply.withdrawn', { title: done.title, offAgenda })
    : texts(ctx.lang, 'case.reply.withdrawnOnBehalf', { title: done.title, proposer, offAgenda });
  return say(text, openButton(done, ctx.lang));
});

const reviseCase = caseForm('revise', reviseSpec, async (ctx, { base, values }) => {
  const text = caseText(values);
  const bad = linkError(ctx.lang, text.links);
  if (bad) return { replies: [], errors: bad };
  const done = await resubmit(ctx.services, { ...base, text });
  await tell(ctx.services, done, 'resubmitted', ctx.member._id);
  return say(texts(ctx.lang, 'case.reply.resubmitted', { version: done.version, title: done.title }), openButton(done, ctx.lang));
});

/** The handling forms, by form id (each the id of its spec). */
export const handlingForms = {
  accept: acceptForm,
  return: returnForm,
  refer: referForm,
  reject: rejectForm,
  decide: decideForm,
  partners: partnersForm,
  withdraw: withdrawForm,
  revise: reviseCase,
};
