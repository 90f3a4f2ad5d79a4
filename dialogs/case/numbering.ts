/**
 * Case numbers: each body's own sequence per calendar year, taken when a case is accepted for a
 * meeting, and the agenda item that goes with it. A number is never repeated or skipped, even
 * when two acceptances race or a crash interrupts one.
 */
import type { Types } from 'mongoose';
import { TZDate } from '@date-fns/tz';
import { Body } from '../../models/body.js';
import { CaseNumber, type CaseDoc } from '../../models/case.js';
import { SamlaError } from '../../src/errors.js';
import { TZ } from '../../src/time.js';
import { addAgendaItem, removeAgendaItem } from '../meeting/service.js';
import { NUMBERED_STATES } from './rules.js';
import { change, current } from './store.js';

type Id = Types.ObjectId | string;

function isDuplicate(e: unknown): boolean {
  return (e as { code?: number }).code === 11000;
}

/** The calendar year (in Oslo) a meeting falls in: the year of the case number. */
export function yearOf(d: Date): number {
  return new TZDate(d, TZ).getFullYear();
}

/** Steps 2–4 of an acceptance; safe to run any number of times. */
export async function completeAcceptance(c: CaseDoc, actor: Id | null = null): Promise<CaseDoc> {
  if (!c.meeting || !NUMBERED_STATES.has(c.state)) return c;
  let now = c;
  if (!now.number) {
    const body = await Body.findById(now.body);
    if (!body) return now;
    const year = yearOf(now.meeting!.start);
    const seq = await takeNumber(now.community, body._id, year, now._id);
    const number = { body: body._id, year, seq, label: numberLabel(body.short, seq, year) };
    try {
      now = await change(
        now.community,
        now._id,
        (x) => {
          if (x.number || !x.meeting || String(x.body) !== String(body._id)) throw new SamlaError('case_numbered', 'numbered already, or moved on');
        },
        () => ({ number }),
      );
    } catch (e) {
      if (!(e instanceof SamlaError && e.code === 'case_numbered')) throw e;
      now = await current(now.community, now._id);
    }
  }
  if (now.number && now.meeting && String(now.number.body) === String(now.body)) {
    const { meeting, number, title, _id } = now;
    await addAgendaItem(meeting.id, { title, caseId: String(_id), caseNumber: number.label }, { actor });
    // Withdrawn or referred while it was being put on: its withdrawal may have looked at the
    // agenda before the item was there, so take it off again here. Either this read sees the
    // new state, or the withdrawal's removal comes after the item was added.
    if (!NUMBERED_STATES.has((await current(now.community, _id)).state)) await removeAgendaItem(meeting.id, _id, { actor });
  }
  return now;
}

function numberLabel(short: string, seq: number, year: number): string {
  return `${short} ${seq}/${year}`;
}

let ledgerReady: Promise<unknown> | null = null;

/**
 * The case's number in its body's sequence for the year: the one it already holds, or the next.
 * The next is taken by inserting the row after the highest; when two take the same, the unique
 * index lets one win and the other tries the one after — consecutive, never twice, never skipped.
 */
export async function takeNumber(community: Id, body: Id, year: number, caseId: Id): Promise<number> {
  // The unique indexes must exist before the first concurrent inserts.
  ledgerReady ??= CaseNumber.init();
  await ledgerReady;
  const key = { community, body, year };
  for (let attempt = 0; ; attempt++) {
    const held = await CaseNumber.findOne({ case: caseId, body, year });
    if (held) return held.seq;
    const last = await CaseNumber.findOne(key).sort({ seq: -1 });
    const seq = (last?.seq ?? 0) + 1;
    try {
      await CaseNumber.create({ ...key, seq, case: caseId });
      return seq;
    } catch (e) {
      if (!isDuplicate(e) || attempt > 500) throw e;
    }
  }
}

/** A number the ledger holds for the case in a body but the case never got written (a crash or a race). */
export async function ledgerNumber(c: CaseDoc) {
  if (!c.meeting) return null;
  const row = await CaseNumber.findOne({ case: c._id, body: c.body, year: yearOf(c.meeting.start) });
  const body = row ? await Body.findById(row.body) : null;
  return row && body ? { body: row.body, year: row.year, seq: row.seq, label: numberLabel(body.short, row.seq, row.year) } : null;
}
