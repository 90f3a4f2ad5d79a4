/** The poll's buttons, by step name (the names are in messages already posted: keep them). */
import type { ActionHandler } from '../../src/dialog.js';
import { closeByHand, expired, exportPoll, loadBody, loadPoll, openBallot, startCreate, vote, voteGate } from './steps.js';

export const actions: Record<string, ActionHandler> = {
  /** One tap on an option (single choice, scale); the other types open the ballot. */
  async vote(ctx, args) {
    const poll = await loadPoll(ctx, args?.p);
    const gate = await voteGate(ctx, poll);
    if (gate || !poll) return gate ?? expired(ctx);
    const opt = poll.options.find((o) => o.id === String(args?.o));
    if (!opt || (poll.type !== 'single' && poll.type !== 'scale')) return openBallot(ctx, poll);
    return vote(ctx, poll, poll.type === 'scale' ? { scale: Number(opt.id), choices: [] } : { choices: [opt.id] });
  },

  async open(ctx, args) {
    return openBallot(ctx, await loadPoll(ctx, args?.p));
  },

  /** The body chosen for a new poll. */
  async pick(ctx, args) {
    const body = await loadBody(ctx, args?.b);
    if (!body) return expired(ctx);
    return startCreate(ctx, body.key);
  },

  async close(ctx, args) {
    return closeByHand(ctx, await loadPoll(ctx, args?.p));
  },

  async export(ctx, args) {
    return exportPoll(ctx, await loadPoll(ctx, args?.p), args?.f === 'xlsx' ? 'xlsx' : 'csv');
  },
};
