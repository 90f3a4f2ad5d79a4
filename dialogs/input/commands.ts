/** The typed commands: «innspel» and its words, for members and for the secretariat. */
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { require } from '../../src/permissions.js';
import { formReply, done, priv } from './replies.js';
import { openRoundForm } from './forms.js';
import { memberEntry, mine, showFreeForm } from './member-steps.js';
import { freeList, overview, roundFor, roundSteps, type RoundStepName } from './round-steps.js';
import { mayRunRounds } from './rules.js';
import { memberRounds } from './status.js';
import { texts } from './texts.js';
import { ownEntry } from '../../src/own-entry.js';

type Sub = RoundStepName | 'new' | 'mine' | 'free';

const SUB: Record<string, Sub> = {
  ny: 'new',
  new: 'new',
  status: 'status',
  påminn: 'remind',
  minn: 'remind',
  purr: 'remind',
  remind: 'remind',
  sammendrag: 'summary',
  samandrag: 'summary',
  oppsummering: 'summary',
  summary: 'summary',
  mine: 'mine',
  my: 'mine',
  frie: 'free',
  fritt: 'free',
  free: 'free',
  steng: 'close',
  lukk: 'close',
  close: 'close',
  frist: 'deadline',
  forleng: 'deadline',
  extend: 'deadline',
  deadline: 'deadline',
  // Reopening is moving the deadline of a closed round.
  gjenåpne: 'deadline',
  gjenopne: 'deadline',
  reopen: 'deadline',
};

export async function command(ctx: DialogContext, args: string): Promise<StepResult> {
  const [first = '', ...rest] = args.split(/\s+/).filter(Boolean);
  const admin = mayRunRounds(ctx.member);
  if (!first) return admin ? overview(ctx) : memberEntry(ctx);
  const word = first.toLowerCase();
  const sub = ownEntry(SUB, word);
  if (!sub) return done(priv(texts(ctx.lang, admin ? 'input.help.usage' : 'input.help.line')));
  if (sub === 'mine') return mine(ctx);
  if (sub === 'free') return admin ? freeList(ctx) : showFreeForm(ctx);
  if (!admin && sub !== 'status') require(false);
  if (sub === 'new') return done(formReply(await openRoundForm(ctx.community, ctx.lang)));
  if (sub === 'status' && !admin) return memberRounds(ctx);
  const round = await roundFor(ctx, rest.join(' ').trim());
  if (!('_id' in round)) return round;
  return roundSteps[sub](ctx, round);
}
