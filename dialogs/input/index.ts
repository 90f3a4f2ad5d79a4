/**
 * «innspel» / «innspill» / «input»: input rounds. The secretariat opens a round, follows it and
 * closes it; members answer in a DM, edit or withdraw their own, or send free input to a body
 * when no round is open for them.
 */
import { Body } from '../../models/body.js';
import { Contribution } from '../../models/contribution.js';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import type { PartyType } from '../../models/party.js';
import type { RoundDoc } from '../../models/round.js';
import { Round } from '../../models/round.js';
import { canAdminister, require } from '../../src/permissions.js';
import type { Dialog, DialogContext, StepResult } from '../../src/dialog.js';
import type { CleanValues } from '../../src/forms.js';
import { coreTexts } from '../../src/texts.js';
import { formatDateTime, formatShort } from '../../src/time.js';
import type { Element, Form, Reply } from '../../src/ui.js';
import { FREE_EXPORT_KIND, roundExports } from './exports.js';
import { answerForm, answerValues, currentDeadlineValue, deadlineForm, DIALOG, editForm, freeForm, openRoundForm } from './forms.js';
import { roundJobs } from './jobs.js';
import { DEFAULT_REMINDERS } from './reminders.js';
import { audienceMembers } from '../../src/audience.js';
import { action } from '../../src/payload.js';
import {
  answeredParties,
  changeDeadline,
  changeOwn,
  closeRound,
  contribute,
  contributeFree,
  contributionSerial,
  createRound,
  findRound,
  isOpenNow,
  MAX_THEME_LENGTH,
  MAX_THEMES,
  openRoundsFor,
  parseThemes,
  remindNow,
  roundById,
  roundMembers,
  roundProgress,
  type ContributionInput,
} from './service.js';
import { roundCard, stateOf, summaryCard } from './views.js';
import { roundTemplates } from './templates.js';
import { t } from './texts.js';

const SUB: Record<string, string> = {
  ny: 'new', new: 'new',
  status: 'status',
  påminn: 'remind', minn: 'remind', purr: 'remind', remind: 'remind',
  sammendrag: 'summary', samandrag: 'summary', oppsummering: 'summary', summary: 'summary',
  mine: 'mine', my: 'mine',
  frie: 'free', fritt: 'free', free: 'free',
  steng: 'close', lukk: 'close', close: 'close',
  frist: 'deadline', forleng: 'deadline', extend: 'deadline', deadline: 'deadline',
  gjenåpne: 'reopen', gjenopne: 'reopen', reopen: 'reopen',
};

const priv = (text: string, ...elements: Element[]): Reply => ({ text, elements: elements.length ? elements : [{ type: 'section', text }], visibility: 'private' });
const formReply = (f: Form): Reply => ({ text: f.title, elements: [{ type: 'form', form: f }], visibility: 'private' });
const done = (...replies: Reply[]): StepResult => ({ replies });

function asList(v: CleanValues[string]): string[] {
  return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
}

/** What a member typed into an answer form, with theme choices turned back into the round's themes. */
function contributionFrom(values: CleanValues, round: RoundDoc | null): ContributionInput {
  const themes = asList(values.themes)
    .map((v) => round?.themes[Number(v.slice(1))])
    .filter((x): x is string => Boolean(x));
  return { text: String(values.text ?? ''), themes, priorityGroups: asList(values.groups) };
}

async function partyName(ctx: DialogContext): Promise<string> {
  return (await Party.findById(ctx.member.party))?.name ?? '—';
}

// ───────────────────────── members ─────────────────────────

/** «innspel» for a member: the one open round's form directly, a choice of rounds, or free input. */
async function memberEntry(ctx: DialogContext): Promise<StepResult> {
  const rounds = await openRoundsFor(ctx.member);
  if (rounds.length === 1) return showAnswerForm(ctx, rounds[0]!);
  if (rounds.length > 1) return done(await roundChoice(ctx, rounds, false));
  return done(formReply(await freeForm(ctx.community, ctx.lang, await contributionSerial(ctx.member, null))));
}

async function roundChoice(ctx: DialogContext, rounds: RoundDoc[], shared: boolean): Promise<Reply> {
  const head = t(ctx.lang, shared ? 'pickRound' : 'yourRounds');
  const lines = rounds.map((r) => `• ${t(ctx.lang, 'roundLine', { title: r.title, deadline: formatDateTime(r.deadline, ctx.lang) })}`);
  return priv(
    head,
    { type: 'section', text: `${head}\n${lines.join('\n')}` },
    { type: 'buttons', buttons: rounds.slice(0, 5).map((r) => ({ label: r.title.slice(0, 60), action: action(DIALOG, 'answer', shared ? { r: String(r._id), m: 1 } : { r: String(r._id) }) })) },
  );
}

/** Why a member cannot answer a round now, or null when they can. */
async function cannotAnswer(ctx: DialogContext, round: RoundDoc): Promise<string | null> {
  if (round.status === 'scheduled') return t(ctx.lang, 'notOpenYet', { title: round.title, opens: formatDateTime(round.opensAt, ctx.lang) });
  if (!isOpenNow(round)) return t(ctx.lang, 'errClosed', { title: round.title, closed: formatShort(round.closedAt ?? round.deadline, ctx.lang) });
  const members = await roundMembers(round);
  if (!members.some((m) => String(m._id) === String(ctx.member._id))) return t(ctx.lang, 'errNotAudience', { title: round.title });
  return null;
}

async function showAnswerForm(ctx: DialogContext, round: RoundDoc, text?: string): Promise<StepResult> {
  const why = await cannotAnswer(ctx, round);
  if (why) return done(priv(why));
  const form = answerForm(round, ctx.lang, await contributionSerial(ctx.member, round._id));
  if (text) form.values = answerValues(round, { text });
  const answered = (await answeredParties(round._id)).has(String(ctx.member.party));
  const count = answered ? await Contribution.countDocuments({ round: round._id, party: ctx.member.party, status: 'active' }) : 0;
  const party = await partyName(ctx);
  const note = t(ctx.lang, answered ? 'partyAnswered' : 'partyMissing', { party, count });
  form.intro = `${form.intro}\n${note}`;
  return { replies: [formReply(form)], state: text ? null : undefined };
}

/** A message shortcut (Slack) or message action (Teams): the message becomes the text of a contribution. */
async function fromMessage(ctx: DialogContext): Promise<StepResult> {
  // The core has already refused a message with an identity number (src/bot.ts).
  const text = (ctx.text ?? '').trim();
  const rounds = await openRoundsFor(ctx.member);
  if (rounds.length === 1) return showAnswerForm(ctx, rounds[0]!, text);
  if (rounds.length > 1) return { replies: [await roundChoice(ctx, rounds, true)], state: { shared: text } };
  const form = await freeForm(ctx.community, ctx.lang, await contributionSerial(ctx.member, null));
  form.values = { text };
  return done(formReply(form));
}

async function mine(ctx: DialogContext): Promise<StepResult> {
  const open = await Round.find({ community: ctx.community._id, status: 'open', deadline: { $gt: new Date() } });
  const byId = new Map(open.map((r) => [String(r._id), r]));
  const list = await Contribution.find({ community: ctx.community._id, member: ctx.member._id, round: { $in: open.map((r) => r._id) } }).sort({ createdAt: 1 });
  if (!list.length) return done(priv(t(ctx.lang, 'mineNone')));
  const elements: Element[] = [{ type: 'section', text: `*${t(ctx.lang, 'mineHead')}*` }];
  for (const c of list.slice(0, 10)) {
    const round = byId.get(String(c.round))!;
    const shown = c.text.length > 200 ? `${c.text.slice(0, 197)}…` : c.text;
    elements.push({ type: 'section', text: `*${round.title}* (${formatShort(c.createdAt, ctx.lang)})${c.status === 'withdrawn' ? ` — _${t(ctx.lang, 'btnWithdraw').toLowerCase()}_` : ''}\n${shown}` });
    elements.push({
      type: 'buttons',
      buttons:
        c.status === 'withdrawn'
          ? [{ label: t(ctx.lang, 'btnRestore'), action: action(DIALOG, 'restore', { c: String(c._id) }) }]
          : [
              { label: t(ctx.lang, 'btnEdit'), action: action(DIALOG, 'edit', { c: String(c._id) }) },
              { label: t(ctx.lang, 'btnWithdraw'), action: action(DIALOG, 'withdraw', { c: String(c._id) }), style: 'danger' },
            ],
    });
  }
  return done(priv(t(ctx.lang, 'mineHead'), ...elements));
}

async function submitAnswer(ctx: DialogContext, values: CleanValues, args: Record<string, unknown>): Promise<StepResult> {
  const round = await roundById(ctx.community._id, args.r);
  if (!round) return { replies: [], errors: { _form: coreTexts(ctx.lang, 'expiredAction') } };
  const input = contributionFrom(values, round);
  const r = await contribute(round, ctx.member, input, String(args.n ?? 0));
  if (r.kind === 'closed' || r.kind === 'not_open_yet') return { replies: [], errors: { _form: (await cannotAnswer(ctx, round))! } };
  if (r.kind === 'not_audience') return { replies: [], errors: { _form: t(ctx.lang, 'errNotAudience', { title: round.title }) } };
  if (r.kind === 'duplicate') return done(priv(t(ctx.lang, 'alreadySaved')));
  const text = t(ctx.lang, 'thanks', { title: round.title, party: await partyName(ctx), deadline: formatDateTime(round.deadline, ctx.lang) });
  return done(
    priv(text, { type: 'section', text }, {
      type: 'buttons',
      buttons: [
        { label: t(ctx.lang, 'btnAnother'), action: action(DIALOG, 'answer', { r: String(round._id) }) },
        { label: t(ctx.lang, 'btnMine'), action: action(DIALOG, 'mine') },
      ],
    }),
  );
}

async function changeResult(ctx: DialogContext, r: Awaited<ReturnType<typeof changeOwn>>, ok: 'updated' | 'withdrawn' | 'restored'): Promise<StepResult> {
  if (r.kind === 'missing') return done(priv(coreTexts(ctx.lang, 'expiredAction')));
  if (r.kind === 'not_yours') return done(priv(t(ctx.lang, 'notYours')));
  if (r.kind === 'closed') return done(priv(t(ctx.lang, 'tooLate', { title: r.round?.title ?? '' })));
  const text = t(ctx.lang, ok, { title: r.round!.title });
  const undo =
    ok === 'withdrawn'
      ? { label: t(ctx.lang, 'btnRestore'), action: action(DIALOG, 'restore', { c: String(r.contribution!._id) }) }
      : { label: t(ctx.lang, 'btnMine'), action: action(DIALOG, 'mine') };
  return done(priv(text, { type: 'section', text }, { type: 'buttons', buttons: [undo] }));
}

// ───────────────────────── secretariat ─────────────────────────

async function roundFor(ctx: DialogContext, no: string): Promise<RoundDoc | StepResult> {
  const round = await findRound(ctx.community._id, no || undefined);
  if (round) return round;
  return done(priv(t(ctx.lang, no ? 'unknownRound' : 'noRounds', { no })));
}

async function overview(ctx: DialogContext): Promise<StepResult> {
  const rounds = await Round.find({ community: ctx.community._id }).sort({ no: -1 }).limit(8);
  const newButton = { type: 'buttons' as const, buttons: [{ label: t(ctx.lang, 'btnNew'), action: action(DIALOG, 'new'), style: 'primary' as const }] };
  if (!rounds.length) return done(priv(t(ctx.lang, 'noRounds'), { type: 'section', text: t(ctx.lang, 'noRounds') }, newButton));
  const elements: Element[] = [{ type: 'section', text: `*${t(ctx.lang, 'overview')}*` }];
  for (const r of rounds) {
    const state = stateOf(ctx, r);
    elements.push({ type: 'section', text: `${r.no}. *${r.title}* — ${state}` });
  }
  elements.push({ type: 'buttons', buttons: rounds.slice(0, 4).map((r) => ({ label: `${t(ctx.lang, 'btnStatus')} ${r.no}`, action: action(DIALOG, 'status', { r: String(r._id) }) })) });
  elements.push(newButton, { type: 'context', text: t(ctx.lang, 'usage') });
  return done(priv(t(ctx.lang, 'overview'), ...elements));
}

async function submitOpen(ctx: DialogContext, v: CleanValues): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const errors: Record<string, string> = {};
  const themes = parseThemes(typeof v.themes === 'string' ? v.themes : undefined);
  if (themes.length > MAX_THEMES || themes.some((th) => th.length > MAX_THEME_LENGTH)) {
    errors.themes = t(ctx.lang, 'errTooManyThemes', { max: MAX_THEMES, len: MAX_THEME_LENGTH });
  }
  const bodyKeys = asList(v.bodies);
  const partyTypes = asList(v.partyTypes) as PartyType[];
  if (!bodyKeys.length && !partyTypes.length) errors._form = t(ctx.lang, 'errNoAudience');
  const now = new Date();
  const opensAt = v.opens instanceof Date ? v.opens : null;
  const deadline = v.deadline as Date;
  if (deadline <= now) errors.deadline = t(ctx.lang, 'errDeadlinePast');
  else if (opensAt && deadline <= opensAt) errors.deadline = t(ctx.lang, 'errDeadlineBeforeOpen');
  if (Object.keys(errors).length) return { replies: [], errors };
  const bodies = await Body.find({ community: ctx.community._id, key: { $in: bodyKeys } });
  const reminderChoice = asList(v.reminders);
  const reminders = reminderChoice.includes('none') ? [] : reminderChoice.length ? reminderChoice : DEFAULT_REMINDERS;
  const audience = { bodies: bodies.map((b) => b._id), partyTypes };
  // An audience nobody is in would open a round no one hears of.
  if (!(await audienceMembers(ctx.community._id, audience)).length) return { replies: [], errors: { _form: t(ctx.lang, 'errEmptyAudience') } };
  const r = await createRound(ctx.services, {
    community: ctx.community._id,
    createdBy: ctx.member,
    title: String(v.title),
    question: String(v.question),
    themes,
    audience,
    opensAt,
    deadline,
    reminders,
  });
  const vars = {
    no: r.round.no,
    title: r.round.title,
    members: r.members,
    parties: r.parties,
    deadline: formatDateTime(r.round.deadline, ctx.lang),
    opens: formatDateTime(r.round.opensAt, ctx.lang),
  };
  const text = t(ctx.lang, r.round.status === 'open' ? 'opened' : 'scheduled', vars);
  return done(priv(text, { type: 'section', text }, { type: 'buttons', buttons: [{ label: t(ctx.lang, 'btnStatus'), action: action(DIALOG, 'status', { r: String(r.round._id) }) }] }));
}

async function remind(ctx: DialogContext, round: RoundDoc): Promise<StepResult> {
  require(canAdminister(ctx.member));
  if (!isOpenNow(round)) return done(priv(t(ctx.lang, 'notOpen', { title: round.title })));
  const r = await remindNow(ctx.services, round, ctx.member);
  return done(priv(r.members ? t(ctx.lang, 'reminded', r) : t(ctx.lang, 'nobodyMissing')));
}

async function confirmClose(ctx: DialogContext, round: RoundDoc): Promise<StepResult> {
  require(canAdminister(ctx.member));
  if (round.status === 'closed') return done(priv(t(ctx.lang, 'alreadyClosed', { title: round.title })));
  const text = t(ctx.lang, 'confirmClose', { title: round.title });
  return done(
    priv(text, { type: 'section', text }, {
      type: 'buttons',
      buttons: [{ label: t(ctx.lang, 'btnConfirmClose'), action: action(DIALOG, 'close-yes', { r: String(round._id) }), style: 'danger' }],
    }),
  );
}

async function doClose(ctx: DialogContext, round: RoundDoc): Promise<StepResult> {
  require(canAdminister(ctx.member));
  if (round.status === 'scheduled') {
    // A round that never opened is simply closed; no one was invited.
    await Round.updateOne({ _id: round._id, status: 'scheduled' }, { $set: { status: 'open' } });
  }
  const closed = await closeRound(ctx.services, round, ctx.member);
  if (!closed) return done(priv(t(ctx.lang, 'alreadyClosed', { title: round.title })));
  const fresh = (await Round.findById(round._id))!;
  return done(await roundCard(ctx, fresh, 'closed'));
}

async function deadlineFormReply(ctx: DialogContext, round: RoundDoc): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const f = deadlineForm(round, ctx.lang);
  f.values = currentDeadlineValue(round);
  return done(formReply(f));
}

async function submitDeadline(ctx: DialogContext, v: CleanValues, args: Record<string, unknown>): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const round = await roundById(ctx.community._id, args.r);
  if (!round) return { replies: [], errors: { _form: coreTexts(ctx.lang, 'expiredAction') } };
  const deadline = v.deadline as Date;
  if (deadline <= new Date()) return { replies: [], errors: { deadline: t(ctx.lang, 'errDeadlinePast') } };
  const r = await changeDeadline(ctx.services, round, ctx.member, deadline);
  const text = t(ctx.lang, r.reopened ? 'reopenedSaved' : 'deadlineSaved', { title: round.title, deadline: formatDateTime(deadline, ctx.lang) });
  return done(priv(text, { type: 'section', text }, { type: 'buttons', buttons: [{ label: t(ctx.lang, 'btnStatus'), action: action(DIALOG, 'status', { r: String(round._id) }) }] }));
}

async function freeList(ctx: DialogContext): Promise<StepResult> {
  require(canAdminister(ctx.member));
  const list = await Contribution.find({ community: ctx.community._id, round: null, status: 'active' }).sort({ createdAt: -1 }).limit(15);
  if (!list.length) return done(priv(t(ctx.lang, 'freeNone')));
  const members = new Map((await Member.find({ _id: { $in: list.map((c) => c.member) } })).map((m) => [String(m._id), m.name]));
  const parties = new Map((await Party.find({ community: ctx.community._id })).map((p) => [String(p._id), p.name]));
  const bodies = new Map((await Body.find({ community: ctx.community._id })).map((b) => [String(b._id), b.name[ctx.lang]]));
  const lines = list.map((c) =>
    t(ctx.lang, 'freeItem', {
      time: formatShort(c.createdAt, ctx.lang),
      author: members.get(String(c.member)) ?? '—',
      party: parties.get(String(c.party)) ?? '—',
      body: bodies.get(String(c.body)) ?? '—',
      text: c.text.length > 300 ? `${c.text.slice(0, 297)}…` : c.text,
    }),
  );
  // The list shows the newest few; the export holds all of it, for reading or sorting in a sheet.
  const link = (format: 'csv' | 'xlsx') =>
    ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: FREE_EXPORT_KIND, format, params: { lang: ctx.lang } });
  const exportText = t(ctx.lang, 'freeExport', { minutes: Math.round(ctx.services.config.EXPORT_LINK_TTL_SECONDS / 60) });
  const exportLinks = { type: 'links' as const, links: [{ label: 'CSV', url: await link('csv') }, { label: 'Excel', url: await link('xlsx') }] };
  return done(
    priv(
      [t(ctx.lang, 'freeHead'), ...lines, exportText].join('\n'),
      { type: 'section', text: `*${t(ctx.lang, 'freeHead')}*` },
      ...lines.map((l) => ({ type: 'section' as const, text: l })),
      { type: 'divider' },
      { type: 'section', text: exportText },
      exportLinks,
    ),
  );
}

/** The secretariat's steps on one round, the same whether typed («innspel påminn 3») or tapped. */
async function roundStep(ctx: DialogContext, round: RoundDoc, step: string): Promise<StepResult> {
  switch (step) {
    case 'status':
      return done(await roundCard(ctx, round));
    case 'remind':
      return remind(ctx, round);
    case 'summary':
      return done(await summaryCard(ctx, round));
    case 'close':
      return confirmClose(ctx, round);
    default:
      return deadlineFormReply(ctx, round);
  }
}

// ───────────────────────── the dialog ─────────────────────────

export const inputDialog: Dialog = {
  id: DIALOG,
  commands: { nb: ['innspill', 'runde'], nn: ['innspel', 'innspelsrunde'], en: ['input', 'round'] },

  helpLine(ctx) {
    const word = ctx.lang === 'en' ? 'input' : ctx.lang === 'nn' ? 'innspel' : 'innspill';
    return `• *${word}*: ${t(ctx.lang, canAdminister(ctx.member) ? 'helpSecretariat' : 'help')}`;
  },

  async command(ctx, args) {
    const [first = '', ...rest] = args.split(/\s+/).filter(Boolean);
    const sub = SUB[first.toLowerCase()] ?? (first ? 'unknown' : '');
    const no = rest.join(' ').trim();
    const admin = canAdminister(ctx.member);
    if (sub === '') return admin ? overview(ctx) : memberEntry(ctx);
    if (sub === 'mine') return mine(ctx);
    if (sub === 'free') return admin ? freeList(ctx) : done(formReply(await freeForm(ctx.community, ctx.lang, await contributionSerial(ctx.member, null))));
    if (sub === 'unknown') return done(priv(t(ctx.lang, admin ? 'usage' : 'help')));
    if (!admin && sub !== 'status') require(false);
    if (sub === 'new') return done(formReply(await openRoundForm(ctx.community, ctx.lang)));
    if (sub === 'status' && !admin) {
      const elements = await inputDialog.status!(ctx);
      return done(elements.length ? priv(t(ctx.lang, 'yourRounds'), { type: 'section', text: `*${t(ctx.lang, 'yourRounds')}*` }, ...elements) : priv(t(ctx.lang, 'noRound')));
    }
    const round = await roundFor(ctx, no);
    if (!('_id' in round)) return round;
    return roundStep(ctx, round, sub);
  },

  async action(ctx, p) {
    const a = p.a ?? {};
    switch (p.s) {
      case 'answer': {
        const round = await roundById(ctx.community._id, a.r);
        if (!round) return done(priv(coreTexts(ctx.lang, 'expiredAction')));
        const shared = a.m && typeof ctx.state?.shared === 'string' ? ctx.state.shared : undefined;
        return showAnswerForm(ctx, round, shared);
      }
      case 'from-message':
        return fromMessage(ctx);
      case 'mine':
        return mine(ctx);
      case 'free':
        return done(formReply(await freeForm(ctx.community, ctx.lang, await contributionSerial(ctx.member, null))));
      case 'edit': {
        const c = await Contribution.findOne({ _id: String(a.c), community: ctx.community._id, member: ctx.member._id });
        const round = c?.round ? await Round.findById(c.round) : null;
        if (!c || !round) return done(priv(coreTexts(ctx.lang, 'expiredAction')));
        if (!isOpenNow(round)) return done(priv(t(ctx.lang, 'tooLate', { title: round.title })));
        const f = editForm(round, ctx.lang, String(c._id));
        f.values = answerValues(round, c);
        return done(formReply(f));
      }
      case 'withdraw':
      case 'restore':
        return changeResult(ctx, await changeOwn(ctx.member, String(a.c), { status: p.s === 'withdraw' ? 'withdrawn' : 'active' }), p.s === 'withdraw' ? 'withdrawn' : 'restored');
      case 'new':
        require(canAdminister(ctx.member));
        return done(formReply(await openRoundForm(ctx.community, ctx.lang)));
    }
    // The rest act on one round and are the secretariat's.
    require(canAdminister(ctx.member));
    const round = await roundById(ctx.community._id, a.r);
    if (!round) return done(priv(coreTexts(ctx.lang, 'expiredAction')));
    if (p.s === 'close-yes') return doClose(ctx, round);
    if (['status', 'remind', 'summary', 'close', 'deadline'].includes(p.s)) return roundStep(ctx, round, p.s);
    return done(priv(coreTexts(ctx.lang, 'expiredAction')));
  },

  async form(ctx, formId, args) {
    const a = args ?? {};
    switch (formId) {
      case 'open':
        return canAdminister(ctx.member) ? openRoundForm(ctx.community, ctx.lang) : null;
      case 'answer': {
        // A closed round still has its form, so a late submission gets a clear «closed» and keeps its text.
        const round = await roundById(ctx.community._id, a.r);
        return round ? answerForm(round, ctx.lang, Number(a.n ?? 0)) : null;
      }
      case 'edit': {
        const c = await Contribution.findOne({ _id: String(a.c), community: ctx.community._id });
        const round = c?.round ? await Round.findById(c.round) : null;
        return c && round ? editForm(round, ctx.lang, String(c._id)) : null;
      }
      case 'free':
        return freeForm(ctx.community, ctx.lang, Number(a.n ?? 0));
      case 'deadline': {
        const round = canAdminister(ctx.member) ? await roundById(ctx.community._id, a.r) : null;
        return round ? deadlineForm(round, ctx.lang) : null;
      }
    }
    return null;
  },

  async submit(ctx, formId, values, args) {
    const a = args ?? {};
    switch (formId) {
      case 'open':
        return submitOpen(ctx, values);
      case 'answer':
        return submitAnswer(ctx, values, a);
      case 'edit': {
        const c = await Contribution.findOne({ _id: String(a.c), community: ctx.community._id });
        const round = c?.round ? await Round.findById(c.round) : null;
        const r = await changeOwn(ctx.member, String(a.c), { input: contributionFrom(values, round) });
        if (r.kind === 'closed') return { replies: [], errors: { _form: t(ctx.lang, 'tooLate', { title: round?.title ?? '' }) } };
        return changeResult(ctx, r, 'updated');
      }
      case 'free': {
        const body = await Body.findOne({ community: ctx.community._id, key: String(values.body) });
        if (!body) return { replies: [], errors: { body: coreTexts(ctx.lang, 'notOption') } };
        const r = await contributeFree(ctx.member, body._id, contributionFrom(values, null), String(a.n ?? 0));
        if (r.kind === 'duplicate') return done(priv(t(ctx.lang, 'alreadySaved')));
        return done(priv(t(ctx.lang, 'freeThanks', { body: body.name[ctx.lang] })));
      }
      case 'deadline':
        return submitDeadline(ctx, values, a);
    }
    return { replies: [], errors: { _form: coreTexts(ctx.lang, 'expiredAction') } };
  },

  async status(ctx) {
    const elements: Element[] = [];
    if (canAdminister(ctx.member)) {
      const rounds = await Round.find({ community: ctx.community._id, status: 'open' }).sort({ deadline: 1 }).limit(5);
      for (const r of rounds) {
        const p = await roundProgress(r, ctx.lang);
        elements.push({ type: 'section', text: t(ctx.lang, 'dashSecretariat', { title: r.title, answered: p.answered.size, total: p.parties.length, deadline: formatShort(r.deadline, ctx.lang) }) });
        elements.push({ type: 'buttons', buttons: [{ label: t(ctx.lang, 'btnStatus'), action: action(DIALOG, 'status', { r: String(r._id) }) }] });
      }
      const free = await Contribution.countDocuments({ community: ctx.community._id, round: null, status: 'active', createdAt: { $gt: new Date(Date.now() - 30 * 86_400_000) } });
      if (free) elements.push({ type: 'context', text: t(ctx.lang, 'dashFree', { count: free }) });
      return elements;
    }
    const rounds = await openRoundsFor(ctx.member);
    const party = rounds.length ? await partyName(ctx) : '';
    for (const r of rounds.slice(0, 5)) {
      const answered = await Contribution.countDocuments({ round: r._id, party: ctx.member.party, status: 'active' });
      elements.push({
        type: 'section',
        text: `${t(ctx.lang, 'dashMember', { title: r.title, deadline: formatShort(r.deadline, ctx.lang) })}\n${t(ctx.lang, answered ? 'partyAnswered' : 'partyMissing', { party, count: answered })}`,
      });
      elements.push({ type: 'buttons', buttons: [{ label: t(ctx.lang, 'answerBtn'), action: action(DIALOG, 'answer', { r: String(r._id) }) }] });
    }
    return elements;
  },

  jobs: (services) => roundJobs(services),
  templates: () => roundTemplates(),
  exports: () => roundExports(),
};
