/** The case dialog's plural messages, in every language, as a member reads them. */
import { describe, expect, it } from 'vitest';
import { texts } from '../../dialogs/case/texts.js';

const counts = [0, 1, 2, 5] as const;

describe('case texts: plurals', () => {
  it('proposals waiting for the secretariat', () => {
    const say = (lang: 'nb' | 'nn' | 'en') => counts.map((count) => texts(lang, 'case.status.waiting', { count }));
    expect(say('nb')).toEqual([
      '0 saksforslag venter på sekretariatet.',
      'Ett saksforslag venter på sekretariatet.',
      '2 saksforslag venter på sekretariatet.',
      '5 saksforslag venter på sekretariatet.',
    ]);
    expect(say('nn')).toEqual([
      '0 saksframlegg ventar på sekretariatet.',
      'Eitt saksframlegg ventar på sekretariatet.',
      '2 saksframlegg ventar på sekretariatet.',
      '5 saksframlegg ventar på sekretariatet.',
    ]);
    expect(say('en')).toEqual([
      '0 case proposals are waiting for the secretariat.',
      'One case proposal is waiting for the secretariat.',
      '2 case proposals are waiting for the secretariat.',
      '5 case proposals are waiting for the secretariat.',
    ]);
  });

  it('a case sent to the parties: the proposer’s notice', () => {
    const say = (lang: 'nb' | 'nn' | 'en') => counts.map((count) => texts(lang, 'case.notice.proposer.atPartners', { number: 'SSU 3/2031', title: 'Felles plan', count }));
    expect(say('nb')).toEqual([
      'Saken din *SSU 3/2031* «Felles plan» er sendt til 0 parter for egen behandling.',
      'Saken din *SSU 3/2031* «Felles plan» er sendt til 1 part for egen behandling.',
      'Saken din *SSU 3/2031* «Felles plan» er sendt til 2 parter for egen behandling.',
      'Saken din *SSU 3/2031* «Felles plan» er sendt til 5 parter for egen behandling.',
    ]);
    expect(say('nn')).toEqual([
      'Saka di *SSU 3/2031* «Felles plan» er send til 0 partar for eiga handsaming.',
      'Saka di *SSU 3/2031* «Felles plan» er send til 1 part for eiga handsaming.',
      'Saka di *SSU 3/2031* «Felles plan» er send til 2 partar for eiga handsaming.',
      'Saka di *SSU 3/2031* «Felles plan» er send til 5 partar for eiga handsaming.',
    ]);
    expect(say('en')).toEqual([
      'Your case *SSU 3/2031* «Felles plan» has been sent to 0 parties for their own decision.',
      'Your case *SSU 3/2031* «Felles plan» has been sent to 1 party for their own decision.',
      'Your case *SSU 3/2031* «Felles plan» has been sent to 2 parties for their own decision.',
      'Your case *SSU 3/2031* «Felles plan» has been sent to 5 parties for their own decision.',
    ]);
  });

  it('a case sent to the parties: the secretariat’s confirmation', () => {
    const say = (lang: 'nb' | 'nn' | 'en') => counts.map((count) => texts(lang, 'case.reply.atPartners', { number: 'SSU 3/2031', count }));
    expect(say('nb')).toEqual([
      '*SSU 3/2031* er sendt til 0 parter. Medlemmene deres er bedt om å registrere vedtakene.',
      '*SSU 3/2031* er sendt til 1 part. Medlemmene deres er bedt om å registrere vedtakene.',
      '*SSU 3/2031* er sendt til 2 parter. Medlemmene deres er bedt om å registrere vedtakene.',
      '*SSU 3/2031* er sendt til 5 parter. Medlemmene deres er bedt om å registrere vedtakene.',
    ]);
    expect(say('nn')).toEqual([
      '*SSU 3/2031* er send til 0 partar. Medlemmene deira er bedne om å registrere vedtaka.',
      '*SSU 3/2031* er send til 1 part. Medlemmene deira er bedne om å registrere vedtaka.',
      '*SSU 3/2031* er send til 2 partar. Medlemmene deira er bedne om å registrere vedtaka.',
      '*SSU 3/2031* er send til 5 partar. Medlemmene deira er bedne om å registrere vedtaka.',
    ]);
    expect(say('en')).toEqual([
      '*SSU 3/2031* has been sent to 0 parties. Their members have been asked to record their decisions.',
      '*SSU 3/2031* has been sent to 1 party. Their members have been asked to record their decisions.',
      '*SSU 3/2031* has been sent to 2 parties. Their members have been asked to record their decisions.',
      '*SSU 3/2031* has been sent to 5 parties. Their members have been asked to record their decisions.',
    ]);
  });

  it('the history line of a send-out', () => {
    const say = (lang: 'nb' | 'nn' | 'en') => counts.map((count) => texts(lang, 'case.history.sendToPartners', { count }));
    expect(say('nb')).toEqual([
      'sendte saken til 0 parter for egen behandling',
      'sendte saken til 1 part for egen behandling',
      'sendte saken til 2 parter for egen behandling',
      'sendte saken til 5 parter for egen behandling',
    ]);
    expect(say('nn')).toEqual([
      'sende saka til 0 partar for eiga handsaming',
      'sende saka til 1 part for eiga handsaming',
      'sende saka til 2 partar for eiga handsaming',
      'sende saka til 5 partar for eiga handsaming',
    ]);
    expect(say('en')).toEqual([
      'sent it to 0 parties for their own decision',
      'sent it to 1 party for their own decision',
      'sent it to 2 parties for their own decision',
      'sent it to 5 parties for their own decision',
    ]);
  });

  it('the help line names the command in each language, with no branch in code', () => {
    expect(texts('nb', 'case.help.line')).toMatch(/^\*sak\*: foreslå en sak/);
    expect(texts('nn', 'case.help.line')).toMatch(/^\*sak\*: føreslå ei sak/);
    expect(texts('en', 'case.help.line')).toMatch(/^\*case\*: propose a case/);
  });

  it('all parties, with their number', () => {
    expect(texts('nb', 'case.form.partners.allParties', { count: 12 })).toBe('Alle parter (12)');
    expect(texts('nn', 'case.form.partners.allParties', { count: 12 })).toBe('Alle partar (12)');
    expect(texts('en', 'case.form.partners.allParties', { count: 12 })).toBe('All parties (12)');
  });
});
