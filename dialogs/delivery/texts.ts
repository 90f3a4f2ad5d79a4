// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog, type MessageValue } from '../../src/i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'delivery.button.resend': never;
  'delivery.card.expired': never;
  'delivery.card.failedTo': { names: MessageValue };
  'delivery.card.moreNames': { names: MessageValue; n: number };
  'delivery.card.notDelivered': never;
  'delivery.card.unreachable': { names: MessageValue };
  'delivery.card.waiting': never;
  'delivery.reply.nothingToResend': never;
  'delivery.reply.resent': { n: number };
}

export const texts = defineCatalog<Messages>('delivery', { nb, nn, en });
