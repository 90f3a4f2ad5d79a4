/**
 * How partner decisions look: the progress (also inside a case's or a strategy's own view), the
 * buttons to record and remind, and the notices the parties' members get.
 */
import { isSecretariat, type MemberDoc } from '../../models/member.js';
import { action } from '../../src/payload.js';
import { formatDate } from '../../src/time.js';
import type { Element, Lang, Reply } from '../../src/ui.js';
import { PARTNER_DIALOG } from './names.js';
import { PARTNER_DECISIONS, type PartnerDecisionValue, type PartnerProgress } from './service.js';
import { texts } from './texts.js';

export function decisionLabel(d: PartnerDecisionValue, lang: Lang): string {
  return texts(lang, 'partner.type.decision', { decision: d });
}

/** "12 of 19 parties have decided — missing: Fedje kommune, …" */
export function progressText(p: PartnerProgress, lang: Lang): string {
  if (p.complete) return texts(lang, 'partner.status.allDecided', { total: p.total });
  const head = texts(lang, 'partner.status.progress', { decided: p.decided, total: p.total });
  return `${head} — ${texts(lang, 'partner.status.missing', { names: p.missing.map((m) => m.name).join(', ') })}`;
}

/** The progress as UI elements: the line, bars per decision, and each party's decision. */
export function progressElements(p: PartnerProgress, lang: Lang): Element[] {
  const els: Element[] = [{ type: 'section', text: progressText(p, lang) }];
  if (p.decided) {
    els.push({ type: 'bars', bars: PARTNER_DECISIONS.map((d) => ({ label: decisionLabel(d, lang), count: p.counts[d], total: p.total })) });
    const lines = p.decisions.map((d) => `• ${d.party.name}: ${decisionLabel(d.decision, lang)} (${formatDate(d.date, lang)})${d.comment ? ` — _${d.comment}_` : ''}`);
    els.push({ type: 'section', text: `*${texts(lang, 'partner.card.decisions')}*\n${lines.join('\n')}` });
  }
  return els;
}

/** Buttons for a viewer of the subject: record (a member of a missing party, or the secretariat) and remind (secretariat). */
export function progressButtons(p: PartnerProgress, viewer: MemberDoc, lang: Lang, partyName?: string): Element[] {
  const buttons = [];
  const own = p.missing.find((m) => m.id === String(viewer.party)) ?? p.decisions.find((d) => d.party.id === String(viewer.party))?.party;
  if (own) buttons.push({ label: texts(lang, 'partner.button.record', { party: partyName ?? own.name }), action: recordAction(p.requestId) });
  else if (isSecretariat(viewer)) buttons.push({ label: texts(lang, 'partner.button.recordAny'), action: recordAction(p.requestId) });
  if (isSecretariat(viewer) && !p.complete) buttons.push({ label: texts(lang, 'partner.button.remind'), action: action(PARTNER_DIALOG, 'remind', { r: p.requestId }) });
  return buttons.length ? [{ type: 'buttons', buttons }] : [];
}

/** The action that opens the «record a decision» form for a request. */
export function recordAction(requestId: string) {
  return action(PARTNER_DIALOG, 'open', { r: requestId });
}

/** The subject with its progress and the buttons this viewer may use. */
export function progressReply(p: PartnerProgress, viewer: MemberDoc, lang: Lang): Reply {
  const text = `*${p.subject.title}*`;
  return {
    text: `${p.subject.title}: ${progressText(p, lang)}`,
    elements: [{ type: 'section', text }, ...progressElements(p, lang), ...progressButtons(p, viewer, lang)],
    visibility: 'private',
  };
}

/** The notice a party's member gets when the subject is sent out (ask) or is still missing their decision (remind). */
export function partyNotice(kind: 'ask' | 'remind', lang: Lang, o: { requestId: string; title: string; party: string; progress: PartnerProgress }): Reply {
  const text =
    kind === 'ask'
      ? texts(lang, 'partner.notice.ask', { title: o.title, party: o.party })
      : texts(lang, 'partner.notice.remind', { title: o.title, party: o.party, progress: progressText(o.progress, lang) });
  return {
    text,
    elements: [
      { type: 'section', text },
      { type: 'buttons', buttons: [{ label: texts(lang, 'partner.button.record', { party: o.party }), action: recordAction(o.requestId), style: 'primary' }] },
    ],
  };
}

/** The answer to a recorded decision: what was saved, the progress, and (for the secretariat) the next party. */
export function recordedReply(lang: Lang, o: { changed: boolean; party: string; decision: PartnerDecisionValue; date: Date; progress: PartnerProgress; another: boolean }): Reply {
  const line = texts(lang, o.changed ? 'partner.reply.saved' : 'partner.reply.unchanged', {
    party: o.party,
    decision: decisionLabel(o.decision, lang),
    date: formatDate(o.date, lang),
  });
  const more: Element[] = o.another ? [{ type: 'buttons', buttons: [{ label: texts(lang, 'partner.button.recordAnother'), action: recordAction(o.progress.requestId) }] }] : [];
  return { text: `${line} ${progressText(o.progress, lang)}`, elements: [{ type: 'section', text: line }, ...progressElements(o.progress, lang), ...more], visibility: 'private' };
}
