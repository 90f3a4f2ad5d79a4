/** The meeting catalog's plural messages, exactly as members read them in each language. */
import { describe, expect, it } from 'vitest';
import { texts } from '../../dialogs/meeting/texts.js';

describe('meeting texts', () => {
  it('the dashboard line counts meetings and missing answers', () => {
    const line = (lang: 'nb' | 'nn' | 'en', n: number) => texts(lang, 'meeting.status.line', { count: n, missing: n });
    expect([0, 1, 2, 5].map((n) => line('nb', n))).toEqual([
      'Du har 0 kommende møter, og du har svart.',
      'Du har 1 kommende møte, og 1 venter på svaret ditt.',
      'Du har 2 kommende møter, og 2 venter på svaret ditt.',
      'Du har 5 kommende møter, og 5 venter på svaret ditt.',
    ]);
    expect([0, 1, 2, 5].map((n) => line('nn', n))).toEqual([
      'Du har 0 komande møte, og du har svart.',
      'Du har 1 komande møte, og 1 ventar på svaret ditt.',
      'Du har 2 komande møte, og 2 ventar på svaret ditt.',
      'Du har 5 komande møte, og 5 ventar på svaret ditt.',
    ]);
    expect([0, 1, 2, 5].map((n) => line('en', n))).toEqual([
      'You have 0 upcoming meetings, and you have answered.',
      'You have 1 upcoming meeting, and 1 is waiting for your answer.',
      'You have 2 upcoming meetings, and 2 are waiting for your answer.',
      'You have 5 upcoming meetings, and 5 are waiting for your answer.',
    ]);
  });

  it('counts meetings and missing answers each on their own', () => {
    expect(texts('nb', 'meeting.status.line', { count: 2, missing: 0 })).toBe('Du har 2 kommende møter, og du har svart.');
    expect(texts('nn', 'meeting.status.line', { count: 1, missing: 1 })).toBe('Du har 1 komande møte, og 1 ventar på svaret ditt.');
    expect(texts('en', 'meeting.status.line', { count: 5, missing: 1 })).toBe('You have 5 upcoming meetings, and 1 is waiting for your answer.');
  });
});
