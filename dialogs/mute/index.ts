/**
 * «demp» / «mute»: the member stops getting reminders (notices that need an answer still come).
 * One tap to undo.
 */
import { Member } from '../../models/member.js';
import { audit } from '../../src/audit.js';
import { action } from '../../src/payload.js';
import type { Dialog, DialogContext, StepResult } from '../../src/dialog.js';
import { texts } from './texts.js';

const OFF = new Set(['av', 'off', 'på', 'on']);

async function set(ctx: DialogContext, muted: boolean): Promise<StepResult> {
  await Member.updateOne({ _id: ctx.member._id, community: ctx.community._id }, { $set: { mutedReminders: muted } });
  await audit(ctx.community._id, ctx.member._id, muted ? 'member.mute' : 'member.unmute', { kind: 'member', id: ctx.member._id });
  const t = texts(ctx.lang, muted ? 'mute.reply.muted' : 'mute.reply.unmuted');
  return {
    replies: [
      {
        text: t,
        elements: [
          { type: 'section', text: t },
          { type: 'buttons', buttons: [{ label: texts(ctx.lang, muted ? 'mute.button.unmute' : 'mute.button.mute'), action: action('mute', muted ? 'off' : 'on') }] },
        ],
        visibility: 'private',
      },
    ],
  };
}

export const muteDialog: Dialog = {
  id: 'mute',
  commands: { nb: ['demp', 'pause'], nn: ['demp'], en: ['mute', 'unmute'] },
  helpLine: (ctx) => `• ${texts(ctx.lang, 'mute.help.line')}`,
  async command(ctx, args, word) {
    return set(ctx, word !== 'unmute' && !OFF.has(args.trim().toLowerCase()));
  },
  actions: {
    on: (ctx) => set(ctx, true),
    off: (ctx) => set(ctx, false),
  },
};
