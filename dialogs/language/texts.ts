// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog, type MessageValue } from '../../src/i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'language.button.en': never;
  'language.button.nb': never;
  'language.button.nn': never;
  'language.error.unknown': { value: MessageValue };
  'language.help.line': never;
  'language.reply.ask': never;
  'language.reply.set': never;
}

export const texts = defineCatalog<Messages>('language', { nb, nn, en });
