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
import { groupLabel, stateLabel, stepLabel, typeLabel } from './labels.js';
import { texts, type Messages } from './texts.js';

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
  return { type: 'buttons', buttons: [{ label: texts(lang, 'case.button.open'), action: showAction(c) }] };
}

/** Why a step is refused, in words that say what to do instead. */
export function refusal(lang: Lang, c: CaseDoc, step: CaseStep, state: CaseState): string {
  const v = { title: c.title, state: stateLabel(state, lang), step: stepLabel(step, lang), number: c.number?.label ?? '' };
  if (state === 'withdrawn') return step === 'withdraw' ? texts(lang, 'case.error.alreadyWithdrawn', v) : texts(lang, 'case.error.withdrawnFinal', v);
  if (step === 'withdraw' && (state === 'decided' || state === 'at_partners' || state === 'partners_decided')) return texts(lang, 'case.error.withdrawTooLate', v);
  if ((step === 'decide' || step === 'send_to_partners') && (state === 'submitted' || state === 'returned')) return texts(lang, 'case.error.neverOnAgenda', v);
  if (state === 'rejected') return texts(lang, 'case.error.rejectedFinal', v);
  if (step === 'accept' && state === 'accepted') return texts(lang, 'case.error.alreadyAccepted', v);
  if (state === 'decided' || state === 'at_partners' || state === 'partners_decided') return texts(lang, 'case.error.alreadyDecided', v);
  if (step === 'resubmit') return texts(lang, 'case.error.notReturned', v);
  return texts(lang, 'case.error.wrongState', v);
}

/** A refused step, with the way back to the case. */
export function refused(lang: Lang, c: CaseDoc, step: CaseStep, state: CaseState): StepResult {
  return say(refusal(lang, c, step, state), openButton(c, lang));
}

/** The buttons a viewer may use on a case in its state. */
export function caseButtons(c: CaseDoc, viewer: MemberDoc, lang: Lang): Button[] {
  const b: Button[] = [];
  if (isSecretariat(viewer)) {
    if (c.state === 'submitted') {
      b.push({ label: texts(lang, 'case.button.accept'), action: formAction(c, 'accept'), style: 'primary' });
      b.push({ label: texts(lang, 'case.button.return'), action: formAction(c, 'return') });
      b.push({ label: texts(lang, 'case.button.refer'), action: formAction(c, 'refer') });
      b.push({ label: texts(lang, 'case.button.reject'), action: formAction(c, 'reject'), style: 'danger' });
    } else if (c.state === 'accepted') {
      b.push({ label: texts(lang, 'case.button.decide'), action: formAction(c, 'decide'), style: 'primary' });
      b.push({ label: texts(lang, 'case.button.partners'), action: formAction(c, 'partners') });
      b.push({ label: texts(lang, 'case.button.refer'), action: formAction(c, 'refer') });
    }
  }
  const proposerOrSecretariat = mayActAsProposer(viewer, c);
  if (c.state === 'returned' && proposerOrSecretariat) {
    b.push({ label: texts(lang, 'case.button.revise'), action: formAction(c, 'revise'), style: 'primary' });
  }
  if (proposerOrSecretariat && allows('withdraw', c.state)) {
    b.push({ label: texts(lang, 'case.button.withdraw'), action: formAction(c, 'withdraw'), style: 'danger' });
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

/** Each audited action's line in a case's history. */
const HISTORY: Partial<Record<string, HistoryKey>> = {
  'case.propose': 'case.history.propose',
  'case.accept': 'case.history.accept',
  'case.return': 'case.history.return',
  'case.resubmit': 'case.history.resubmit',
  'case.refer': 'case.history.refer',
  'case.reject': 'case.history.reject',
  'case.decide': 'case.history.decide',
  'case.send_to_partners': 'case.history.sendToPartners',
  'case.partners_decided': 'case.history.partnersDecided',
  'case.withdraw': 'case.history.withdraw',
  'partner_decision.send_out': 'case.history.partnerSendOut',
  'partner_decision.record': 'case.history.partnerRecord',
  'partner_decision.remind': 'case.history.partnerRemind',
};
type HistoryKey = Extract<keyof Messages, `case.history.${string}`>;

/** The case's history from the audit log, one line each: «date — who: what». */
export async function historyLines(c: CaseDoc, lang: Lang): Promise<string[]> {
  return (await historyEntries(c, lang)).map((e) => `${formatShort(e.at, lang)} — ${e.actor}: ${e.text}`);
}

/** The case's history from the audit log: who did what, when (the case paper shows it as a table). */
export async function historyEntries(c: CaseDoc, lang: Lang): Promise<{ at: Date; actor: string; text: string }[]> {
  const entries = await history(c.community, CASE_KIND, c._id);
  const who = await names(entries.map((e) => e.actor));
  return entries.map((e) => {
    const d = (e.details ?? {}) as Record<string, unknown>;
    const vars = {
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
      count: Number(d.parties) || 0,
      party: String(d.party ?? ''),
      action: e.action,
    };
    const key = e.action === 'case.propose' && d.onBehalfOf ? 'case.history.proposeOnBehalf' : (HISTORY[e.action] ?? 'case.history.other');
    let text = texts(lang, key, vars);
    if (e.action === 'case.withdraw') {
      // «Sara Solheim: withdrew the case on behalf of Kari: «reason»» — both parts optional.
      if (d.onBehalfOf) text += texts(lang, 'case.history.onBehalf', vars);
      if (d.reason) text += `: «${vars.reason}»`;
    }
    const actor = e.actor ? (who.get(String(e.actor)) ?? '?') : texts(lang, 'case.history.system');
    return { at: e.at, actor, text };
  });
}

/** One case in full: what it asks, where it stands, the partners' progress and its history. */
export async function caseCard(c: CaseDoc, viewer: MemberDoc, lang: Lang, opts: { history?: boolean; paperUrl?: string } = {}): Promise<Reply> {
  const body = await Body.findById(c.body);
  const proposer = await Member.findById(c.proposer);
  const fields = [
    { label: texts(lang, 'case.card.body'), value: body ? bodyName(body, lang) : '?' },
    { label: texts(lang, 'case.card.state'), value: stateLabel(c.state as CaseState, lang) },
    { label: texts(lang, 'case.card.proposer'), value: proposer?.name ?? '?' },
    { label: texts(lang, 'case.card.type'), value: typeLabel(c.type as CaseType, lang) },
  ];
  if (c.priorityGroups.length) fields.push({ label: texts(lang, 'case.card.groups'), value: c.priorityGroups.map((g) => groupLabel(g as CasePriorityGroup, lang)).join(', ') });
  if (c.meeting) fields.push({ label: texts(lang, 'case.card.meeting'), value: `${c.meeting.title} (${formatDateTime(c.meeting.start, lang)})` });
  if (c.version > 1) fields.push({ label: texts(lang, 'case.card.version'), value: String(c.version) });
  if (c.previousNumbers.length) fields.push({ label: texts(lang, 'case.card.earlierNumbers'), value: c.previousNumbers.map((n) => n.label).join(', ') });

  const els: Element[] = [
    { type: 'section', text: `*${caseHeading(c)}*` },
    { type: 'fields', fields },
    { type: 'section', text: `*${texts(lang, 'case.card.background')}*\n${c.background}` },
    { type: 'section', text: `*${texts(lang, 'case.card.proposedDecision')}*\n${c.proposedDecision}` },
  ];
  if (c.links.length) els.push({ type: 'section', text: `*${texts(lang, 'case.card.links')}*\n${c.links.join('\n')}` });
  if (c.state === 'returned' && c.returnComment) els.push({ type: 'section', text: `*${texts(lang, 'case.card.returnComment')}*\n_${c.returnComment}_` });
  if (c.state === 'rejected' && c.rejectReason) els.push({ type: 'section', text: `*${texts(lang, 'case.card.rejectReason')}*\n_${c.rejectReason}_` });
  if (c.state === 'withdrawn' && c.withdrawReason) els.push({ type: 'section', text: `*${texts(lang, 'case.card.withdrawReason')}*\n_${c.withdrawReason}_` });
  if (c.decision) els.push({ type: 'section', text: `*${texts(lang, 'case.card.decision')}*\n${c.decision.text}` });

  const pr = c.state === 'at_partners' || c.state === 'partners_decided' ? await progress(c.community, { kind: CASE_KIND, id: String(c._id) }) : null;
  if (pr) els.push({ type: 'divider' }, ...progressElements(pr, lang));

  const buttons = caseButtons(c, viewer, lang);
  if (buttons.length) els.push({ type: 'buttons', buttons });
  if (opts.paperUrl) els.push({ type: 'links', links: [{ label: texts(lang, 'case.button.paper'), url: opts.paperUrl }] });
  if (pr) els.push(...progressButtons(pr, viewer, lang));

  if (opts.history !== false) {
    const lines = await historyLines(c, lang);
    if (lines.length) els.push({ type: 'divider' }, { type: 'section', text: `*${texts(lang, 'case.card.history')}*\n${lines.join('\n')}` });
  }
  return { text: `${caseHeading(c)} (${stateLabel(c.state as CaseState, lang)})`, elements: els, visibility: 'private' };
}

function listLine(c: CaseDoc, lang: Lang, bodyShort: Map<string, string>): string {
  const where = c.number ? c.number.label : `${bodyShort.get(String(c.body)) ?? '?'}, ${texts(lang, 'case.list.noNumber')}`;
  return `• *${c.title}* (${where}) — ${stateLabel(c.state as CaseState, lang)}`;
}

/** «sak»: my cases and my bodies' cases with their state, and a way to open one or propose a new one. */
export async function caseList(cases: CaseDoc[], viewer: MemberDoc, lang: Lang): Promise<Reply> {
  const bodies = await Body.find({ _id: { $in: [...new Set(cases.map((c) => String(c.body)))] } });
  const short = new Map(bodies.map((b) => [String(b._id), b.short]));
  const mine = cases.filter((c) => String(c.proposer) === String(viewer._id));
  const others = cases.filter((c) => String(c.proposer) !== String(viewer._id));
  const els: Element[] = [{ type: 'section', text: `*${texts(lang, 'case.list.title')}*` }];
  if (!cases.length) els.push({ type: 'section', text: texts(lang, 'case.list.empty') });
  if (mine.length) els.push({ type: 'section', text: `*${texts(lang, 'case.list.mine')}*\n${mine.map((c) => listLine(c, lang, short)).join('\n')}` });
  if (others.length) els.push({ type: 'section', text: `*${texts(lang, 'case.list.bodies')}*\n${others.map((c) => listLine(c, lang, short)).join('\n')}` });
  if (cases.length) {
    els.push({
      type: 'select',
      label: texts(lang, 'case.list.choose'),
      options: cases.slice(0, 100).map((c) => ({ value: String(c._id), label: clip(caseHeading(c), 75) })),
      action: action(DIALOG, 'pick'),
    });
  }
  els.push({ type: 'buttons', buttons: [{ label: texts(lang, 'case.button.new'), action: action(DIALOG, 'new') }] });
  const text = [texts(lang, 'case.list.title'), ...cases.map((c) => listLine(c, lang, short))].join('\n');
  return { text, elements: els, visibility: 'private' };
}
