/**
 * «sak»: case proposals from a member's idea to a decision. Members propose («sak ny»), follow
 * their cases («sak», «sak SSU 12/2026»); the secretariat triages and handles them with the
 * buttons on the case. The rules live in service.ts; this file turns turns into calls and
 * answers.
 */
import { Body } from '../../models/body.js';
import { Case, type CaseDoc, type CasePriorityGroup, type CaseState, type CaseType } from '../../models/case.js';
import { Member, isSecretariat, type MemberDoc } from '../../models/member.js';
import { Party } from '../../models/party.js';
import type { Args, Dialog, DialogContext, StepResult } from '../../src/dialog.js';
import { bodyName, findBody } from '../../src/directory.js';
import { SamlaError } from '../../src/errors.js';
import type { CleanValues } from '../../src/forms.js';
import { action } from '../../src/payload.js';
import { canAdminister, canPropose } from '../../src/permissions.js';
import { coreTexts } from '../../src/texts.js';
import { formatDateTime } from '../../src/time.js';
import type { Element, Form } from '../../src/ui.js';
import { HANDLING_FORMS, handlingForm, proposeForm, reviseForm, type HandlingForm } from './forms.js';
import {
  CaseTransitionError,
  TRANSITIONS,
  accept,
  canSee,
  casesFor,
  completeAcceptance,
  completeSendOut,
  decide,
  findByNumber,
  findCase,
  findProposer,
  propose,
  refer,
  reject,
  resubmit,
  returnToProposer,
  sendToPartners,
  withdraw,
  type CaseStep,
  type CaseText,
} from './service.js';
import { membersWithRole } from './notify.js';
import { stateLabel, texts, type TextKey } from './texts.js';
import { DIALOG, caseCard, caseHeading, caseList, showAction } from './views.js';

const NEW_WORDS = new Set(['ny', 'nytt', 'new', 'foreslå', 'føreslå', 'forslag', 'propose']);
const PROPOSE_WORDS = new Set(['saksforslag', 'saksframlegg', 'propose']);

function say(text: string, ...elements: Element[]): StepResult {
  return { replies: [{ text, elements: elements.length ? [{ type: 'section', text }, ...elements] : undefined, visibility: 'private' }] };
}

function formReply(form: Form): StepResult {
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}

/** Why a step is refused, in words that say what to do instead. */
export function refusal(ctx: DialogContext, c: CaseDoc, step: CaseStep, state: CaseState): string {
  const v = {
    title: c.title,
    state: stateLabel(state, ctx.lang),
    step: texts(ctx.lang, `step${step}` as TextKey),
    number: c.number?.label ?? '',
  };
  const t = (k: TextKey) => texts(ctx.lang, k, v);
  if (state === 'withdrawn') return t(step === 'withdraw' ? 'alreadyWithdrawn' : 'withdrawnFinal');
  if (step === 'withdraw' && (state === 'decided' || state === 'at_partners' || state === 'partners_decided')) return t('withdrawTooLate');
  if ((step === 'decide' || step === 'send_to_partners') && (state === 'submitted' || state === 'returned')) return t('neverOnAgenda');
  if (state === 'rejected') return t('rejectedFinal');
  if (step === 'accept' && state === 'accepted') return t('alreadyAccepted');
  if (state === 'decided' || state === 'at_partners' || state === 'partners_decided') return t('alreadyDecided');
  if (step === 'resubmit') return t('notReturned');
  return t('wrongState');
}

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
async function startProposal(ctx: DialogContext, bodyText: string): Promise<StepResult> {
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

/** Shows one case, finishing first any acceptance or send-out a crash left half-done. */
async function show(ctx: DialogContext, c: CaseDoc): Promise<StepResult> {
  let current = c;
  if (current.meeting && !current.number) current = await completeAcceptance(current);
  await completeSendOut(ctx.services, current);
  return { replies: [await caseCard(current, ctx.member, ctx.lang)] };
}

async function caseFor(ctx: DialogContext, args: Args): Promise<CaseDoc | null> {
  const c = await findCase(ctx.community._id, String(args?.c ?? ''));
  return c && canSee(ctx.member, c) ? c : null;
}

/** The proposer withdraws their own case; the secretariat may on their behalf (the service checks again). */
function mayWithdraw(member: MemberDoc, c: CaseDoc): boolean {
  return String(c.proposer) === String(member._id) || canAdminister(member);
}

function caseText(values: CleanValues): CaseText {
  return {
    title: String(values.title),
    background: String(values.background),
    proposedDecision: String(values.decision),
    type: values.type as CaseType,
    priorityGroups: (Array.isArray(values.groups) ? values.groups : []) as CasePriorityGroup[],
    links: typeof values.links === 'string' ? values.links.split(/\s*\n\s*|\s+/).filter(Boolean) : [],
  };
}

/** Links must be whole web addresses; the first that is not gets a clear error on the field. */
function linkError(ctx: DialogContext, links: string[]): Record<string, string> | undefined {
  const bad = links.find((l) => !/^https?:\/\/[^\s]+\.[^\s]+$/i.test(l));
  return bad ? { links: texts(ctx.lang, 'badLink', { link: bad }) } : undefined;
}

/** Runs a step; a refused transition becomes a clear answer instead of an error. */
async function attempt(ctx: DialogContext, c: CaseDoc, run: () => Promise<StepResult>): Promise<StepResult> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof CaseTransitionError) return say(refusal(ctx, c, e.step, e.state), { type: 'buttons', buttons: [{ label: texts(ctx.lang, 'bOpen'), action: showAction(c) }] });
    if (e instanceof SamlaError && e.code === 'case_meeting') return { replies: [], errors: { meeting: texts(ctx.lang, 'badMeeting') } };
    if (e instanceof SamlaError && e.code === 'case_not_found') return say(texts(ctx.lang, 'gone'));
    if (e instanceof SamlaError && e.code === 'case_meeting_not_held') {
      return { replies: [], errors: { _form: texts(ctx.lang, 'notHeld', { date: formatDateTime(e.details!.start as Date, ctx.lang) }) } };
    }
    throw e;
  }
}

async function submitHandling(ctx: DialogContext, formId: HandlingForm, c: CaseDoc, values: CleanValues): Promise<StepResult> {
  const t = (k: TextKey, v?: Record<string, string | number>) => texts(ctx.lang, k, v);
  const base = { community: ctx.community._id, caseId: c._id, actor: ctx.member };
  const proposer = (await Member.findById(c.proposer))?.name ?? '?';
  const open = (x: CaseDoc): Element => ({ type: 'buttons', buttons: [{ label: t('bOpen'), action: showAction(x) }] });
  return attempt(ctx, c, async () => {
    switch (formId) {
      case 'accept': {
        const done = await accept(ctx.services, { ...base, meetingId: String(values.meeting) });
        return say(t('cAccepted', { title: done.title, meeting: done.meeting!.title, date: formatDateTime(done.meeting!.start, ctx.lang), number: done.number?.label ?? '', proposer }), open(done));
      }
      case 'return': {
        const done = await returnToProposer(ctx.services, { ...base, comment: String(values.comment) });
        return say(t('cReturned', { title: done.title, proposer }), open(done));
      }
      case 'refer': {
        const done = await refer(ctx.services, { ...base, toBody: String(values.to), comment: typeof values.comment === 'string' ? values.comment : '' });
        const body = await Body.findById(done.body);
        return say(t('cReferred', { title: done.title, body: body ? bodyName(body, ctx.lang) : '?' }), open(done));
      }
      case 'reject': {
        const done = await reject(ctx.services, { ...base, reason: String(values.reason) });
        return say(t('cRejected', { title: done.title, proposer }), open(done));
      }
      case 'decide': {
        const done = await decide(ctx.services, { ...base, text: String(values.text) });
        return say(t('cDecided', { number: done.number?.label ?? done.title, proposer }), open(done));
      }
      case 'partners': {
        const chosen = Array.isArray(values.parties) ? values.parties : [];
        const parties = chosen.includes('all') ? (await Party.find({ community: ctx.community._id, type: { $ne: 'secretariat' } })).map((p) => String(p._id)) : chosen;
        const day = values.remindAt instanceof Date ? values.remindAt : null;
        // A reminder on the chosen day at nine in the morning (Oslo midnight + 9 h).
        const remindAt = day ? new Date(day.getTime() + 9 * 3600_000) : null;
        if (remindAt && remindAt.getTime() <= Date.now()) return { replies: [], errors: { remindAt: texts(ctx.lang, 'errRemindAtPast') } };
        const done = await sendToPartners(ctx.services, { ...base, parties, remindAt });
        return say(t('cAtPartners', { number: done.number?.label ?? done.title, count: parties.length }), open(done));
      }
      case 'withdraw': {
        const done = await withdraw(ctx.services, { ...base, reason: typeof values.reason === 'string' ? values.reason : '' });
        const offAgenda = done.meeting ? t('offAgenda', { meeting: done.meeting.title }) : '';
        const own = String(done.proposer) === String(ctx.member._id);
        return say(own ? t('withdrawnReceipt', { title: done.title, offAgenda }) : t('cWithdrawnBehalf', { title: done.title, proposer, offAgenda }), open(done));
      }
      case 'revise': {
        const text = caseText(values);
        const bad = linkError(ctx, text.links);
        if (bad) return { replies: [], errors: bad };
        const done = await resubmit(ctx.services, { ...base, text });
        return say(t('resubmitted', { version: done.version, title: done.title }), open(done));
      }
    }
  });
}

async function submitProposal(ctx: DialogContext, values: CleanValues): Promise<StepResult> {
  const t = (k: TextKey, v?: Record<string, string>) => texts(ctx.lang, k, v);
  const body = await Body.findOne({ _id: String(values.body), community: ctx.community._id });
  if (!body) return { replies: [], errors: { body: t('unknownBody', { name: String(values.body) }) } };
  const text = caseText(values);
  const bad = linkError(ctx, text.links);
  if (bad) return { replies: [], errors: bad };
  let proposer: MemberDoc = ctx.member;
  if (typeof values.onBehalf === 'string' && values.onBehalf && canAdminister(ctx.member)) {
    const found = await findProposer(ctx.community._id, values.onBehalf);
    if (!found) return { replies: [], errors: { onBehalf: t('noProposer', { text: values.onBehalf }) } };
    proposer = found;
  }
  if (!canAdminister(ctx.member) && !canPropose(ctx.member, body._id)) {
    return say(t('cannotProposeBody', { body: bodyName(body, ctx.lang), helpers: await helpers(ctx, body._id) }));
  }
  const c = await propose(ctx.services, { community: ctx.community._id, body, actor: ctx.member, proposer, text });
  const own = String(proposer._id) === String(ctx.member._id);
  const msg = own ? t('receipt', { title: c.title, body: bodyName(body, ctx.lang) }) : t('receiptOnBehalf', { title: c.title, body: bodyName(body, ctx.lang), proposer: proposer.name });
  return say(msg, { type: 'buttons', buttons: [{ label: t('bOpen'), action: showAction(c) }] });
}

export const caseDialog: Dialog = {
  id: DIALOG,
  commands: { nb: ['sak', 'saker', 'saksforslag'], nn: ['sak', 'saksframlegg'], en: ['case', 'cases', 'propose'] },
  helpLine: (ctx) => `• *${ctx.lang === 'en' ? 'case' : 'sak'}*: ${texts(ctx.lang, 'help')}`,

  async command(ctx, args, word) {
    const [first = '', ...rest] = args.split(/\s+/).filter(Boolean);
    if (PROPOSE_WORDS.has(word)) return startProposal(ctx, args);
    if (NEW_WORDS.has(first.toLowerCase())) return startProposal(ctx, rest.join(' '));
    if (!args) return { replies: [await caseList(await casesFor(ctx.member), ctx.member, ctx.lang)] };
    const found = await findByNumber(ctx.member, args);
    if (found.length === 1) return show(ctx, found[0]!);
    if (!found.length) return say(texts(ctx.lang, 'notFound', { text: args }));
    return say(texts(ctx.lang, 'severalFound', { text: args }), {
      type: 'buttons',
      buttons: found.slice(0, 10).map((c) => ({ label: caseHeading(c).slice(0, 75), action: showAction(c) })),
    });
  },

  async action(ctx, p) {
    if (p.s === 'new') return startProposal(ctx, '');
    if (p.s === 'list') return { replies: [await caseList(await casesFor(ctx.member), ctx.member, ctx.lang)] };
    if (p.s === 'pick' || p.s === 'show') {
      const c = await caseFor(ctx, p.s === 'pick' ? { c: String(p.a?.value ?? '') } : p.a);
      return c ? show(ctx, c) : say(texts(ctx.lang, 'gone'));
    }
    if (p.s === 'open') {
      const c = await caseFor(ctx, p.a);
      if (!c) return say(texts(ctx.lang, 'gone'));
      const f = String(p.a?.f ?? '') as HandlingForm;
      if (!Object.hasOwn(HANDLING_FORMS, f)) return say(texts(ctx.lang, 'gone'));
      const step = HANDLING_FORMS[f];
      if (!(TRANSITIONS[step].from as readonly string[]).includes(c.state)) return say(refusal(ctx, c, step, c.state as CaseState), { type: 'buttons', buttons: [{ label: texts(ctx.lang, 'bOpen'), action: showAction(c) }] });
      if (f === 'revise') {
        if (String(c.proposer) !== String(ctx.member._id) && !isSecretariat(ctx.member)) throw new SamlaError('forbidden', 'not the proposer');
        return formReply(reviseForm(ctx, c));
      }
      if (f === 'withdraw') {
        if (!mayWithdraw(ctx.member, c)) return say(texts(ctx.lang, 'onlyProposerWithdraws', { title: c.title }));
        const form = await handlingForm(ctx, c, f);
        return 'problem' in form ? say(form.problem) : formReply(form);
      }
      if (!canAdminister(ctx.member)) return say(texts(ctx.lang, 'onlySecretariat'));
      const form = await handlingForm(ctx, c, f);
      return 'problem' in form ? say(form.problem) : formReply(form);
    }
    return say(texts(ctx.lang, 'gone'));
  },

  async refuseForm(ctx, formId, args) {
    if (formId === 'propose') return null; // the form offers only the bodies the member may propose to
    if (canAdminister(ctx.member)) return null;
    const c = await caseFor(ctx, args);
    if (!c) return null; // the form is gone, and the core says so
    if (formId === 'withdraw') return mayWithdraw(ctx.member, c) ? null : texts(ctx.lang, 'onlyProposerWithdraws', { title: c.title });
    if (formId === 'revise') return String(c.proposer) === String(ctx.member._id) ? null : coreTexts(ctx.lang, 'notAllowed');
    return texts(ctx.lang, 'onlySecretariat');
  },

  async form(ctx, formId, args) {
    if (formId === 'propose') return proposeForm(ctx, args?.b ? String(args.b) : undefined);
    const c = await caseFor(ctx, args);
    if (!c || !Object.hasOwn(HANDLING_FORMS, formId)) return null;
    if (formId === 'revise') return reviseForm(ctx, c);
    const form = await handlingForm(ctx, c, formId as Exclude<HandlingForm, 'revise'>);
    return 'problem' in form ? null : form;
  },

  async submit(ctx, formId, values, args) {
    if (formId === 'propose') return submitProposal(ctx, values);
    const c = await caseFor(ctx, args);
    if (!c) return say(texts(ctx.lang, 'gone'));
    if (formId === 'withdraw' && !mayWithdraw(ctx.member, c)) return say(texts(ctx.lang, 'onlyProposerWithdraws', { title: c.title }));
    if (formId !== 'revise' && formId !== 'withdraw' && !canAdminister(ctx.member)) return say(texts(ctx.lang, 'onlySecretariat'));
    return submitHandling(ctx, formId as HandlingForm, c, values);
  },

  async status(ctx) {
    const els: Element[] = [];
    if (isSecretariat(ctx.member)) {
      const waiting = await Case.countDocuments({ community: ctx.community._id, state: 'submitted' });
      if (waiting) els.push({ type: 'section', text: texts(ctx.lang, 'waitingTriage', { count: waiting }) }, { type: 'buttons', buttons: [{ label: texts(ctx.lang, 'listTitle'), action: action(DIALOG, 'list') }] });
    }
    const returned = await Case.find({ community: ctx.community._id, proposer: ctx.member._id, state: 'returned' }).limit(5);
    for (const c of returned) {
      els.push({ type: 'section', text: texts(ctx.lang, 'yourReturned', { title: c.title }) }, { type: 'buttons', buttons: [{ label: texts(ctx.lang, 'bRevise'), action: action(DIALOG, 'open', { c: String(c._id), f: 'revise' }) }] });
    }
    return els;
  },
};
