/** The member's «status» dashboard: the secretariat's open rounds and free input, or a member's rounds to answer. */
import type { DialogContext, StepResult } from '../../src/dialog.js';
import type { Element } from '../../src/ui.js';
import { partyContributions, partyName, recentFreeCount } from './contributions.js';
import { memberStatus } from './member-views.js';
import { progressCounts } from './progress.js';
import { done, priv } from './replies.js';
import { mayRunRounds } from './rules.js';
import { openRounds } from './find.js';
import { openRoundsFor } from './service.js';
import { texts } from './texts.js';
import { secretariatStatus } from './views.js';

export async function status(ctx: DialogContext): Promise<Element[]> {
  if (mayRunRounds(ctx.member)) {
    const rounds = await openRounds(ctx.community._id, 5);
    const progress = [];
    for (const round of rounds) progress.push({ round, ...(await progressCounts(round, ctx.lang)) });
    return secretariatStatus(ctx.lang, progress, await recentFreeCount(ctx.community._id, 30));
  }
  const rounds = (await openRoundsFor(ctx.member)).slice(0, 5);
  const party = rounds.length ? await partyName(ctx.member) : '';
  const answers = [];
  for (const round of rounds) answers.push({ round, answered: await partyContributions(round._id, ctx.member.party) });
  return memberStatus(ctx.lang, answers, party);
}

/** «innspel status» for a member: their rounds, or that none is open to them. */
export async function memberRounds(ctx: DialogContext): Promise<StepResult> {
  const elements = await status(ctx);
  const head = texts(ctx.lang, 'input.reply.yourRounds');
  return done(elements.length ? priv(head, { type: 'section', text: `*${head}*` }, ...elements) : priv(texts(ctx.lang, 'input.reply.noRound')));
}
