// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog } from '../../src/i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'help.help.line': never;
  'help.reply.footer': never;
  'help.reply.title': never;
}

export const texts = defineCatalog<Messages>('help', { nb, nn, en });
