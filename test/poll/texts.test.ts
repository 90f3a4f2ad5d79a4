/** The poll's counted messages read right for 0, 1, 2 and 5, and numbers are written as each language writes them. */
import { describe, expect, it } from 'vitest';
import { texts } from '../../dialogs/poll/texts.js';

const COUNTS = [0, 1, 2, 5] as const;

describe('poll texts: plurals', () => {
  it('ballots', () => {
    expect(COUNTS.map((n) => texts('nb', 'poll.card.ballots', { n }))).toEqual(['0 stemmer', '1 stemme', '2 stemmer', '5 stemmer']);
    expect(COUNTS.map((n) => texts('nn', 'poll.card.ballots', { n }))).toEqual(['0 røyster', '1 røyst', '2 røyster', '5 røyster']);
    expect(COUNTS.map((n) => texts('en', 'poll.card.ballots', { n }))).toEqual(['0 votes', '1 vote', '2 votes', '5 votes']);
  });

  it('participation of members', () => {
    const line = (lang: 'nb' | 'nn' | 'en') => COUNTS.map((eligible) => texts(lang, 'poll.card.participation.members', { voted: 0, eligible }));
    expect(line('nb')).toEqual(['0 av 0 medlemmer har stemt', '0 av 1 medlem har stemt', '0 av 2 medlemmer har stemt', '0 av 5 medlemmer har stemt']);
    expect(line('nn')).toEqual(['0 av 0 medlemmer har røysta', '0 av 1 medlem har røysta', '0 av 2 medlemmer har røysta', '0 av 5 medlemmer har røysta']);
    expect(line('en')).toEqual(['0 of 0 members have voted', '0 of 1 member has voted', '0 of 2 members have voted', '0 of 5 members have voted']);
  });

  it('participation of parties', () => {
    const line = (lang: 'nb' | 'nn' | 'en') => COUNTS.map((eligible) => texts(lang, 'poll.card.participation.parties', { voted: 1, eligible }));
    expect(line('nb')).toEqual(['1 av 0 parter har svart', '1 av 1 part har svart', '1 av 2 parter har svart', '1 av 5 parter har svart']);
    expect(line('nn')).toEqual(['1 av 0 partar har svart', '1 av 1 part har svart', '1 av 2 partar har svart', '1 av 5 partar har svart']);
    expect(line('en')).toEqual(['1 of 0 parties have answered', '1 of 1 party has answered', '1 of 2 parties have answered', '1 of 5 parties have answered']);
  });

  it('the scale mean, with a decimal comma in nb and nn', () => {
    const line = (lang: 'nb' | 'nn' | 'en') => COUNTS.map((n) => texts(lang, 'poll.card.mean', { mean: 3.75, n }));
    expect(line('nb')).toEqual(['Gjennomsnitt: *3,8* (av 0 svar)', 'Gjennomsnitt: *3,8* (av 1 svar)', 'Gjennomsnitt: *3,8* (av 2 svar)', 'Gjennomsnitt: *3,8* (av 5 svar)']);
    expect(line('nn')).toEqual(['Gjennomsnitt: *3,8* (av 0 svar)', 'Gjennomsnitt: *3,8* (av 1 svar)', 'Gjennomsnitt: *3,8* (av 2 svar)', 'Gjennomsnitt: *3,8* (av 5 svar)']);
    expect(line('en')).toEqual(['Mean: *3.8* (from 0 answers)', 'Mean: *3.8* (from 1 answer)', 'Mean: *3.8* (from 2 answers)', 'Mean: *3.8* (from 5 answers)']);
    expect(texts('nb', 'poll.card.mean', { mean: 4, n: 2 })).toBe('Gjennomsnitt: *4,0* (av 2 svar)');
  });

  it('Borda points', () => {
    const row = (lang: 'nb' | 'nn' | 'en') => COUNTS.map((points) => texts(lang, 'poll.card.bordaRow', { rank: 1, label: 'Lønn', points }));
    expect(row('nb')).toEqual(['1. Lønn: 0 poeng', '1. Lønn: 1 poeng', '1. Lønn: 2 poeng', '1. Lønn: 5 poeng']);
    expect(row('nn')).toEqual(['1. Lønn: 0 poeng', '1. Lønn: 1 poeng', '1. Lønn: 2 poeng', '1. Lønn: 5 poeng']);
    expect(row('en')).toEqual(['1. Lønn: 0 points', '1. Lønn: 1 point', '1. Lønn: 2 points', '1. Lønn: 5 points']);
    const title = (lang: 'nb' | 'nn' | 'en') => COUNTS.map((top) => texts(lang, 'poll.card.bordaTitle', { top }));
    expect(title('nb')[1]).toBe('Rekkefølge etter Borda-telling (1 poeng for førsteplass, 0 for siste):');
    expect(title('nn')[2]).toBe('Rekkjefølgje etter Borda-teljing (2 poeng for førsteplass, 0 for siste):');
    expect(title('en')).toEqual([
      'Order by Borda count (0 points for first place, 0 for last):',
      'Order by Borda count (1 point for first place, 0 for last):',
      'Order by Borda count (2 points for first place, 0 for last):',
      'Order by Borda count (5 points for first place, 0 for last):',
    ]);
  });

  it('how long an export link works', () => {
    const line = (lang: 'nb' | 'nn' | 'en') => COUNTS.map((minutes) => texts(lang, 'poll.export.link', { minutes }));
    expect(line('nb')).toEqual([
      'Her er eksporten. Lenken virker i 0 minutter.',
      'Her er eksporten. Lenken virker i 1 minutt.',
      'Her er eksporten. Lenken virker i 2 minutter.',
      'Her er eksporten. Lenken virker i 5 minutter.',
    ]);
    expect(line('nn')).toEqual([
      'Her er eksporten. Lenkja verkar i 0 minutt.',
      'Her er eksporten. Lenkja verkar i 1 minutt.',
      'Her er eksporten. Lenkja verkar i 2 minutt.',
      'Her er eksporten. Lenkja verkar i 5 minutt.',
    ]);
    expect(line('en')).toEqual([
      'Here is the export; the link works for 0 minutes.',
      'Here is the export; the link works for 1 minute.',
      'Here is the export; the link works for 2 minutes.',
      'Here is the export; the link works for 5 minutes.',
    ]);
  });
});

describe('poll texts: help lines carry their own command words', () => {
  it('in each language', () => {
    expect(texts.all('poll.help.line')).toEqual([
      '*avstemning*: se åpne avstemninger og stem',
      '*avstemming*: sjå opne avstemmingar og røyst',
      '*poll*: see the open polls and vote',
    ]);
    expect(texts('nn', 'poll.help.new')).toBe('*avstemming ny*: lag ei avstemming i kanalen til eit organ (i kanalen, eller «avstemming ny SSU»)');
    expect(texts('en', 'poll.help.new')).toBe('*poll new*: create a poll in a body’s channel (in the channel, or «poll new SSU»)');
  });
});
