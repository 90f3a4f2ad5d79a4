// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog, type MessageValue } from '../../src/i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'slack.button.cancel': never;
  'slack.form.choose': never;
  'slack.form.optionGroup': { from: MessageValue; to: MessageValue };
  'slack.notice.continued': never;
  'slack.notice.homeMore': never;
  'slack.notice.more': { n: MessageValue };
}

export const texts = defineCatalog<Messages>('slack', { nb, nn, en });
