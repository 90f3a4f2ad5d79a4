// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog, type MessageValue } from '../../src/i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'admin.error.labelTooLong': { max: MessageValue };
  'admin.error.needBody': never;
  'admin.error.needChannel': never;
  'admin.error.noBody': { name: MessageValue };
  'admin.error.notDemo': never;
  'admin.help.channel': never;
  'admin.help.demo': never;
  'admin.help.label': never;
  'admin.reply.bound': { body: MessageValue };
  'admin.reply.demoMembers': { count: MessageValue };
  'admin.reply.demoMembersChat': { count: MessageValue; platform: MessageValue };
  'admin.reply.label': { label: MessageValue };
  'admin.reply.labelSet': { label: MessageValue };
}

export const texts = defineCatalog<Messages>('admin', { nb, nn, en });
