/**
 * Consultation polls in a body's channel (høyring / avstemming): created by the secretariat and
 * body leaders, voted with one tap (or a form for multiple choice, ranking and open answers),
 * counted once per member or per party, closed by time or by hand with results in the channel.
 */
import mongoose from 'mongoose';
import { Body, type BodyDoc } from '../../models/body.js';
import { isSecretariat } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { Poll, type PollDoc } from '../../models/poll.js';
import { bodiesOf, bodyName, findBody } from '../../src/directory.js';
import type { Args, Dialog, DialogContext, StepResult } from '../../src/dialog.js';
import type { CleanValues } from '../../src/forms.js';
import { canAdminister, canCreatePoll, require } from '../../src/permissions.js';
import { action, type ActionPayload } from '../../src/payload.js';
import { coreTexts } from '../../src/texts.js';
import { formatDateTime } from '../../src/time.js';
import type { Element, Reply } from '../../src/ui.js';
import { pollExport, EXPORT_KIND } from './export.js';
import { BALLOT_FORM, CREATE_FORM, ballotForm, ballotValues, createForm, readBallot, readCreateForm } from './forms.js';
import { pollJobs, pollTemplates } from './jobs.js';
import { describeBallot, memberView, tallyElements, tallyVisible } from './render.js';
import { PollService, type BallotInput } from './service.js';
import { texts } from './texts.js';

const WORDS = { nb: 'avstemning', nn: 'avstemming', en: 'poll' } as const;
const SUB_NEW = new Set(['ny', 'new', 'nytt', 'opprett', 'create']);
const SUB_CLOSE = new Set(['lukk', 'steng', 'close']);
const SUB_EXPORT = new Set(['eksport', 'export', 'eksporter']);
/** At most this many polls in one listing (the newest). */
const MAX_LISTED = 10;

const say = (text: string): StepResult => ({ replies: [{ text, visibility: 'private' }] });

function t(ctx: DialogContext, k: Parameters<typeof texts>[1], v?: Record<string, string | number>) {
  return texts(ctx.lang, k, v);
}

async function loadPoll(ctx: DialogContext, id: unknown): Promise<PollDoc | null> {
  if (typeof id !== 'string' || !mongoose.isValidObjectId(id)) return null;
  return Poll.findOne({ _id: id, community: ctx.community._id });
}

async function pollByNumber(ctx: DialogContext, text: string): Promise<PollDoc | null> {
  const n = Number(text.replace(/^#/, ''));
  return Number.isInteger(n) && n > 0 ? Poll.findOne({ community: ctx.community._id, number: n }) : null;
}

function expired(ctx: DialogContext): StepResult {
  return say(coreTexts(ctx.lang, 'expiredAction'));
}

function closedRefusal(ctx: DialogContext, poll: PollDoc): StepResult {
  return say(t(ctx, 'closedRefusal', { when: formatDateTime(poll.closedAt ?? new Date(), ctx.lang) }));
}

/** Why this member may not vote: said privately and kindly, not as an error. */
async function notVoter(ctx: DialogContext, poll: PollDoc): Promise<StepResult> {
  const ms = ctx.member.memberships.find((m) => String(m.body) === String(poll.body));
  if (ms?.role === 'secretariat' || (!ms && isSecretariat(ctx.member))) return say(t(ctx, 'notVoterSecretariat'));
  if (ms?.role === 'observer') return say(t(ctx, 'notVoterObserver'));
  const body = await Body.findById(poll.body);
  return say(t(ctx, 'notVoterMember', { body: body ? bodyName(body, ctx.lang) : '' }));
}

/** The checks every vote goes through, in the order a member would want to hear them. */
async function voteGate(ctx: DialogContext, poll: PollDoc | null): Promise<StepResult | null> {
  if (!poll) return expired(ctx);
  if (poll.state === 'closed') return closedRefusal(ctx, poll);
  if (!PollService.for(ctx.services).mayVote(poll, ctx.member)) return notVoter(ctx, poll);
  return null;
}

async function castVote(ctx: DialogContext, poll: PollDoc, ballot: BallotInput): Promise<StepResult> {
  const polls = PollService.for(ctx.services);
  const outcome = await polls.vote(poll, ctx.member, ballot);
  const mine = await polls.ballotOf(poll, ctx.member);
  const choice = mine ? describeBallot(poll, mine, ctx.lang) : '';
  const lines = [t(ctx, outcome, { choice })];
  if (poll.voters === 'party') {
    const party = await Party.findById(ctx.member.party);
    lines.push(t(ctx, 'partyNote', { party: party?.name ?? '' }));
  } else lines.push(t(ctx, 'changeUntil'));
  const text = lines.join(' ');
  const els: Element[] = [{ type: 'section', text }];
  if (poll.results === 'after_vote') els.push({ type: 'divider' }, ...tallyElements(poll, await polls.tally(poll), ctx.lang));
  if (poll.type === 'single' || poll.type === 'scale') {
    els.push({ type: 'buttons', buttons: [{ label: t(ctx, 'reasonButton'), action: action('poll', 'open', { p: String(poll._id) }) }] });
  }
  return { replies: [{ text, elements: els, visibility: 'private' }] };
}

async function openBallot(ctx: DialogContext, poll: PollDoc | null): Promise<StepResult> {
  const gate = await voteGate(ctx, poll);
  if (gate || !poll) return gate ?? expired(ctx);
  const form = ballotForm(poll, ctx.lang);
  const mine = await PollService.for(ctx.services).ballotOf(poll, ctx.member);
  // Changing a vote starts from the current one; otherwise the core fills in any draft.
  if (mine) form.values = ballotValues(poll, mine);
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}

async function startCreate(ctx: DialogContext, bodyText: string): Promise<StepResult> {
  let body: BodyDoc | null = ctx.channelBody;
  if (bodyText) {
    body = await findBody(ctx.community._id, bodyText);
    if (!body) return say(t(ctx, 'noBody', { name: bodyText.slice(0, 60) }));
  }
  if (!body) {
    const mine = (await bodiesOf(ctx.member)).filter((b) => canCreatePoll(ctx.member, b._id) && b.kind !== 'secretariat');
    if (!mine.length) return say(t(ctx, 'mayNotCreate'));
    const text = t(ctx, 'pickBody');
    return {
      replies: [
        {
          text,
          elements: [
            { type: 'section', text },
            { type: 'buttons', buttons: mine.map((b) => ({ label: b.short, action: action('poll', 'pick', { b: String(b._id) }) })) },
          ],
          visibility: 'private',
        },
      ],
    };
  }
  if (!canCreatePoll(ctx.member, body._id)) return say(t(ctx, 'mayNotCreate'));
  const form = createForm(body, ctx.lang);
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
}

async function closeByHand(ctx: DialogContext, poll: PollDoc | null): Promise<StepResult> {
  if (!poll) return expired(ctx);
  require(canCreatePoll(ctx.member, poll.body));
  if (poll.state === 'closed') return say(t(ctx, 'alreadyClosed', { number: poll.number }));
  await PollService.for(ctx.services).close(poll._id, ctx.member);
  return say(t(ctx, 'closedDone', { number: poll.number }));
}

async function exportLink(ctx: DialogContext, poll: PollDoc | null, format: 'csv' | 'xlsx'): Promise<StepResult> {
  if (!poll) return expired(ctx);
  require(canAdminister(ctx.member));
  const url = await ctx.services.exports.link({ community: ctx.community._id, member: ctx.member._id, kind: EXPORT_KIND, format, params: { poll: String(poll._id) } });
  const text = t(ctx, 'exportLink', { minutes: Math.round(ctx.services.config.EXPORT_LINK_TTL_SECONDS / 60) });
  return { replies: [{ text, elements: [{ type: 'section', text }, { type: 'links', links: [{ label: t(ctx, 'exportLabel', { format: format === 'xlsx' ? 'Excel' : 'CSV' }), url }] }], visibility: 'private' }] };
}

/** One poll as this member may see it: vote buttons while open, the tally when it is theirs to see. */
async function viewFor(ctx: DialogContext, poll: PollDoc): Promise<Reply | null> {
  const body = await Body.findById(poll.body);
  if (!body) return null;
  const polls = PollService.for(ctx.services);
  const voted = await polls.hasVoted(poll, ctx.member);
  const tally = tallyVisible(poll, voted) ? await polls.tally(poll) : null;
  const view = memberView(poll, body, tally, await polls.participation(poll), ctx.lang);
  if (poll.state === 'open' && canCreatePoll(ctx.member, poll.body)) {
    view.elements!.push({ type: 'buttons', buttons: [{ label: t(ctx, 'closeButton'), action: action('poll', 'close', { p: String(poll._id) }), style: 'danger' }] });
  }
  return view;
}

async function listOpen(ctx: DialogContext): Promise<StepResult> {
  const bodies = ctx.channelBody ? [ctx.channelBody._id] : isSecretariat(ctx.member) ? null : ctx.member.memberships.map((m) => m.body);
  const filter: Record<string, unknown> = { community: ctx.community._id, state: 'open' };
  if (bodies) filter.body = { $in: bodies };
  const polls = await Poll.find(filter).sort({ number: -1 }).limit(MAX_LISTED);
  if (!polls.length) return say(t(ctx, 'noOpen'));
  const replies: Reply[] = [];
  for (const p of polls.reverse()) {
    const v = await viewFor(ctx, p);
    if (v) replies.push(v);
  }
  return { replies };
}

export const pollDialog: Dialog = {
  id: 'poll',
  commands: { nb: ['avstemning', 'høring'], nn: ['avstemming', 'høyring'], en: ['poll', 'vote'] },

  helpLine(ctx) {
    const word = WORDS[ctx.lang];
    const lines = [`• *${word}*: ${t(ctx, 'helpVote')}`];
    const creates = isSecretariat(ctx.member) || ctx.member.memberships.some((m) => m.role === 'leader' || m.role === 'deputy_leader');
    if (creates) lines.push(`• *${word} ${ctx.lang === 'en' ? 'new' : 'ny'}*: ${t(ctx, 'helpNew')}`);
    return lines.join('\n');
  },

  async command(ctx, args) {
    const [sub = '', ...rest] = args.split(/\s+/).filter(Boolean);
    const tail = rest.join(' ');
    const s = sub.toLowerCase();
    if (!s) return listOpen(ctx);
    if (SUB_NEW.has(s)) return startCreate(ctx, tail);
    if (SUB_CLOSE.has(s) || SUB_EXPORT.has(s)) {
      const poll = await pollByNumber(ctx, rest[0] ?? '');
      if (!poll) return say(t(ctx, 'noPoll', { number: (rest[0] ?? '?').slice(0, 10) }));
      if (SUB_CLOSE.has(s)) return closeByHand(ctx, poll);
      return exportLink(ctx, poll, /xlsx|excel/i.test(rest[1] ?? '') ? 'xlsx' : 'csv');
    }
    const poll = await pollByNumber(ctx, s);
    if (poll) {
      const v = await viewFor(ctx, poll);
      return v ? { replies: [v] } : say(t(ctx, 'noPoll', { number: s.slice(0, 10) }));
    }
    return say(t(ctx, 'noPoll', { number: s.slice(0, 10) }));
  },

  async action(ctx, p: ActionPayload) {
    const a = p.a ?? {};
    switch (p.s) {
      case 'vote': {
        const poll = await loadPoll(ctx, a.p);
        const gate = await voteGate(ctx, poll);
        if (gate || !poll) return gate ?? expired(ctx);
        const opt = poll.options.find((o) => o.id === String(a.o));
        if (!opt || (poll.type !== 'single' && poll.type !== 'scale')) return openBallot(ctx, poll);
        return castVote(ctx, poll, poll.type === 'scale' ? { scale: Number(opt.id), choices: [] } : { choices: [opt.id] });
      }
      case 'open':
        return openBallot(ctx, await loadPoll(ctx, a.p));
      case 'pick': {
        const body = typeof a.b === 'string' && mongoose.isValidObjectId(a.b) ? await Body.findOne({ _id: a.b, community: ctx.community._id }) : null;
        if (!body) return expired(ctx);
        return startCreate(ctx, body.key);
      }
      case 'close':
        return closeByHand(ctx, await loadPoll(ctx, a.p));
      case 'export':
        return exportLink(ctx, await loadPoll(ctx, a.p), a.f === 'xlsx' ? 'xlsx' : 'csv');
      default:
        return expired(ctx);
    }
  },

  async refuseForm(ctx, formId, args: Args) {
    if (formId !== CREATE_FORM) return null; // who may vote is told by the ballot itself (voteGate)
    const b = args?.b;
    const body = typeof b === 'string' && mongoose.isValidObjectId(b) ? await Body.findOne({ _id: b, community: ctx.community._id }) : null;
    return !body || canCreatePoll(ctx.member, body._id) ? null : coreTexts(ctx.lang, 'notAllowed');
  },

  async form(ctx, formId, args: Args) {
    if (formId === CREATE_FORM) {
      const b = args?.b;
      const body = typeof b === 'string' && mongoose.isValidObjectId(b) ? await Body.findOne({ _id: b, community: ctx.community._id }) : null;
      return body ? createForm(body, ctx.lang) : null;
    }
    if (formId === BALLOT_FORM) {
      const poll = await loadPoll(ctx, args?.p);
      return poll ? ballotForm(poll, ctx.lang) : null;
    }
    return null;
  },

  async submit(ctx, formId, values: CleanValues, args: Args) {
    if (formId === CREATE_FORM) {
      const body = await Body.findOne({ _id: String(args?.b), community: ctx.community._id });
      if (!body) return expired(ctx);
      require(canCreatePoll(ctx.member, body._id));
      const read = readCreateForm(values, ctx.lang);
      if (!read.input) return { replies: [], errors: read.errors };
      const polls = PollService.for(ctx.services);
      const poll = await polls.create({ community: ctx.community._id, creator: ctx.member, body, input: read.input });
      const posted = await polls.announce(poll, body);
      const text = posted
        ? t(ctx, 'created', { number: poll.number, body: bodyName(body, ctx.lang) })
        : t(ctx, 'createdNoChannel', { number: poll.number, body: bodyName(body, ctx.lang), cmd: WORDS[ctx.lang], short: body.short });
      return {
        replies: [
          {
            text,
            elements: [
              { type: 'section', text },
              { type: 'buttons', buttons: [{ label: t(ctx, 'closeButton'), action: action('poll', 'close', { p: String(poll._id) }), style: 'danger' }] },
            ],
            visibility: 'private',
          },
        ],
      };
    }
    if (formId === BALLOT_FORM) {
      const poll = await loadPoll(ctx, args?.p);
      const gate = await voteGate(ctx, poll);
      if (gate || !poll) return gate ?? expired(ctx);
      const read = readBallot(poll, values, ctx.lang);
      if (!read.ballot) return { replies: [], errors: read.errors };
      return castVote(ctx, poll, read.ballot);
    }
    return expired(ctx);
  },

  async status(ctx) {
    const polls = PollService.for(ctx.services);
    const open = await Poll.find({ community: ctx.community._id, state: 'open', body: { $in: ctx.member.memberships.map((m) => m.body) } }).sort({ number: 1 });
    const lines: string[] = [];
    for (const poll of open) {
      if (!polls.mayVote(poll, ctx.member) || (await polls.hasVoted(poll, ctx.member))) continue;
      const body = await Body.findById(poll.body);
      lines.push(t(ctx, 'status', { number: poll.number, body: body?.short ?? '', question: poll.question }));
    }
    return lines.length ? [{ type: 'context', text: lines.join('\n') }] : [];
  },

  jobs: pollJobs,
  templates: pollTemplates,
  exports: () => ({ [EXPORT_KIND]: pollExport() }),
};
