/**
 * What a member sees on the walk through a strategy version: one section at a time with a stance
 * in one tap, a comment or proposed wording in a form, next / previous / skip / jump, and the end
 * with the general comment. Views only: walk-steps.ts reads and saves, then renders with these.
 */
import { GENERAL, STANCES, type FeedbackDoc } from '../../models/feedback.js';
import type { VersionDoc } from '../../models/strategy.js';
import { action, openFormAction } from '../../src/payload.js';
import { formatDateTime } from '../../src/time.js';
import type { Button, Element, Lang, Reply } from '../../src/ui.js';
import type { StrategyError } from './errors.js';
import { feedbackForm, generalForm } from './form-specs.js';
import { D } from './ids.js';
import { splitText, toChatText } from './markdown.js';
import { answeredCount, changeSince, hasContent, isOpen } from './rules.js';
import { texts } from './texts.js';
import { BLOCK_CHARS, answerText, clip, errorText, priv, stanceLabel, vid } from './words.js';

type Mine = Map<string, FeedbackDoc>;

export function nothingOpenReply(lang: Lang, admin: boolean): Reply {
  return priv(texts(lang, admin ? 'strategy.reply.nothingOpenAdmin' : 'strategy.reply.nothingOpen'));
}

export function chooseVersionReply(lang: Lang, open: VersionDoc[]): Reply {
  const text = texts(lang, 'strategy.reply.chooseVersion');
  const buttons: Button[] = open
    .slice(0, 5)
    .map((v) => ({ label: texts(lang, 'strategy.button.giveFeedback', { title: v.title, label: v.label }), action: action(D, 'go', { v: vid(v) }) }));
  return {
    text,
    elements: [
      { type: 'section', text },
      { type: 'buttons', buttons },
    ],
    visibility: 'private',
  };
}

/** The first showing of a version: what it is and how the walk works. */
export function introNotices(lang: Lang, v: VersionDoc): string[] {
  const notices = [texts(lang, 'strategy.reply.intro', { title: v.title, label: v.label, total: v.sections.length, date: formatDateTime(v.deadline!, lang) })];
  if (v.intro) notices.push(toChatText(v.intro));
  return notices;
}

/** When a version is not open any more: the message, and a way to the version that is. */
export function notOpenReply(lang: Lang, v: VersionDoc, e: StrategyError, newer: VersionDoc | null): Reply {
  const lines = [errorText(lang, v, e)];
  const elements: Element[] = [];
  if (newer && isOpen(newer)) {
    lines.push(texts(lang, 'strategy.error.newerOpen', { label: newer.label }));
    elements.push({
      type: 'buttons',
      buttons: [{ label: texts(lang, 'strategy.button.giveFeedback', { title: newer.title, label: newer.label }), action: action(D, 'go', { v: vid(newer) }), style: 'primary' }],
    });
  }
  const text = lines.join(' ');
  return { text, elements: [{ type: 'section', text }, ...elements], visibility: 'private' };
}

export function sectionReply(lang: Lang, v: VersionDoc, i: number, mine: Mine, prev: VersionDoc | null, notices: string[]): Reply {
  const s = v.sections[i]!;
  const f = mine.get(s.key);
  const elements: Element[] = notices.filter(Boolean).map((n) => ({ type: 'context' as const, text: n }));
  elements.push({ type: 'section', text: `*${s.heading}*` });
  const meta = [
    texts(lang, 'strategy.card.sectionOf', { n: i + 1, total: v.sections.length }),
    `${v.title} (${v.label})`,
    texts(lang, 'strategy.card.deadline', { date: formatDateTime(v.deadline!, lang) }),
  ];
  if (prev) meta.push(texts(lang, 'strategy.card.change', { change: changeSince(prev, s), label: prev.label }));
  elements.push({ type: 'context', text: meta.join(' · ') });
  for (const piece of splitText(toChatText(s.body) || '—', BLOCK_CHARS)) elements.push({ type: 'section', text: piece });
  elements.push({ type: 'context', text: hasContent(f) ? texts(lang, 'strategy.card.yourAnswer', { answer: answerText(f!, lang) }) : texts(lang, 'strategy.card.noAnswer') });

  elements.push({
    type: 'buttons',
    buttons: STANCES.map((st) => ({
      label: stanceLabel(st, lang),
      action: action(D, 'st', { v: vid(v), k: s.key, st }),
      ...(f?.stance === st ? { style: 'primary' as const } : {}),
    })),
  });
  const nav: Button[] = [{ label: texts(lang, 'strategy.button.comment'), action: openFormAction(feedbackForm({ lang }, v, s.key, f)) }];
  if (i > 0) nav.push({ label: texts(lang, 'strategy.button.previous'), action: action(D, 'pv', { v: vid(v), k: s.key }) });
  nav.push({ label: texts(lang, hasContent(f) ? 'strategy.button.next' : 'strategy.button.skip'), action: action(D, 'nx', { v: vid(v), k: s.key }) });
  nav.push({ label: texts(lang, 'strategy.button.pause'), action: action(D, 'pause', { v: vid(v) }) });
  elements.push({ type: 'buttons', buttons: nav });
  elements.push(jumpSelect(v, mine, lang));

  const text = [...notices, `${s.heading} (${texts(lang, 'strategy.card.sectionOf', { n: i + 1, total: v.sections.length })})`].join('\n');
  return { text, elements };
}

function jumpSelect(v: VersionDoc, mine: Mine, lang: Lang): Element {
  const options = v.sections.map((s, i) => ({ value: s.key, label: clip(`${hasContent(mine.get(s.key)) ? '✓' : '○'} ${i + 1}. ${s.heading}`, 75) }));
  options.push({ value: GENERAL, label: `${hasContent(mine.get(GENERAL)) ? '✓' : '○'} ${texts(lang, 'strategy.button.general')}` });
  return { type: 'select', label: texts(lang, 'strategy.button.jump'), options, action: action(D, 'jp', { v: vid(v) }) };
}

/** After the last section: what was answered, and the general comment. */
export function endReply(lang: Lang, v: VersionDoc, mine: Mine, notices: string[]): Reply {
  const answered = answeredCount(v, mine);
  const general = mine.get(GENERAL);
  const head = texts(lang, 'strategy.card.endTitle', { total: v.sections.length, answered });
  const elements: Element[] = notices.map((n) => ({ type: 'context' as const, text: n }));
  elements.push({ type: 'section', text: `*${head}*\n${texts(lang, 'strategy.card.endGeneral')}` });
  if (general?.comment) elements.push({ type: 'section', text: texts(lang, 'strategy.card.yourGeneral', { text: general.comment }) });
  elements.push({
    type: 'buttons',
    buttons: [
      { label: texts(lang, 'strategy.button.general'), action: openFormAction(generalForm({ lang }, v, general)), style: 'primary' },
      { label: texts(lang, 'strategy.button.previous'), action: action(D, 'pv', { v: vid(v), k: GENERAL }) },
      { label: texts(lang, 'strategy.button.mine'), action: action(D, 'mine', { v: vid(v) }) },
      { label: texts(lang, 'strategy.button.finish'), action: action(D, 'done', { v: vid(v) }) },
    ],
  });
  elements.push(jumpSelect(v, mine, lang));
  return { text: [...notices, head].join('\n'), elements };
}

/** The member's own answers, section by section. */
export function mineReply(lang: Lang, v: VersionDoc, mine: Mine): Reply {
  const lines = v.sections.map((s, i) => {
    const f = mine.get(s.key);
    return `${i + 1}. *${s.heading}*: ${hasContent(f) ? answerText(f!, lang) : '—'}`;
  });
  const g = mine.get(GENERAL);
  if (g?.comment) lines.push(`*${texts(lang, 'strategy.button.general')}*: «${clip(g.comment, 300)}»`);
  const title = texts(lang, 'strategy.card.mineTitle', { title: v.title, label: v.label });
  const elements: Element[] = [{ type: 'section', text: `*${title}*` }];
  for (const piece of splitText(lines.join('\n'), BLOCK_CHARS)) elements.push({ type: 'section', text: piece });
  if (isOpen(v)) elements.push({ type: 'buttons', buttons: [{ label: texts(lang, 'strategy.button.continue'), action: action(D, 'go', { v: vid(v) }) }] });
  return { text: [title, ...lines].join('\n'), elements, visibility: 'private' };
}

const deadlineOf = (v: VersionDoc, lang: Lang) => (v.deadline ? formatDateTime(v.deadline, lang) : '');

export function pausedReply(lang: Lang, v: VersionDoc): Reply {
  return priv(texts(lang, 'strategy.reply.paused', { date: deadlineOf(v, lang) }));
}

export function finishedReply(lang: Lang, v: VersionDoc): Reply {
  return priv(texts(lang, 'strategy.reply.finished', { date: deadlineOf(v, lang) }));
}
