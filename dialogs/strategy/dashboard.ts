/** What the strategy adds to a member's dashboard: their open versions, and for the secretariat each open period's progress. */
import type { DialogContext } from '../../src/dialog.js';
import { canAdminister } from '../../src/permissions.js';
import { action } from '../../src/payload.js';
import { formatDateTime } from '../../src/time.js';
import type { Element } from '../../src/ui.js';
import { progressLines } from './admin-views.js';
import { D } from './ids.js';
import { answeredCount } from './rules.js';
import { myFeedback, openPeriods, openVersionsFor } from './service.js';
import { summarize } from './summary.js';
import { texts } from './texts.js';
import { vid } from './words.js';

export async function strategyStatus(ctx: DialogContext): Promise<Element[]> {
  const { lang } = ctx;
  const els: Element[] = [];
  for (const v of (await openVersionsFor(ctx.member)).slice(0, 3)) {
    const answered = answeredCount(v, await myFeedback(v, ctx.member._id));
    els.push({
      type: 'section',
      text: texts(lang, 'strategy.status.member', { title: v.title, label: v.label, date: formatDateTime(v.deadline!, lang), answered, total: v.sections.length }),
    });
    els.push({
      type: 'buttons',
      buttons: [{ label: texts(lang, answered ? 'strategy.button.continue' : 'strategy.button.start'), action: action(D, 'go', { v: vid(v) }), style: 'primary' }],
    });
  }
  if (canAdminister(ctx.member)) {
    for (const v of await openPeriods(ctx.community._id)) {
      const sum = await summarize(v);
      const responded = sum.parties.filter((p) => sum.responded.has(String(p._id))).length;
      els.push({
        type: 'section',
        text: [
          texts(lang, 'strategy.status.admin', {
            title: v.title,
            label: v.label,
            date: v.deadline ? formatDateTime(v.deadline, lang) : '',
            responded,
            parties: sum.parties.length,
          }),
          ...progressLines(sum, lang),
        ].join('\n'),
      });
      els.push({ type: 'buttons', buttons: [{ label: texts(lang, 'strategy.button.overview', { label: v.label }), action: action(D, 'ov', { v: vid(v) }) }] });
    }
  }
  return els;
}
