// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog, type MessageValue } from '../../src/i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'teams.button.choose': never;
  'teams.error.noMessageText': never;
  'teams.error.sendFailed': never;
  'teams.form.time': never;
  'teams.notice.seeChat': never;
  'teams.webchat.channelHint': { body: MessageValue };
  'teams.webchat.channels': never;
  'teams.webchat.demoNotice': never;
  'teams.webchat.hint': never;
  'teams.webchat.noWebChat': never;
  'teams.webchat.search': never;
  'teams.webchat.startup': { url: MessageValue };
  'teams.webchat.title': never;
  'teams.webchat.unread': never;
  'teams.webchat.viewingAs': { name: MessageValue };
  'teams.webchat.whoAreYou': never;
}

export const texts = defineCatalog<Messages>('teams', { nb, nn, en });
