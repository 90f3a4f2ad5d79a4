/**
 * The strategy's buttons, by step name: the member's walk, and the secretariat's overview and
 * its tools. Every step but «list» is on one version (`v`); a version that is gone gets a reply
 * saying so. The secretariat's steps are refused to anyone else.
 */
import type { VersionDoc } from '../../models/strategy.js';
import type { ActionHandler, Args, DialogContext, StepResult } from '../../src/dialog.js';
import { canAdminister, require } from '../../src/permissions.js';
import { close, compare, exportLink, overview, sectionDetail, sendForAnchoring, showList } from './admin.js';
import { argText } from './rules.js';
import { findVersion } from './service.js';
import { texts } from './texts.js';
import { advance, back, finish, jump, pause, showEnd, showMine, showPosition, showSection, tapStance } from './walk-steps.js';
import { priv } from './words.js';

type VersionStep = (ctx: DialogContext, v: VersionDoc, a: Args) => Promise<StepResult> | StepResult;

function onVersion(step: VersionStep, who: 'member' | 'secretariat' = 'member'): ActionHandler {
  return async (ctx, a) => {
    const v = await findVersion(ctx.community._id, a?.v);
    if (!v) return { replies: [priv(texts(ctx.lang, 'strategy.error.unknownVersion'))] };
    if (who === 'secretariat') require(canAdminister(ctx.member));
    return step(ctx, v, a);
  };
}

const secretariat = (step: VersionStep) => onVersion(step, 'secretariat');

export const strategyActions: Record<string, ActionHandler> = {
  list: async (ctx) => {
    require(canAdminister(ctx.member));
    return showList(ctx);
  },
  // the member's walk
  go: onVersion((ctx, v, a) => (argText(a, 'k') ? showSection(ctx, v, argText(a, 'k')) : showPosition(ctx, v))),
  st: onVersion((ctx, v, a) => tapStance(ctx, v, argText(a, 'k'), argText(a, 'st'))),
  nx: onVersion((ctx, v, a) => advance(ctx, v, argText(a, 'k'))),
  pv: onVersion((ctx, v, a) => back(ctx, v, argText(a, 'k'))),
  jp: onVersion((ctx, v, a) => jump(ctx, v, argText(a, 'value'))),
  end: onVersion((ctx, v) => showEnd(ctx, v)),
  pause: onVersion((ctx, v) => pause(ctx, v)),
  done: onVersion((ctx, v) => finish(ctx, v)),
  mine: onVersion((ctx, v) => showMine(ctx, v)),
  // the secretariat
  ov: secretariat((ctx, v) => overview(ctx, v)),
  sec: secretariat((ctx, v, a) => sectionDetail(ctx, v, argText(a, 'value') || argText(a, 'k'))),
  cmp: secretariat((ctx, v) => compare(ctx, v)),
  exp: secretariat((ctx, v, a) => exportLink(ctx, v, argText(a, 'f'))),
  close: secretariat((ctx, v) => close(ctx, v)),
  anchor: secretariat((ctx, v) => sendForAnchoring(ctx, v)),
};
