// Written by `npm run i18n` from locales/*.json; edit those, not this file.
import { defineCatalog, type MessageValue } from '../../src/i18n.js';
import en from './locales/en.json' with { type: 'json' };
import nb from './locales/nb.json' with { type: 'json' };
import nn from './locales/nn.json' with { type: 'json' };

export interface Messages {
  'partner.button.record': { party: MessageValue };
  'partner.button.recordAnother': never;
  'partner.button.recordAny': never;
  'partner.button.remind': never;
  'partner.card.decisions': never;
  'partner.error.gone': never;
  'partner.error.notAsked': never;
  'partner.error.notYourParty': { title: MessageValue };
  'partner.form.record.comment.hint': never;
  'partner.form.record.comment.label': never;
  'partner.form.record.date.hint': never;
  'partner.form.record.date.label': never;
  'partner.form.record.decision.label': never;
  'partner.form.record.heading': never;
  'partner.form.record.intro': { title: MessageValue; party: MessageValue };
  'partner.form.record.introAny': { title: MessageValue };
  'partner.form.record.party.label': never;
  'partner.form.record.submit': never;
  'partner.notice.ask': { title: MessageValue; party: MessageValue };
  'partner.notice.remind': { party: MessageValue; title: MessageValue; progress: MessageValue };
  'partner.reply.nobodyMissing': never;
  'partner.reply.reminded': { members: number; parties: number };
  'partner.reply.saved': { party: MessageValue; decision: MessageValue; date: MessageValue };
  'partner.reply.unchanged': { party: MessageValue; decision: MessageValue; date: MessageValue };
  'partner.status.allDecided': { total: number };
  'partner.status.missing': { names: MessageValue };
  'partner.status.progress': { decided: MessageValue; total: number };
  'partner.type.decision': { decision: MessageValue };
}

export const texts = defineCatalog<Messages>('partner', { nb, nn, en });
