/**
 * «demp» / «mute»: the member stops getting reminders (notices that need an answer still come).
 * One tap to undo.
 */
import { Member } from '../models/member.js';
import { audit } from '../src/audit.js';
import { defineTexts } from '../src/i18n.js';
import { action } from '../src/payload.js';
import type { Dialog, DialogContext, StepResult } from '../src/dialog.js';

const texts = defineTexts({
  en: {
    help: 'stop reminders («mute off» to get them again)',
    muted: 'Reminders are off. You will still get invitations and notices, and you can answer as before.',
    unmuted: 'Reminders are on again.',
    undoMute: 'Turn reminders back on',
    undoUnmute: 'Mute reminders',
  },
  nb: {
    help: 'slå av påminnelser («demp av» for å få dem igjen)',
    muted: 'Påminnelser er slått av. Du får fortsatt invitasjoner og varsler, og kan svare som før.',
    unmuted: 'Påminnelser er slått på igjen.',
    undoMute: 'Slå på påminnelser igjen',
    undoUnmute: 'Demp påminnelser',
  },
  nn: {
    help: 'slå av påminningar («demp av» for å få dei att)',
    muted: 'Påminningar er slått av. Du får framleis invitasjonar og varsel, og kan svare som før.',
    unmuted: 'Påminningar er slått på att.',
    undoMute: 'Slå på påminningar att',
    undoUnmute: 'Demp påminningar',
  },
});

const OFF = new Set(['av', 'off', 'på', 'on']);

async function set(ctx: DialogContext, muted: boolean): Promise<StepResult> {
  await Member.updateOne({ _id: ctx.member._id, community: ctx.community._id }, { $set: { mutedReminders: muted } });
  await audit(ctx.community._id, ctx.member._id, muted ? 'member.mute' : 'member.unmute', { kind: 'member', id: ctx.member._id });
  const t = texts(ctx.lang, muted ? 'muted' : 'unmuted');
  return {
    replies: [
      {
        text: t,
        elements: [
          { type: 'section', text: t },
          { type: 'buttons', buttons: [{ label: texts(ctx.lang, muted ? 'undoMute' : 'undoUnmute'), action: action('mute', muted ? 'off' : 'on') }] },
        ],
        visibility: 'private',
      },
    ],
  };
}

export const muteDialog: Dialog = {
  id: 'mute',
  commands: { nb: ['demp', 'pause'], nn: ['demp'], en: ['mute', 'unmute'] },
  helpLine: (ctx) => `• *${ctx.lang === 'en' ? 'mute' : 'demp'}*: ${texts(ctx.lang, 'help')}`,
  async command(ctx, args, word) {
    return set(ctx, word !== 'unmute' && !OFF.has(args.trim().toLowerCase()));
  },
  actions: {
    on: (ctx) => set(ctx, true),
    off: (ctx) => set(ctx, false),
  },
};
