/**
 * Counting a poll's ballots, per poll type: pure functions over what is stored, so the live
 * message, the results at close and the export all count the same way.
 */
import type { PollType } from '../../models/poll.js';

export interface Ballot {
  choices: string[];
  scale: number | null;
  pros: string;
  cons: string;
  reason: string;
}

export interface OptionCount {
  id: string;
  label: string;
  count: number;
}

export interface BordaRow {
  id: string;
  label: string;
  points: number;
  /** How many ranked it first (the tie-breaker after points). */
  firsts: number;
}

export interface Tally {
  type: PollType;
  ballots: number;
  /** single/multiple: voters per option; scale: ballots per step 1–5; ranking: first places. */
  counts: OptionCount[];
  /** Scale: the mean of the steps chosen, null with no ballots. */
  mean: number | null;
  /** Ranking: options by Borda points (n−1 for first place … 0 for last or unranked), best first. */
  borda: BordaRow[];
  /** Open: the answers, in a stable order that says nothing about who or when. */
  answers: { pros: string; cons: string }[];
}

export function countBallots(poll: { type: PollType; options: { id: string; label: string }[] }, ballots: Ballot[]): Tally {
  const counts = new Map(poll.options.map((o) => [o.id, 0]));
  const n = poll.options.length;
  const points = new Map(poll.options.map((o) => [o.id, 0]));
  const firsts = new Map(poll.options.map((o) => [o.id, 0]));
  let scaleSum = 0;
  let scaleN = 0;
  const answers: Tally['answers'] = [];

  for (const b of ballots) {
    switch (poll.type) {
      case 'single':
      case 'multiple':
        for (const c of new Set(b.choices)) if (counts.has(c)) counts.set(c, counts.get(c)! + 1);
        break;
      case 'scale': {
        const id = String(b.scale);
        if (b.scale !== null && counts.has(id)) {
          counts.set(id, counts.get(id)! + 1);
          scaleSum += b.scale;
          scaleN++;
        }
        break;
      }
      case 'ranking': {
        const ranked = [...new Set(b.choices)].filter((c) => points.has(c));
        ranked.forEach((c, i) => points.set(c, points.get(c)! + (n - 1 - i)));
        if (ranked[0]) {
          firsts.set(ranked[0], firsts.get(ranked[0])! + 1);
          counts.set(ranked[0], counts.get(ranked[0])! + 1);
        }
        break;
      }
      case 'open':
        if (b.pros || b.cons) answers.push({ pros: b.pros, cons: b.cons });
        break;
    }
  }

  const order = new Map(poll.options.map((o, i) => [o.id, i]));
  const borda =
    poll.type === 'ranking'
      ? poll.options
          .map((o) => ({ id: o.id, label: o.label, points: points.get(o.id)!, firsts: firsts.get(o.id)! }))
          .sort((a, b) => b.points - a.points || b.firsts - a.firsts || order.get(a.id)! - order.get(b.id)!)
      : [];
  answers.sort((a, b) => (a.pros + a.cons).localeCompare(b.pros + b.cons, 'nb'));

  return {
    type: poll.type,
    ballots: ballots.length,
    counts: poll.options.map((o) => ({ id: o.id, label: o.label, count: counts.get(o.id) ?? 0 })),
    mean: poll.type === 'scale' && scaleN ? scaleSum / scaleN : null,
    borda,
    answers,
  };
}

/** The most Borda points one option can get: every ballot ranks it first. */
export function maxBordaPoints(ballots: number, options: number): number {
  return ballots * Math.max(0, options - 1);
}
