/** The partner catalog's plural messages, exactly as members read them in each language. */
import { describe, expect, it } from 'vitest';
import { texts } from '../../dialogs/partner/texts.js';

type Lang = 'nb' | 'nn' | 'en';
const counts = [0, 1, 2, 5];

describe('partner texts', () => {
  it('the progress counts the parties', () => {
    const line = (lang: Lang) => counts.map((n) => texts(lang, 'partner.status.progress', { decided: 0, total: n }));
    expect(line('nb')).toEqual(['0 av 0 parter har fattet vedtak', '0 av 1 part har fattet vedtak', '0 av 2 parter har fattet vedtak', '0 av 5 parter har fattet vedtak']);
    expect(line('nn')).toEqual(['0 av 0 partar har gjort vedtak', '0 av 1 part har gjort vedtak', '0 av 2 partar har gjort vedtak', '0 av 5 partar har gjort vedtak']);
    expect(line('en')).toEqual(['0 of 0 parties have decided', '0 of 1 party has decided', '0 of 2 parties have decided', '0 of 5 parties have decided']);
  });

  it('all decided, one party or many', () => {
    const line = (lang: Lang) => counts.map((n) => texts(lang, 'partner.status.allDecided', { total: n }));
    expect(line('nb')).toEqual(['Alle 0 parter har fattet vedtak.', 'Parten har fattet vedtak.', 'Alle 2 parter har fattet vedtak.', 'Alle 5 parter har fattet vedtak.']);
    expect(line('nn')).toEqual(['Alle 0 partar har gjort vedtak.', 'Parten har gjort vedtak.', 'Alle 2 partar har gjort vedtak.', 'Alle 5 partar har gjort vedtak.']);
    expect(line('en')).toEqual(['All 0 parties have decided.', 'The party has decided.', 'All 2 parties have decided.', 'All 5 parties have decided.']);
  });

  it('the reminder sent counts members and parties', () => {
    const line = (lang: Lang) => counts.map((n) => texts(lang, 'partner.reply.reminded', { members: n, parties: n }));
    expect(line('nb')).toEqual([
      'Påminnelse sendt til 0 medlemmer i de 0 partene som ikke har fattet vedtak.',
      'Påminnelse sendt til 1 medlem i den ene parten som ikke har fattet vedtak.',
      'Påminnelse sendt til 2 medlemmer i de 2 partene som ikke har fattet vedtak.',
      'Påminnelse sendt til 5 medlemmer i de 5 partene som ikke har fattet vedtak.',
    ]);
    expect(line('nn')).toEqual([
      'Påminning sendt til 0 medlemmer i dei 0 partane som ikkje har gjort vedtak.',
      'Påminning sendt til 1 medlem i den eine parten som ikkje har gjort vedtak.',
      'Påminning sendt til 2 medlemmer i dei 2 partane som ikkje har gjort vedtak.',
      'Påminning sendt til 5 medlemmer i dei 5 partane som ikkje har gjort vedtak.',
    ]);
    expect(line('en')).toEqual([
      'Reminder sent to 0 members of the 0 parties that have not decided.',
      'Reminder sent to 1 member of the party that has not decided.',
      'Reminder sent to 2 members of the 2 parties that have not decided.',
      'Reminder sent to 5 members of the 5 parties that have not decided.',
    ]);
    expect(texts('nb', 'partner.reply.reminded', { members: 5, parties: 1 })).toBe('Påminnelse sendt til 5 medlemmer i den ene parten som ikke har fattet vedtak.');
  });

  it('the decision labels', () => {
    expect(texts.all('partner.type.decision', { decision: 'adopted_with_changes' })).toEqual(['vedtatt med endringer', 'vedteke med endringar', 'adopted with changes']);
    expect(texts.all('partner.type.decision', { decision: 'not_adopted' })).toEqual(['ikke vedtatt', 'ikkje vedteke', 'not adopted']);
  });
});
