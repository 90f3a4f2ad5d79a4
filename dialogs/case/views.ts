/** How a case looks: the card (with the buttons this viewer may use), its history, lists, and why a step is refused. */
import { Body } from '../../models/body.js';
import { CASE_KIND, type CaseDoc, type CasePriorityGroup, type CaseState, type CaseType } from '../../models/case.js';
import { Member, isSecretariat, type MemberDoc } from '../../models/member.js';
import { history } from '../../src/audit.js';
import type { StepResult } from '../../src/dialog.js';
import { bodyName } from '../../src/directory.js';
import { action } from '../../src/payload.js';
import { formatDateTime, formatShort } from '../../src/time.js';
import type { Button, Element, Form, Lang, Reply } from '../../src/ui.js';
import { progress, type PartnerDecisionValue } from '../partner/service.js';
import { decisionLabel, progressButtons, progressElements } from '../partner/views.js';
import { allows, mayActAsProposer, type CaseStep } from './rules.js';
import { groupLabel, stateLabel, texts, typeLabel, type TextKey } from './texts.js';

export const DIALOG = 'case';

/** A private answer; with elements, its text leads them as a section. */
export function say(text: string, ...elements: Element[]): StepResult {
  return { replies: [{ text, elements: elements.length ? [{ type: 'section', text }, ...elements] : undefined, visibility: 'private' }] };
}

export function formReply(form: Form): StepResult {
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}

/** "SSU 12/2026 — Title", or the title alone before the case has a number. */
export function caseHeading(c: Pick<CaseDoc, 'title' | 'number'>): string {
  return c.number ? `${c.number.label} — ${c.title}` : c.title;
}

export function showAction(c: Pick<CaseDoc, '_id'>) {
  return action(DIALOG, 'show', { c: String(c._id) });
}

/** Opens one of the case's forms (accept, return, refer, reject, decide, partners, revise). */
export function formAction(c: Pick<CaseDoc, '_id'>, f: string) {
  return action(DIALOG, 'open', { c: String(c._id), f });
}

/** The button back to the case. */
export function openButton(c: Pick<CaseDoc, '_id'>, lang: Lang): Element {
  return { type: 'buttons', buttons: [{ label: texts(lang, 'bOpen'), action: showAction(c) }] };
}

/** Why a step is refused, in words that say what to do instead. */
export function refusal(lang: Lang, c: CaseDoc, step: CaseStep, state: CaseState): string {
  const v = {
    title: c.title,
    state: stateLabel(state, lang),
    step: texts(lang, `step${step}` as TextKey),
    number: c.number?.label ?? '',
  };
  const t = (k: TextKey) => texts(lang, k, v);
  if (state === 'withdrawn') return t(step === 'withdraw' ? 'alreadyWithdrawn' : 'withdrawnFinal');
  if (step === 'withdraw' && (state === 'decided' || state === 'at_partners' || state === 'partners_decided')) return t('withdrawTooLate');
  if ((step === 'decide' || step === 'send_to_partners') && (state === 'submitted' || state === 'returned')) return t('neverOnAgenda');
  if (state === 'rejected') return t('rejectedFinal');
  if (step === 'accept' && state === 'accepted') return t('alreadyAccepted');
  if (state === 'decided' || state === 'at_partners' || state === 'partners_decided') return t('alreadyDecided');
  if (step === 'resubmit') return t('notReturned');
  return t('wrongState');
}

/** A refused step, with the way back to the case. */
export function refused(lang: Lang, c: CaseDoc, step: CaseStep, state: CaseState): StepResult {
  return say(refusal(lang, c, step, state), openButton(c, lang));
}

/** The buttons a viewer may use on a case in its state. */
export function caseButtons(c: CaseDoc, viewer: MemberDoc, lang: Lang): Button[] {
  const t = (k: TextKey) => texts(lang, k);
  const b: Button[] = [];
  if (isSecretariat(viewer)) {
    if (c.state === 'submitted') {
      b.push({ label: t('bAccept'), action: formAction(c, 'accept'), style: 'primary' });
      b.push({ label: t('bReturn'), action: formAction(c, 'return') });
      b.push({ label: t('bRefer'), action: formAction(c, 'refer') });
      b.push({ label: t('bReject'), action: formAction(c, 'reject'), style: 'danger' });
    } else if (c.state === 'accepted') {
      b.push({ label: t('bDecide'), action: formAction(c, 'decide'), style: 'primary' });
      b.push({ label: t('bPartners'), action: formAction(c, 'partners') });
      b.push({ label: t('bRefer'), action: formAction(c, 'refer') });
    }
  }
  const proposerOrSecretariat = mayActAsProposer(viewer, c);
  if (c.state === 'returned' && proposerOrSecretariat) {
    b.push({ label: t('bRevise'), action: formAction(c, 'revise'), style: 'primary' });
  }
  if (proposerOrSecretariat && allows('withdraw', c.state)) {
    b.push({ label: t('bWithdraw'), action: formAction(c, 'withdraw'), style: 'danger' });
  }
  return b;
}

async function names(ids: unknown[]): Promise<Map<string, string>> {
  const members = await Member.find({ _id: { $in: ids.filter(Boolean) } });
  return new Map(members.map((m) => [String(m._id), m.name]));
}

function shortList(v: unknown): string {
  if (!Array.isArray(v)) return String(v ?? '');
  const items = v.map(String);
  return items.length > 5 ? `${items.slice(0, 5).join(', ')} … (+${items.length - 5})` : items.join(', ');
}

function clip(s: unknown, max = 160): string {
  const text = String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The case's history from the audit log: who did what, when. */
export async function historyLines(c: CaseDoc, lang: Lang): Promise<string[]> {
  const entries = await history(c.community, CASE_KIND, c._id);
  const who = await names(entries.map((e) => e.actor));
  return entries.map((e) => {
    const d = (e.details ?? {}) as Record<string, unknown>;
    const vars: Record<string, string | number> = {
      body: String(d.body ?? ''),
      onBehalfOf: String(d.onBehalfOf ?? ''),
      meeting: String(d.meeting ?? ''),
      number: String(d.number ?? ''),
      comment: clip(d.comment),
      reason: clip(d.reason),
      decision:
        d.decision && ['adopted', 'adopted_with_changes', 'not_adopted'].includes(String(d.decision)) ? decisionLabel(d.decision as PartnerDecisionValue, lang) : clip(d.decision),
      version: String(d.version ?? ''),
      from: String(d.from ?? ''),
      to: String(d.to ?? ''),
      parties: shortList(d.parties),
      party: String(d.party ?? ''),
      action: e.action,
    };
    let key = `h_${e.action.replace(/\./g, '_')}`;
    if (e.action === 'case.propose' && d.onBehalfOf) key = 'h_case_propose_behalf';
    let text = texts.keys.includes(key as TextKey) ? texts(lang, key as TextKey, vars) : texts(lang, 'h_other', vars);
    if (e.action === 'case.withdraw') {
      // «Sara Solheim: withdrew the case on behalf of Kari: «reason»» — both parts optional.
      if (d.onBehalfOf) text += texts(lang, 'h_onBehalf', vars);
      if (d.reason) text += `: «${vars.reason}»`;
    }
    const actor = e.actor ? (who.get(String(e.actor)) ?? '?') : texts(lang, 'system');
    return `${formatShort(e.at, lang)} — ${actor}: ${text}`;
  });
}

/** One case in full: what it asks, where it stands, the partners' progress and its history. */
export async function caseCard(c: CaseDoc, viewer: MemberDoc, lang: Lang, opts: { history?: boolean } = {}): Promise<Reply> {
  const t = (k: TextKey, v?: Record<string, string | number>) => texts(lang, k, v);
  const body = await Body.findById(c.body);
  const proposer = await Member.findById(c.proposer);
  const fields = [
    { label: t('body'), value: body ? bodyName(body, lang) : '?' },
    { label: t('state'), value: stateLabel(c.state as CaseState, lang) },
    { label: t('proposer'), value: proposer?.name ?? '?' },
    { label: t('type'), value: typeLabel(c.type as CaseType, lang) },
  ];
  if (c.priorityGroups.length) fields.push({ label: t('groups'), value: c.priorityGroups.map((g) => groupLabel(g as CasePriorityGroup, lang)).join(', ') });
  if (c.meeting) fields.push({ label: t('meeting'), value: `${c.meeting.title} (${formatDateTime(c.meeting.start, lang)})` });
  if (c.version > 1) fields.push({ label: t('version'), value: String(c.version) });
  if (c.previousNumbers.length) fields.push({ label: t('earlierNumbers'), value: c.previousNumbers.map((n) => n.label).join(', ') });

  const els: Element[] = [
    { type: 'section', text: `*${caseHeading(c)}*` },
    { type: 'fields', fields },
    { type: 'section', text: `*${t('background')}*\n${c.background}` },
    { type: 'section', text: `*${t('proposedDecision')}*\n${c.proposedDecision}` },
  ];
  if (c.links.length) els.push({ type: 'section', text: `*${t('links')}*\n${c.links.join('\n')}` });
  if (c.state === 'returned' && c.returnComment) els.push({ type: 'section', text: `*${t('returnComment')}*\n_${c.returnComment}_` });
  if (c.state === 'rejected' && c.rejectReason) els.push({ type: 'section', text: `*${t('rejectReason')}*\n_${c.rejectReason}_` });
  if (c.state === 'withdrawn' && c.withdrawReason) els.push({ type: 'section', text: `*${t('withdrawReason')}*\n_${c.withdrawReason}_` });
  if (c.decision) els.push({ type: 'section', text: `*${t('decision')}*\n${c.decision.text}` });

  const pr = c.state === 'at_partners' || c.state === 'partners_decided' ? await progress(c.community, { kind: CASE_KIND, id: String(c._id) }) : null;
  if (pr) els.push({ type: 'divider' }, ...progressElements(pr, lang));

  const buttons = caseButtons(c, viewer, lang);
  if (buttons.length) els.push({ type: 'buttons', buttons });
  if (pr) els.push(...progressButtons(pr, viewer, lang));

  if (opts.history !== false) {
    const lines = await historyLines(c, lang);
    if (lines.length) els.push({ type: 'divider' }, { type: 'section', text: `*${t('history')}*\n${lines.join('\n')}` });
  }
  return { text: `${caseHeading(c)} (${stateLabel(c.state as CaseState, lang)})`, elements: els, visibility: 'private' };
}

function listLine(c: CaseDoc, lang: Lang, bodyShort: Map<string, string>): string {
  const where = c.number ? c.number.label : `${bodyShort.get(String(c.body)) ?? '?'}, ${texts(lang, 'noNumber')}`;
  return `• *${c.title}* (${where}) — ${stateLabel(c.state as CaseState, lang)}`;
}

/** «sak»: my cases and my bodies' cases with their state, and a way to open one or propose a new one. */
export async function caseList(cases: CaseDoc[], viewer: MemberDoc, lang: Lang): Promise<Reply> {
  const t = (k: TextKey) => texts(lang, k);
  const bodies = await Body.find({ _id: { $in: [...new Set(cases.map((c) => String(c.body)))] } });
  const short = new Map(bodies.map((b) => [String(b._id), b.short]));
  const mine = cases.filter((c) => String(c.proposer) === String(viewer._id));
  const others = cases.filter((c) => String(c.proposer) !== String(viewer._id));
  const els: Element[] = [{ type: 'section', text: `*${t('listTitle')}*` }];
  if (!cases.length) els.push({ type: 'section', text: t('noCases') });
  if (mine.length) els.push({ type: 'section', text: `*${t('mine')}*\n${mine.map((c) => listLine(c, lang, short)).join('\n')}` });
  if (others.length) els.push({ type: 'section', text: `*${t('bodies')}*\n${others.map((c) => listLine(c, lang, short)).join('\n')}` });
  if (cases.length) {
    els.push({
      type: 'select',
      label: t('chooseCase'),
      options: cases.slice(0, 100).map((c) => ({ value: String(c._id), label: clip(caseHeading(c), 75) })),
      action: action(DIALOG, 'pick'),
    });
  }
  els.push({ type: 'buttons', buttons: [{ label: t('bNew'), action: action(DIALOG, 'new') }] });
  const text = [t('listTitle'), ...cases.map((c) => listLine(c, lang, short))].join('\n');
  return { text, elements: els, visibility: 'private' };
}
