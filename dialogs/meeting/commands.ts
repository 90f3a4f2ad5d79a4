/** «møte»: the list; «møte 2»: the second meeting opened; «møte ny [body]»: the new-meeting form. */
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { meetingsForMember } from './attendance.js';
import { mayManageMeetings } from './rules.js';
import { upcomingMeetings } from './service.js';
import { list, newForm, open } from './steps.js';

const NEW_WORDS = new Set(['ny', 'nytt', 'new', 'opprett', 'create']);

export async function command(ctx: DialogContext, args: string): Promise<StepResult> {
  const [first, ...rest] = args.split(/\s+/).filter(Boolean);
  if (first && NEW_WORDS.has(first.toLowerCase())) return newForm(ctx, rest.join(' ') || undefined);
  const n = Number(first);
  if (first && Number.isInteger(n) && n >= 1) {
    const mine = await meetingsForMember(ctx.member);
    const pick = (mine.length ? mine : mayManageMeetings(ctx.member) ? await upcomingMeetings(ctx.community._id) : [])[n - 1];
    if (pick) return open(ctx, pick);
  }
  return list(ctx);
}
