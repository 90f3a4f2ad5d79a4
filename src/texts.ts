// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog, type MessageValue } from './i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'core.demo.banner': never;
  'core.error.expiredAction': never;
  'core.error.notAllowed': never;
  'core.error.notSaved': never;
  'core.error.somethingWrong': never;
  'core.field.nationalId': never;
  'core.field.notDate': never;
  'core.field.notDateTime': never;
  'core.field.notNumber': never;
  'core.field.notOption': never;
  'core.field.numberRange': { min: MessageValue; max: MessageValue };
  'core.field.required': never;
  'core.field.tooLong': { length: MessageValue; max: MessageValue };
  'core.field.tooManyChoices': { max: MessageValue };
  'core.form.alreadySent': never;
  'core.form.errors': never;
  'core.form.sent': { title: MessageValue };
  'core.identity.noCommunity': never;
  'core.identity.unknownUser': { community: MessageValue; contact: MessageValue };
  'core.identity.unknownUserNoContact': { community: MessageValue };
  'core.route.didYouMean': { suggestion: MessageValue };
  'core.route.typeHelp': never;
  'core.route.unknownCommand': { text: MessageValue };
}

export const texts = defineCatalog<Messages>('core', { nb, nn, en });
