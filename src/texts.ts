// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog, type MessageValue } from './i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'core.audience.progress.all': { label: MessageValue; answered: MessageValue; total: MessageValue };
  'core.audience.progress.missing': { label: MessageValue; answered: MessageValue; total: MessageValue; names: MessageValue };
  'core.demo.banner': never;
  'core.directory.partyType.gp': never;
  'core.directory.partyType.hospitalTrust': never;
  'core.directory.partyType.ks': never;
  'core.directory.partyType.municipality': never;
  'core.directory.partyType.privateIdeal': never;
  'core.directory.partyType.secretariat': never;
  'core.directory.partyType.union': never;
  'core.directory.partyType.userRep': never;
  'core.directory.role.deputyLeader': never;
  'core.directory.role.leader': never;
  'core.directory.role.member': never;
  'core.directory.role.observer': never;
  'core.directory.role.observerWithRights': never;
  'core.directory.role.secretariat': never;
  'core.document.made': { date: MessageValue };
  'core.document.page': { page: MessageValue; pages: MessageValue };
  'core.document.sensitivity': { label: MessageValue };
  'core.error.expiredAction': never;
  'core.error.notAllowed': never;
  'core.error.notSaved': never;
  'core.error.somethingWrong': never;
  'core.export.expired': never;
  'core.export.failed': never;
  'core.export.invalid': never;
  'core.export.nothing': never;
  'core.export.secretariatOnly': never;
  'core.export.unknown': never;
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
