/** What members see of rounds: the choice of rounds, their own contributions, confirmations and their dashboard. */
import type { ContributionDoc } from '../../models/contribution.js';
import type { RoundDoc } from '../../models/round.js';
import { action } from '../../src/payload.js';
import { formatDateTime, formatShort } from '../../src/time.js';
import type { Button, Element, Lang, Reply } from '../../src/ui.js';
import { DIALOG } from './ids.js';
import { priv } from './replies.js';
import { texts } from './texts.js';

/** A choice of the open rounds; `shared`: the message a member shared goes with the answer. */
export function roundChoiceReply(lang: Lang, rounds: RoundDoc[], shared: boolean): Reply {
  const head = texts(lang, shared ? 'input.reply.pickRound' : 'input.reply.yourRounds');
  const lines = rounds.map((r) => `• ${texts(lang, 'input.reply.roundLine', { title: r.title, deadline: formatDateTime(r.deadline, lang) })}`);
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
  if (!list.length) return priv(texts(lang, 'input.reply.mineNone'));
  const elements: Element[] = [{ type: 'section', text: `*${texts(lang, 'input.reply.mineHead')}*` }];
  for (const { contribution: c, round } of list.slice(0, 10)) {
    const shown = c.text.length > 200 ? `${c.text.slice(0, 197)}…` : c.text;
    elements.push({
      type: 'section',
      text: `*${round.title}* (${formatShort(c.createdAt, lang)})${c.status === 'withdrawn' ? ` — _${texts(lang, 'input.reply.withdrawnMark')}_` : ''}\n${shown}`,
    });
    elements.push({
      type: 'buttons',
      buttons:
        c.status === 'withdrawn'
          ? [{ label: texts(lang, 'input.button.restore'), action: action(DIALOG, 'restore', { c: String(c._id) }) }]
          : [
              { label: texts(lang, 'input.button.edit'), action: action(DIALOG, 'edit', { c: String(c._id) }) },
              { label: texts(lang, 'input.button.withdraw'), action: action(DIALOG, 'withdraw', { c: String(c._id) }), style: 'danger' },
            ],
    });
  }
  return priv(texts(lang, 'input.reply.mineHead'), ...elements);
}

export function thanksReply(lang: Lang, round: RoundDoc, party: string): Reply {
  const text = texts(lang, 'input.reply.thanks', { title: round.title, party, deadline: formatDateTime(round.deadline, lang) });
  return priv(
    text,
    { type: 'section', text },
    {
      type: 'buttons',
      buttons: [
        { label: texts(lang, 'input.button.another'), action: action(DIALOG, 'answer', { r: String(round._id) }) },
        { label: texts(lang, 'input.button.mine'), action: action(DIALOG, 'mine') },
      ],
    },
  );
}

/** A contribution updated, withdrawn (with the way back) or restored. */
export function changedReply(lang: Lang, ok: 'updated' | 'withdrawn' | 'restored', round: RoundDoc, contribution: ContributionDoc): Reply {
  const text = texts(lang, `input.reply.${ok}`, { title: round.title });
  const undo: Button =
    ok === 'withdrawn'
      ? { label: texts(lang, 'input.button.restore'), action: action(DIALOG, 'restore', { c: String(contribution._id) }) }
      : { label: texts(lang, 'input.button.mine'), action: action(DIALOG, 'mine') };
  return priv(text, { type: 'section', text }, { type: 'buttons', buttons: [undo] });
}

/** Whether the member's party has answered a round yet, and how often. */
export function partyNote(lang: Lang, party: string, count: number): string {
  return texts(lang, 'input.status.party', { party, count });
}

/** A member's part of the dashboard: the rounds open to them, with their party's answers. */
export function memberStatus(lang: Lang, rounds: { round: RoundDoc; answered: number }[], party: string): Element[] {
  return rounds.flatMap(({ round, answered }): Element[] => [
    { type: 'section', text: `${texts(lang, 'input.status.member', { title: round.title, deadline: formatShort(round.deadline, lang) })}\n${partyNote(lang, party, answered)}` },
    { type: 'buttons', buttons: [{ label: texts(lang, 'input.button.answer'), action: action(DIALOG, 'answer', { r: String(round._id) }) }] },
  ]);
}
