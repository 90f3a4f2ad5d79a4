/** The poll as people see it: the channel message, the results, and the voter's own receipts. */
import type { BodyDoc } from '../../models/body.js';
import type { PollDoc } from '../../models/poll.js';
import { bodyName } from '../../src/directory.js';
import { action } from '../../src/payload.js';
import { formatDateTime } from '../../src/time.js';
import type { Bar, Element, Lang, Reply } from '../../src/ui.js';
import { pollKey } from './keys.js';
import type { Participation } from './service.js';
import { maxBordaPoints, type Ballot, type Tally } from './tally.js';
import { texts } from './texts.js';

/** Open answers shown in the channel before pointing to the export (keeps messages within platform limits). */
const MAX_OPEN_SHOWN = 15;

function header(poll: PollDoc, body: BodyDoc, lang: Lang): Element[] {
  const facts = [
    bodyName(body, lang),
    texts(lang, `poll.type.${poll.type}`) +
      (poll.type === 'multiple' && poll.maxChoices && poll.maxChoices < poll.options.length ? ` (${texts(lang, 'poll.card.upTo', { max: poll.maxChoices })})` : ''),
    texts(lang, `poll.voters.${poll.voters}`),
    texts(lang, poll.anonymous ? 'poll.card.anonymous' : 'poll.card.named'),
    poll.state === 'closed' && poll.closedAt
      ? texts(lang, 'poll.card.closedAt', { when: formatDateTime(poll.closedAt, lang) })
      : poll.closesAt
        ? texts(lang, 'poll.card.closesAt', { when: formatDateTime(poll.closesAt, lang) })
        : texts(lang, 'poll.card.noClosingTime'),
  ];
  const els: Element[] = [
    { type: 'section', text: `*${texts(lang, 'poll.card.title', { number: poll.number })}: ${poll.question}*` },
    { type: 'context', text: facts.join(' · ') },
  ];
  if (poll.anonymous) els.push({ type: 'context', text: texts(lang, 'poll.card.anonymousNote') });
  return els;
}

/** The buttons that vote: one tap for single choice and scale; a form for the rest. */
export function voteElements(poll: PollDoc, lang: Lang): Element[] {
  const p = String(poll._id);
  if (poll.type === 'single') {
    return [{ type: 'buttons', buttons: poll.options.map((o) => ({ label: o.label, action: action('poll', 'vote', { p, o: o.id }) })) }];
  }
  if (poll.type === 'scale') {
    return [{ type: 'buttons', buttons: poll.options.map((o) => ({ label: scaleLabel(o.id, o.label), action: action('poll', 'vote', { p, o: o.id }) })) }];
  }
  const label = texts(lang, poll.type === 'ranking' ? 'poll.button.rank' : poll.type === 'open' ? 'poll.button.answer' : 'poll.button.vote');
  return [{ type: 'buttons', buttons: [{ label, action: action('poll', 'open', { p }), style: 'primary' }] }];
}

function scaleLabel(step: string, label: string): string {
  return label && label !== step ? `${step} – ${label}` : step;
}

export function participationLine(p: Participation, lang: Lang): string {
  const line = texts(lang, p.unit === 'parties' ? 'poll.card.participation.parties' : 'poll.card.participation.members', { voted: p.voted, eligible: p.eligible });
  return p.missing.length ? `${line} — ${texts(lang, 'poll.card.missing', { names: p.missing.join(', ') })}` : line;
}

/** The tally elements for each poll type: bars and counts, scale mean, Borda order, open answers. */
export function tallyElements(poll: PollDoc, tally: Tally, lang: Lang): Element[] {
  const bars = (list: Bar[]): Element => ({ type: 'bars', bars: list });
  switch (poll.type) {
    case 'single':
    case 'multiple':
      return [
        bars(tally.counts.map((c) => ({ label: c.label, count: c.count, total: tally.ballots }))),
        { type: 'context', text: texts(lang, 'poll.card.ballots', { n: tally.ballots }) },
      ];
    case 'scale': {
      const els: Element[] = [bars(tally.counts.map((c) => ({ label: scaleLabel(c.id, c.label), count: c.count, total: tally.ballots })))];
      els.push({ type: 'section', text: tally.mean === null ? texts(lang, 'poll.card.noAnswers') : texts(lang, 'poll.card.mean', { mean: tally.mean, n: tally.ballots }) });
      return els;
    }
    case 'ranking': {
      const top = Math.max(0, poll.options.length - 1);
      const rows = tally.borda.map((r, i) => texts(lang, 'poll.card.bordaRow', { rank: i + 1, label: r.label, points: r.points }));
      return [
        { type: 'section', text: `${texts(lang, 'poll.card.bordaTitle', { top })}\n${rows.join('\n')}` },
        bars(tally.borda.map((r) => ({ label: r.label, count: r.points, total: maxBordaPoints(tally.ballots, poll.options.length) }))),
        { type: 'context', text: texts(lang, 'poll.card.ballots', { n: tally.ballots }) },
      ];
    }
    case 'open': {
      if (!tally.answers.length) return [{ type: 'section', text: texts(lang, 'poll.card.noAnswers') }];
      const list = (items: string[]) => {
        const shown = items.slice(0, MAX_OPEN_SHOWN).map((s) => `• ${s.replace(/\s+/g, ' ').slice(0, 280)}`);
        if (items.length > MAX_OPEN_SHOWN) shown.push(texts(lang, 'poll.card.moreInExport', { n: items.length - MAX_OPEN_SHOWN }));
        return shown.join('\n');
      };
      const pros = tally.answers.map((a) => a.pros).filter(Boolean);
      const cons = tally.answers.map((a) => a.cons).filter(Boolean);
      const els: Element[] = [];
      if (pros.length) els.push({ type: 'section', text: `*${texts(lang, 'poll.card.pros')}*\n${list(pros)}` });
      if (cons.length) els.push({ type: 'section', text: `*${texts(lang, 'poll.card.cons')}*\n${list(cons)}` });
      return els;
    }
  }
}

/** The message in the body's channel, updated in place as votes come in and at close. */
export function channelMessage(poll: PollDoc, body: BodyDoc, tally: Tally, part: Participation, lang: Lang): Reply {
  const els: Element[] = header(poll, body, lang);
  const open = poll.state === 'open';
  if (open) els.push(...voteElements(poll, lang));
  if (poll.state === 'closed' || poll.results === 'live') els.push({ type: 'divider' }, ...tallyElements(poll, tally, lang));
  else els.push({ type: 'context', text: texts(lang, poll.results === 'after_vote' ? 'poll.card.hiddenUntilVote' : 'poll.card.hiddenUntilClose') });
  els.push({ type: 'context', text: participationLine(part, lang) });
  return { text: `${texts(lang, 'poll.card.title', { number: poll.number })}: ${poll.question}`, elements: els, updateKey: pollKey(poll._id) };
}

/** The poll as one member sees it privately (listing, reminder): the vote buttons and what they may see. */
export function memberView(poll: PollDoc, body: BodyDoc, tally: Tally | null, part: Participation, lang: Lang, intro?: string): Reply {
  const els: Element[] = [];
  if (intro) els.push({ type: 'section', text: intro });
  els.push(...header(poll, body, lang));
  if (poll.state === 'open') els.push(...voteElements(poll, lang));
  if (tally) els.push({ type: 'divider' }, ...tallyElements(poll, tally, lang));
  els.push({ type: 'context', text: participationLine(part, lang) });
  return { text: intro ?? `${texts(lang, 'poll.card.title', { number: poll.number })}: ${poll.question}`, elements: els, visibility: 'private' };
}

export function resultsMessage(poll: PollDoc, body: BodyDoc, tally: Tally, part: Participation, lang: Lang): Reply {
  const title = texts(lang, 'poll.card.resultsTitle', { question: poll.question });
  const els: Element[] = [
    { type: 'section', text: `*${title}*` },
    { type: 'context', text: `${texts(lang, 'poll.card.title', { number: poll.number })} · ${bodyName(body, lang)} · ${texts(lang, `poll.type.${poll.type}`)}` },
    ...tallyElements(poll, tally, lang),
    { type: 'context', text: participationLine(part, lang) },
  ];
  return { text: title, elements: els };
}

/** How a voter's own choice reads back to them. */
export function describeBallot(poll: PollDoc, b: Ballot, lang: Lang): string {
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? id;
  switch (poll.type) {
    case 'single':
    case 'multiple':
      return b.choices.map((c) => `«${label(c)}»`).join(', ');
    case 'scale':
      return b.scale === null ? '' : `«${scaleLabel(String(b.scale), label(String(b.scale)))}»`;
    case 'ranking':
      return b.choices.map((c, i) => `${i + 1}. ${label(c)}`).join(', ');
    case 'open':
      return texts(lang, 'poll.vote.openAnswer');
  }
}

export function exportOffer(poll: PollDoc, body: BodyDoc, lang: Lang): Reply {
  const text = texts(lang, 'poll.export.offer', { number: poll.number, question: poll.question, body: bodyName(body, lang) });
  const p = String(poll._id);
  const els: Element[] = [{ type: 'section', text }];
  if (poll.anonymous) els.push({ type: 'context', text: texts(lang, 'poll.export.anonymous') });
  els.push({
    type: 'buttons',
    buttons: [
      { label: texts(lang, 'poll.button.exportCsv'), action: action('poll', 'export', { p, f: 'csv' }) },
      { label: texts(lang, 'poll.button.exportXlsx'), action: action('poll', 'export', { p, f: 'xlsx' }) },
    ],
  });
  return { text, elements: els };
}

/** The button that closes the poll by hand, for those who may. */
export function closeButton(poll: PollDoc, lang: Lang): Element {
  return { type: 'buttons', buttons: [{ label: texts(lang, 'poll.button.close'), action: action('poll', 'close', { p: String(poll._id) }), style: 'danger' }] };
}

/** What the voter is told once the vote is in: the receipt, the tally when it is theirs to see, and a way to add a reason. */
export function voteReceipt(poll: PollDoc, text: string, tally: Tally | null, lang: Lang): Reply {
  const els: Element[] = [{ type: 'section', text }];
  if (tally) els.push({ type: 'divider' }, ...tallyElements(poll, tally, lang));
  if (poll.type === 'single' || poll.type === 'scale') {
    els.push({ type: 'buttons', buttons: [{ label: texts(lang, 'poll.button.reason'), action: action('poll', 'open', { p: String(poll._id) }) }] });
  }
  return { text, elements: els, visibility: 'private' };
}

/** Which body the new poll is for, when the member leads more than the channel tells. */
export function pickBody(bodies: BodyDoc[], lang: Lang): Reply {
  const text = texts(lang, 'poll.reply.pickBody');
  return {
    text,
    elements: [
      { type: 'section', text },
      { type: 'buttons', buttons: bodies.map((b) => ({ label: b.short, action: action('poll', 'pick', { b: String(b._id) }) })) },
    ],
    visibility: 'private',
  };
}

/** The creator's confirmation, with the button that closes the poll. */
export function created(poll: PollDoc, text: string, lang: Lang): Reply {
  return { text, elements: [{ type: 'section', text }, closeButton(poll, lang)], visibility: 'private' };
}

export function exportLink(url: string, format: 'csv' | 'xlsx', minutes: number, lang: Lang): Reply {
  const text = texts(lang, 'poll.export.link', { minutes });
  const label = texts(lang, 'poll.button.download', { format: format === 'xlsx' ? 'Excel' : 'CSV' });
  return {
    text,
    elements: [
      { type: 'section', text },
      { type: 'links', links: [{ label, url }] },
    ],
    visibility: 'private',
  };
}
