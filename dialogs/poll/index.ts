/**
 * Consultation polls in a body's channel (høyring / avstemming): created by the secretariat and
 * body leaders, voted with one tap (or a form for multiple choice, ranking and open answers),
 * counted once per member or per party, closed by time or by hand with results in the channel.
 */
import { Body } from '../../models/body.js';
import { Poll } from '../../models/poll.js';
import type { Dialog } from '../../src/dialog.js';
import { actions } from './actions.js';
import { pollExport, EXPORT_KIND } from './export.js';
import { forms } from './form-handlers.js';
import { pollJobs, pollTemplates } from './jobs.js';
import { createsSomewhere, mayVote } from './rules.js';
import { hasVoted } from './service.js';
import { closeByHand, exportPoll, listOpen, pollByNumber, say, startCreate, viewFor } from './steps.js';
import { texts } from './texts.js';

const SUB_NEW = new Set(['ny', 'new', 'nytt', 'opprett', 'create']);
const SUB_CLOSE = new Set(['lukk', 'steng', 'close']);
const SUB_EXPORT = new Set(['eksport', 'export', 'eksporter']);

export const pollDialog: Dialog = {
  id: 'poll',
  commands: { nb: ['avstemning', 'høring'], nn: ['avstemming', 'høyring'], en: ['poll', 'vote'] },

  helpLine(ctx) {
    const lines = [`• ${texts(ctx.lang, 'poll.help.line')}`];
    if (createsSomewhere(ctx.member)) lines.push(`• ${texts(ctx.lang, 'poll.help.new')}`);
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
      if (!poll) return say(texts(ctx.lang, 'poll.error.noPoll', { number: (rest[0] ?? '?').slice(0, 10) }));
      if (SUB_CLOSE.has(s)) return closeByHand(ctx, poll);
      return exportPoll(ctx, poll, /xlsx|excel/i.test(rest[1] ?? '') ? 'xlsx' : 'csv');
    }
    const poll = await pollByNumber(ctx, s);
    if (poll) {
      const v = await viewFor(ctx, poll);
      return v ? { replies: [v] } : say(texts(ctx.lang, 'poll.error.noPoll', { number: s.slice(0, 10) }));
    }
    return say(texts(ctx.lang, 'poll.error.noPoll', { number: s.slice(0, 10) }));
  },

  actions,
  forms,

  async status(ctx) {
    const open = await Poll.find({ community: ctx.community._id, state: 'open', body: { $in: ctx.member.memberships.map((m) => m.body) } }).sort({ number: 1 });
    const lines: string[] = [];
    for (const poll of open) {
      if (!mayVote(poll, ctx.member) || (await hasVoted(ctx.services, poll, ctx.member))) continue;
      const body = await Body.findById(poll.body);
      lines.push(texts(ctx.lang, 'poll.status.line', { number: poll.number, body: body?.short ?? '', question: poll.question }));
    }
    return lines.length ? [{ type: 'context', text: lines.join('\n') }] : [];
  },

  jobs: pollJobs,
  templates: pollTemplates,
  exports: () => ({ [EXPORT_KIND]: pollExport() }),
};
