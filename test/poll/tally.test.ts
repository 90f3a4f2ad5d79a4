/** Counting per poll type, and when the reminder goes out. */
import { describe, expect, it } from 'vitest';
import { countBallots, type Ballot } from '../../dialogs/poll/tally.js';
import { reminderTime } from '../../dialogs/poll/rules.js';

const opts = (...labels: string[]) => labels.map((label, i) => ({ id: String(i + 1), label }));
const b = (over: Partial<Ballot>): Ballot => ({ choices: [], scale: null, pros: '', cons: '', reason: '', ...over });

describe('countBallots', () => {
  it('single choice: votes per option out of all ballots', () => {
    const t = countBallots({ type: 'single', options: opts('A', 'B', 'C') }, [b({ choices: ['1'] }), b({ choices: ['2'] }), b({ choices: ['1'] })]);
    expect(t.ballots).toBe(3);
    expect(t.counts.map((c) => c.count)).toEqual([2, 1, 0]);
  });

  it('multiple choice: each voter counts once per option', () => {
    const t = countBallots({ type: 'multiple', options: opts('A', 'B', 'C') }, [b({ choices: ['1', '2'] }), b({ choices: ['2', '2'] })]);
    expect(t.counts.map((c) => c.count)).toEqual([1, 2, 0]);
  });

  it('scale: distribution over 1–5 and the mean', () => {
    const t = countBallots({ type: 'scale', options: opts('1', '2', '3', '4', '5') }, [b({ scale: 5 }), b({ scale: 4 }), b({ scale: 4 }), b({ scale: 2 })]);
    expect(t.counts.map((c) => c.count)).toEqual([0, 1, 0, 2, 1]);
    expect(t.mean).toBeCloseTo(3.75);
  });

  it('ranking: Borda points, n−1 for first, unranked 0; ties broken by first places', () => {
    const t = countBallots({ type: 'ranking', options: opts('A', 'B', 'C', 'D') }, [
      b({ choices: ['2', '1', '3', '4'] }), // B3 A2 C1 D0
      b({ choices: ['1', '2'] }), //            A3 B2
      b({ choices: ['3', '2', '1', '4'] }), // C3 B2 A1 D0
    ]);
    expect(t.borda.map((r) => [r.label, r.points])).toEqual([
      ['B', 7],
      ['A', 6],
      ['C', 4],
      ['D', 0],
    ]);
  });

  it('open: the answers, without empty ones', () => {
    const t = countBallots({ type: 'open', options: [] }, [b({ pros: 'Nærmare innbyggjarane' }), b({ cons: 'Fleire møte' }), b({})]);
    expect(t.answers).toHaveLength(2);
  });
});

describe('reminderTime', () => {
  const now = new Date('2026-03-01T10:00:00Z');
  it('goes out the lead time before closing', () => {
    expect(reminderTime(now, new Date('2026-03-05T10:00:00Z'), 24 * 3600_000)?.toISOString()).toBe('2026-03-04T10:00:00.000Z');
  });
  it('goes out halfway when the lead time has already passed', () => {
    expect(reminderTime(now, new Date('2026-03-01T14:00:00Z'), 24 * 3600_000)?.toISOString()).toBe('2026-03-01T12:00:00.000Z');
  });
});
