// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog } from '../../src/i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'mute.button.mute': never;
  'mute.button.unmute': never;
  'mute.help.line': never;
  'mute.reply.muted': never;
  'mute.reply.unmuted': never;
}

export const texts = defineCatalog<Messages>('mute', { nb, nn, en });
