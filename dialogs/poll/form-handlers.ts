/** The poll's forms as the core opens, checks and hands them in: creating a poll, and the ballot. */
import { bodyName } from '../../src/directory.js';
import { formHandler } from '../../src/form-spec.js';
import { require } from '../../src/permissions.js';
import { texts as coreTexts } from '../../src/texts.js';
import { announce } from './channel.js';
import { ballotForm, ballotSpec, createForm, createSpec, readBallot, readCreateForm } from './forms.js';
import { mayCreate } from './rules.js';
import { create } from './service.js';
import { texts } from './texts.js';
import { expired, loadBody, loadPoll, vote, voteGate } from './steps.js';
import { created } from './views.js';

const createHandler = formHandler(createSpec, {
  async refuse(ctx, args) {
    const body = await loadBody(ctx, args?.b);
    return !body || mayCreate(ctx.member, body._id) ? null : coreTexts(ctx.lang, 'core.error.notAllowed');
  },
  async build(ctx, args) {
    const body = await loadBody(ctx, args?.b);
    return body ? createForm(body, ctx.lang) : null;
  },
  async submit(ctx, values, args) {
    const body = await loadBody(ctx, args?.b);
    if (!body) return expired(ctx);
    require(mayCreate(ctx.member, body._id));
    const read = readCreateForm(values, ctx.lang);
    if (!read.input) return { replies: [], errors: read.errors };
    const poll = await create(ctx.services, { community: ctx.community._id, creator: ctx.member, body, input: read.input });
    const posted = await announce(ctx.services, poll, body);
    const text = posted
      ? texts(ctx.lang, 'poll.reply.created', { number: poll.number, body: bodyName(body, ctx.lang) })
      : texts(ctx.lang, 'poll.reply.createdNoChannel', { number: poll.number, body: bodyName(body, ctx.lang), short: body.short });
    return { replies: [created(poll, text, ctx.lang)] };
  },
});

/** Who may vote is told by the ballot itself (voteGate), kindly, so the form is not refused. */
const ballotHandler = formHandler(ballotSpec, {
  async build(ctx, args) {
    const poll = await loadPoll(ctx, args?.p);
    return poll ? ballotForm(poll, ctx.lang) : null;
  },
  async submit(ctx, values, args) {
    const poll = await loadPoll(ctx, args?.p);
    const gate = await voteGate(ctx, poll);
    if (gate || !poll) return gate ?? expired(ctx);
    const read = readBallot(poll, values, ctx.lang);
    if (!read.ballot) return { replies: [], errors: read.errors };
    return vote(ctx, poll, read.ballot);
  },
});

/** By form id (each key is its spec's id). */
export const forms = { new: createHandler, ballot: ballotHandler };
