/** The buttons of the capability: open the recording form, remind the missing, show the progress. */
import type { ActionHandler, StepResult } from '../../src/dialog.js';
import { SamlaError } from '../../src/errors.js';
import { canAdminister } from '../../src/permissions.js';
import { recordForm, requestFor } from './forms.js';
import { progress, remindMissing } from './service.js';
import { texts } from './texts.js';
import { progressReply } from './views.js';

function privateText(text: string): StepResult {
  return { replies: [{ text, visibility: 'private' }] };
}

const open: ActionHandler = async (ctx, args) => {
  const req = await requestFor(ctx, args);
  if (!req) return privateText(texts(ctx.lang, 'partner.error.gone'));
  const form = await recordForm(ctx, req);
  if (!form) return privateText(texts(ctx.lang, 'partner.error.notYourParty', { title: req.subject.title }));
  return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
};

const remind: ActionHandler = async (ctx, args) => {
  const req = await requestFor(ctx, args);
  if (!req) return privateText(texts(ctx.lang, 'partner.error.gone'));
  if (!canAdminister(ctx.member)) throw new SamlaError('forbidden', 'not allowed');
  const r = await remindMissing(ctx.services, ctx.community._id, req._id);
  return privateText(r.parties ? texts(ctx.lang, 'partner.reply.reminded', r) : texts(ctx.lang, 'partner.reply.nobodyMissing'));
};

const show: ActionHandler = async (ctx, args) => {
  const req = await requestFor(ctx, args);
  const pr = req ? await progress(ctx.community._id, req.subject) : null;
  if (!pr) return privateText(texts(ctx.lang, 'partner.error.gone'));
  return { replies: [progressReply(pr, ctx.member, ctx.lang)] };
};

export const partnerActions = { open, remind, show };
