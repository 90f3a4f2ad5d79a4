// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog, type MessageValue } from '../../src/i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'status.card.bodies': never;
  'status.card.hello': { name: MessageValue };
  'status.card.noBodies': never;
  'status.card.nothingWaiting': never;
  'status.card.party': never;
  'status.help.line': never;
}

export const texts = defineCatalog<Messages>('status', { nb, nn, en });
