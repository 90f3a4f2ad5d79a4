/** What meetings add to the member's «status» dashboard: how many, how many to answer, and the next one. */
import type { DialogContext } from '../../src/dialog.js';
import type { Element } from '../../src/ui.js';
import { answeredCount, meetingsForMember } from './attendance.js';
import { isCalled } from './rules.js';
import { statusElements } from './views.js';

export async function status(ctx: DialogContext): Promise<Element[]> {
  const mine = await meetingsForMember(ctx.member);
  if (!mine.length) return [];
  const answered = await answeredCount(ctx.member, mine);
  const called = mine.filter((m) => isCalled(ctx.member, m)).length;
  return statusElements(ctx.lang, { count: mine.length, missing: Math.max(0, called - answered), next: mine[0]! });
}
