/** What members see of rounds: the choice of rounds, their own contributions, confirmations and their dashboard. */
import type { ContributionDoc } from '../../models/contribution.js';
import type { RoundDoc } from '../../models/round.js';
import { action } from '../../src/payload.js';
import { formatDateTime, formatShort } from '../../src/time.js';
import type { Button, Element, Lang, Reply } from '../../src/ui.js';
import { DIALOG } from './ids.js';
import { priv } from './replies.js';
import { t } from './texts.js';

/** A choice of the open rounds; `shared`: the message a member shared goes with the answer. */
export function roundChoiceReply(lang: Lang, rounds: RoundDoc[], shared: boolean): Reply {
  const head = t(lang, shared ? 'pickRound' : 'yourRounds');
  const lines = rounds.map((r) => `• ${t(lang, 'roundLine', { title: r.title, deadline: formatDateTime(r.deadline, lang) })}`);
  return priv(
    head,
    { type: 'section', text: `${head}\n${lines.join('\n')}` },
    {
      type: 'buttons',
      buttons: rounds.slice(0, 5).map((r) => ({ label: r.title.slice(0, 60), action: action(DIALOG, 'answer', shared ? { r: String(r._id), m: 1 } : { r: String(r._id) }) })),
    },
  );
}

/** A member's contributions to the open rounds, each with edit and withdraw (or restore). */
export function mineReply(lang: Lang, list: { contribution: ContributionDoc; round: RoundDoc }[]): Reply {
  if (!list.length) return priv(t(lang, 'mineNone'));
  const elements: Element[] = [{ type: 'section', text: `*${t(lang, 'mineHead')}*` }];
  for (const { contribution: c, round } of list.slice(0, 10)) {
    const shown = c.text.length > 200 ? `${c.text.slice(0, 197)}…` : c.text;
    elements.push({
      type: 'section',
      text: `*${round.title}* (${formatShort(c.createdAt, lang)})${c.status === 'withdrawn' ? ` — _${t(lang, 'btnWithdraw').toLowerCase()}_` : ''}\n${shown}`,
    });
    elements.push({
      type: 'buttons',
      buttons:
        c.status === 'withdrawn'
          ? [{ label: t(lang, 'btnRestore'), action: action(DIALOG, 'restore', { c: String(c._id) }) }]
          : [
              { label: t(lang, 'btnEdit'), action: action(DIALOG, 'edit', { c: String(c._id) }) },
              { label: t(lang, 'btnWithdraw'), action: action(DIALOG, 'withdraw', { c: String(c._id) }), style: 'danger' },
            ],
    });
  }
  return priv(t(lang, 'mineHead'), ...elements);
}

export function thanksReply(lang: Lang, round: RoundDoc, party: string): Reply {
  const text = t(lang, 'thanks', { title: round.title, party, deadline: formatDateTime(round.deadline, lang) });
  return priv(
    text,
    { type: 'section', text },
    {
      type: 'buttons',
      buttons: [
        { label: t(lang, 'btnAnother'), action: action(DIALOG, 'answer', { r: String(round._id) }) },
        { label: t(lang, 'btnMine'), action: action(DIALOG, 'mine') },
      ],
    },
  );
}

/** A contribution updated, withdrawn (with the way back) or restored. */
export function changedReply(lang: Lang, ok: 'updated' | 'withdrawn' | 'restored', round: RoundDoc, contribution: ContributionDoc): Reply {
  const text = t(lang, ok, { title: round.title });
  const undo: Button =
    ok === 'withdrawn'
      ? { label: t(lang, 'btnRestore'), action: action(DIALOG, 'restore', { c: String(contribution._id) }) }
      : { label: t(lang, 'btnMine'), action: action(DIALOG, 'mine') };
  return priv(text, { type: 'section', text }, { type: 'buttons', buttons: [undo] });
}

/** Whether the member's party has answered a round yet, and how often. */
export function partyNote(lang: Lang, party: string, count: number): string {
  return t(lang, count ? 'partyAnswered' : 'partyMissing', { party, count });
}

/** A member's part of the dashboard: the rounds open to them, with their party's answers. */
export function memberStatus(lang: Lang, rounds: { round: RoundDoc; answered: number }[], party: string): Element[] {
  return rounds.flatMap(({ round, answered }): Element[] => [
    { type: 'section', text: `${t(lang, 'dashMember', { title: round.title, deadline: formatShort(round.deadline, lang) })}\n${partyNote(lang, party, answered)}` },
    { type: 'buttons', buttons: [{ label: t(lang, 'answerBtn'), action: action(DIALOG, 'answer', { r: String(round._id) }) }] },
  ]);
}
