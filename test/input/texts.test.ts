/** The input round's counted messages in nb, nn and en, for 0, 1, 2 and 5. */
import { describe, expect, it } from 'vitest';
import { texts } from '../../dialogs/input/texts.js';
import { answerForm } from '../../dialogs/input/forms.js';
import type { RoundDoc } from '../../models/round.js';

const N = [0, 1, 2, 5] as const;

describe('input texts: plurals', () => {
  it('a round’s progress: parties that have answered, and contributions', () => {
    const progress = (lang: 'nb' | 'nn' | 'en') => N.map((n) => texts(lang, 'input.card.progress', { answered: 0, total: n, count: n }));
    expect(progress('nb')).toEqual([
      '0 av 0 parter har svart; 0 innspill.',
      '0 av 1 part har svart; 1 innspill.',
      '0 av 2 parter har svart; 2 innspill.',
      '0 av 5 parter har svart; 5 innspill.',
    ]);
    expect(progress('nn')).toEqual([
      '0 av 0 partar har svart; 0 innspel.',
      '0 av 1 part har svart; 1 innspel.',
      '0 av 2 partar har svart; 2 innspel.',
      '0 av 5 partar har svart; 5 innspel.',
    ]);
    expect(progress('en')).toEqual([
      '0 of 0 parties have answered; 0 contributions.',
      '0 of 1 party has answered; 1 contribution.',
      '0 of 2 parties have answered; 2 contributions.',
      '0 of 5 parties have answered; 5 contributions.',
    ]);
  });

  it('the summary’s head', () => {
    const head = (lang: 'nb' | 'nn' | 'en') => N.map((n) => texts(lang, 'input.card.summary', { title: 'Kompetanse', count: n, answered: 1, total: n }));
    expect(head('nb')).toEqual([
      'Sammendrag av «Kompetanse»: 0 innspill fra 1 av 0 parter.',
      'Sammendrag av «Kompetanse»: 1 innspill fra 1 av 1 part.',
      'Sammendrag av «Kompetanse»: 2 innspill fra 1 av 2 parter.',
      'Sammendrag av «Kompetanse»: 5 innspill fra 1 av 5 parter.',
    ]);
    expect(head('nn')).toEqual([
      'Samandrag av «Kompetanse»: 0 innspel frå 1 av 0 partar.',
      'Samandrag av «Kompetanse»: 1 innspel frå 1 av 1 part.',
      'Samandrag av «Kompetanse»: 2 innspel frå 1 av 2 partar.',
      'Samandrag av «Kompetanse»: 5 innspel frå 1 av 5 partar.',
    ]);
    expect(head('en')).toEqual([
      'Summary of «Kompetanse»: 0 contributions from 1 of 0 parties.',
      'Summary of «Kompetanse»: 1 contribution from 1 of 1 party.',
      'Summary of «Kompetanse»: 2 contributions from 1 of 2 parties.',
      'Summary of «Kompetanse»: 5 contributions from 1 of 5 parties.',
    ]);
  });

  it('reminders sent to the members of parties that have not answered', () => {
    const reminded = (lang: 'nb' | 'nn' | 'en') => N.map((n) => texts(lang, 'input.reply.reminded', { members: n, parties: n }));
    expect(reminded('nb')).toEqual([
      'Påminnelser sendes til 0 medlemmer i 0 parter som ikke har svart.',
      'Påminnelser sendes til 1 medlem i 1 part som ikke har svart.',
      'Påminnelser sendes til 2 medlemmer i 2 parter som ikke har svart.',
      'Påminnelser sendes til 5 medlemmer i 5 parter som ikke har svart.',
    ]);
    expect(reminded('nn')).toEqual([
      'Påminningar blir sende til 0 medlemer i 0 partar som ikkje har svart.',
      'Påminningar blir sende til 1 medlem i 1 part som ikkje har svart.',
      'Påminningar blir sende til 2 medlemer i 2 partar som ikkje har svart.',
      'Påminningar blir sende til 5 medlemer i 5 partar som ikkje har svart.',
    ]);
    expect(reminded('en')).toEqual([
      'Reminders are going out to 0 members in 0 parties that have not answered.',
      'Reminders are going out to 1 member in 1 party that has not answered.',
      'Reminders are going out to 2 members in 2 parties that have not answered.',
      'Reminders are going out to 5 members in 5 parties that have not answered.',
    ]);
  });

  it('a party’s answers so far, none being «not yet»', () => {
    const party = (lang: 'nb' | 'nn' | 'en') => N.map((n) => texts(lang, 'input.status.party', { party: 'Fedje kommune', count: n }));
    expect(party('nb')).toEqual([
      'Fedje kommune har ikke svart ennå.',
      'Fedje kommune har svart (1 innspill).',
      'Fedje kommune har svart (2 innspill).',
      'Fedje kommune har svart (5 innspill).',
    ]);
    expect(party('nn')).toEqual([
      'Fedje kommune har ikkje svart enno.',
      'Fedje kommune har svart (1 innspel).',
      'Fedje kommune har svart (2 innspel).',
      'Fedje kommune har svart (5 innspel).',
    ]);
    expect(party('en')).toEqual([
      'Fedje kommune has not answered yet.',
      'Fedje kommune has answered (1 contribution).',
      'Fedje kommune has answered (2 contributions).',
      'Fedje kommune has answered (5 contributions).',
    ]);
  });

  it('free input of the last 30 days on the dashboard', () => {
    const free = (lang: 'nb' | 'nn' | 'en') => N.map((n) => texts(lang, 'input.status.free', { count: n }));
    expect(free('nb')).toEqual([
      '0 frie innspill de siste 30 dagene («innspill frie»).',
      '1 fritt innspill de siste 30 dagene («innspill frie»).',
      '2 frie innspill de siste 30 dagene («innspill frie»).',
      '5 frie innspill de siste 30 dagene («innspill frie»).',
    ]);
    expect(free('nn')).toEqual([
      '0 frie innspel dei siste 30 dagane («innspel frie»).',
      '1 fritt innspel dei siste 30 dagane («innspel frie»).',
      '2 frie innspel dei siste 30 dagane («innspel frie»).',
      '5 frie innspel dei siste 30 dagane («innspel frie»).',
    ]);
    expect(free('en')).toEqual([
      '0 free contributions in the last 30 days («input free»).',
      '1 free contribution in the last 30 days («input free»).',
      '2 free contributions in the last 30 days («input free»).',
      '5 free contributions in the last 30 days («input free»).',
    ]);
  });

  it('reminder choices in days and hours before the deadline', () => {
    const days = (lang: 'nb' | 'nn' | 'en') => N.map((n) => texts(lang, 'input.reminder.daysBefore', { count: n }));
    const hours = (lang: 'nb' | 'nn' | 'en') => N.map((n) => texts(lang, 'input.reminder.hoursBefore', { count: n }));
    expect(days('nb')).toEqual(['0 dager før', '1 dag før', '2 dager før', '5 dager før']);
    expect(days('nn')).toEqual(['0 dagar før', '1 dag før', '2 dagar før', '5 dagar før']);
    expect(days('en')).toEqual(['0 days before', '1 day before', '2 days before', '5 days before']);
    expect(hours('nb')).toEqual(['0 timer før', '1 time før', '2 timer før', '5 timer før']);
    expect(hours('nn')).toEqual(['0 timar før', '1 time før', '2 timar før', '5 timar før']);
    expect(hours('en')).toEqual(['0 hours before', '1 hour before', '2 hours before', '5 hours before']);
  });

  it('how long the export links work', () => {
    const links = (lang: 'nb' | 'nn' | 'en') => N.map((n) => texts(lang, 'input.export.freeLinks', { minutes: n }));
    expect(links('nb')).toEqual([0, 1, 2, 5].map((n) => `Alle frie innspill som fil: lenkene virker i ${n} ${n === 1 ? 'minutt' : 'minutter'}, bare for sekretariatet.`));
    expect(links('nn')).toEqual([0, 1, 2, 5].map((n) => `Alle frie innspel som fil: lenkjene verkar i ${n} minutt, berre for sekretariatet.`));
    expect(links('en')).toEqual([0, 1, 2, 5].map((n) => `All free input as a file: the links work for ${n} ${n === 1 ? 'minute' : 'minutes'}, for the secretariat only.`));
  });

  it('a round opened: members and parties invited', () => {
    const opened = (lang: 'nb' | 'nn' | 'en') =>
      N.map((n) => texts(lang, 'input.reply.opened', { no: 3, title: 'Kompetanse', members: n, parties: n, deadline: '15. desember kl. 12.00' }));
    expect(opened('nb')[1]).toBe('Runde 3 «Kompetanse» er åpnet. Invitasjoner sendes til 1 medlem i 1 part. Frist: 15. desember kl. 12.00.');
    expect(opened('nb')[3]).toBe('Runde 3 «Kompetanse» er åpnet. Invitasjoner sendes til 5 medlemmer i 5 parter. Frist: 15. desember kl. 12.00.');
    expect(opened('nn')[0]).toBe('Runde 3 «Kompetanse» er opna. Invitasjonar blir sende til 0 medlemer i 0 partar. Frist: 15. desember kl. 12.00.');
    expect(opened('nn')[2]).toBe('Runde 3 «Kompetanse» er opna. Invitasjonar blir sende til 2 medlemer i 2 partar. Frist: 15. desember kl. 12.00.');
    expect(opened('en')[1]).toBe('Round 3 «Kompetanse» is open. Invitations are going out to 1 member in 1 party. Deadline: 15. desember kl. 12.00.');
    expect(opened('en')[3]).toBe('Round 3 «Kompetanse» is open. Invitations are going out to 5 members in 5 parties. Deadline: 15. desember kl. 12.00.');
  });
});

describe('input texts: priority groups', () => {
  it('names the known groups in each language, and shows an unknown one as stored', () => {
    expect(texts('nb', 'input.group.label', { group: 'mental_health' })).toBe('Alvorlige psykiske lidelser og rusproblemer');
    expect(texts('nn', 'input.group.label', { group: 'frail_elderly' })).toBe('Skrøpelege eldre');
    expect(texts('en', 'input.group.label', { group: 'children' })).toBe('Children and young people');
    expect(texts('nn', 'input.group.label', { group: 'something_else' })).toBe('something_else');
  });
});

describe('the answer form', () => {
  it('names the round once, with its question and deadline under it', () => {
    const round = { _id: '6b1064b543b3da472c354e85', title: 'Prøverunde: legevakt', question: 'Kva treng legevakta?', deadline: new Date('2026-12-15T11:00:00Z'), themes: [] };
    const intro = answerForm(round as unknown as RoundDoc, 'nn', 0).intro!;
    expect(intro.split('Prøverunde: legevakt')).toHaveLength(2);
    expect(intro).toContain('Kva treng legevakta?');
    expect(intro).toContain('Frist tysdag 15. desember 2026 kl. 12:00');
  });
});
