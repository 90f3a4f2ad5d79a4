/**
 * The messages the fan-out sends for a round, built per member in their language when each one
 * is sent. A template returns null when the message no longer applies (the round closed, or the
 * member's party has answered meanwhile) — that is how reminders reach only the missing.
 */
import { Party } from '../../models/party.js';
import { Round } from '../../models/round.js';
import type { FanOutTemplate } from '../../src/fanout.js';
import { action } from '../../src/payload.js';
import { formatDateTime } from '../../src/time.js';
import type { Lang, Reply } from '../../src/ui.js';
import type { RoundDoc } from '../../models/round.js';
import { DIALOG } from './ids.js';
import { isOpenNow } from './rules.js';
import { partyHasAnswered, TEMPLATE_CLOSED_EARLY, TEMPLATE_INVITE, TEMPLATE_NOTICE, TEMPLATE_REMIND, TEMPLATE_REOPENED } from './service.js';
import { texts } from './texts.js';

const answerButton = (round: RoundDoc, lang: Lang) => ({
  type: 'buttons' as const,
  buttons: [{ label: texts(lang, 'input.button.answer'), action: action(DIALOG, 'answer', { r: String(round._id) }), style: 'primary' as const }],
});

export function invitation(round: RoundDoc, lang: Lang): Reply {
  const deadline = formatDateTime(round.deadline, lang);
  const head = texts(lang, 'input.notice.invite', { title: round.title });
  const elements: Reply['elements'] = [
    { type: 'section', text: `*${head}*` },
    { type: 'section', text: round.question },
    { type: 'context', text: texts(lang, 'input.notice.inviteFrom', { deadline }) },
    answerButton(round, lang),
  ];
  return { text: `${head}: ${round.question}`, elements };
}

export function roundTemplates(): Record<string, FanOutTemplate> {
  return {
    [TEMPLATE_INVITE]: async (lang, _member, params) => {
      const round = await Round.findById(String(params.round));
      return round && isOpenNow(round) ? invitation(round, lang) : null;
    },
    [TEMPLATE_REMIND]: async (lang, member, params) => {
      const round = await Round.findById(String(params.round));
      if (!round || !isOpenNow(round) || (await partyHasAnswered(round._id, member.party))) return null;
      const party = await Party.findById(member.party);
      const text = texts(lang, 'input.notice.reminder', { party: party?.name ?? '—', title: round.title, deadline: formatDateTime(round.deadline, lang) });
      return { text, elements: [{ type: 'section', text }, { type: 'section', text: round.question }, answerButton(round, lang)] };
    },
    [TEMPLATE_NOTICE]: async (lang, _member, params) => {
      const round = await Round.findById(String(params.round));
      if (!round || !isOpenNow(round)) return null;
      const text = texts(lang, 'input.notice.deadlineMoved', { title: round.title, deadline: formatDateTime(round.deadline, lang) });
      return { text, elements: [{ type: 'section', text }, answerButton(round, lang)] };
    },
    // To the members whose party has not answered; null once it has, or once the round is open
    // again (closed early) or closed again (reopened) before their message went out.
    [TEMPLATE_CLOSED_EARLY]: async (lang, member, params) => {
      const round = await Round.findById(String(params.round));
      if (!round || round.status !== 'closed' || (await partyHasAnswered(round._id, member.party))) return null;
      const text = texts(lang, 'input.notice.closedEarly', { title: round.title });
      return { text, elements: [{ type: 'section', text }] };
    },
    [TEMPLATE_REOPENED]: async (lang, member, params) => {
      const round = await Round.findById(String(params.round));
      if (!round || !isOpenNow(round) || (await partyHasAnswered(round._id, member.party))) return null;
      const text = texts(lang, 'input.notice.reopened', { title: round.title, deadline: formatDateTime(round.deadline, lang) });
      return { text, elements: [{ type: 'section', text }, answerButton(round, lang)] };
    },
  };
}
