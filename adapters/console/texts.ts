// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog } from '../../src/i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'console.form.example.date': never;
  'console.form.example.datetime': never;
  'console.form.keep': never;
  'console.form.multi': never;
  'console.form.optional': never;
  'console.form.typed': never;
  'console.notice.cancelled': never;
}

export const texts = defineCatalog<Messages>('console', { nb, nn, en });
