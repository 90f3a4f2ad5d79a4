/**
 * A case is changed only by compare-and-set on its `rev`: checked against the case as it is,
 * written only if nobody changed it in between. Of two secretaries clicking at once, a double
 * click or a retry, only one succeeds, and a refused transition has no effect at all — in
 * particular it never takes a number.
 */
import type { Types } from 'mongoose';
import { Case, type CaseDoc, type CaseState } from '../../models/case.js';
import { SamlaError } from '../../src/errors.js';
import { CaseTransitionError, TRANSITIONS, allows, type CaseStep } from './rules.js';

type Id = Types.ObjectId | string;

export type Changes = Record<string, unknown>;

export async function current(community: Id, caseId: Id): Promise<CaseDoc> {
  const c = await Case.findOne({ _id: caseId, community });
  if (!c) throw new SamlaError('case_not_found', 'no such case');
  return c;
}

/**
 * One exclusive change of a case: check it against the case as it is now, and write it only if
 * the case is still at the revision checked. Losing to another change means reading again and
 * checking again.
 */
export async function change(community: Id, caseId: Id, check: (c: CaseDoc) => void, compute: (c: CaseDoc) => Changes | Promise<Changes>): Promise<CaseDoc> {
  for (let attempt = 0; ; attempt++) {
    const c = await current(community, caseId);
    check(c);
    const set = { ...(await compute(c)), rev: c.rev + 1 };
    const done = await Case.findOneAndUpdate({ _id: c._id, rev: c.rev }, { $set: set }, { new: true });
    if (done) return done;
    if (attempt > 50) throw new SamlaError('case_busy', 'the case kept changing under us');
  }
}

/**
 * Moves a case one step, only from a state the step allows. Throws CaseTransitionError (with the
 * case's actual state) when the step does not apply, and SamlaError 'case_not_found'.
 */
export async function move(community: Id, caseId: Id, step: CaseStep, compute: (c: CaseDoc) => Changes | Promise<Changes> = () => ({})): Promise<CaseDoc> {
  const t = TRANSITIONS[step];
  return change(
    community,
    caseId,
    (c) => {
      if (!allows(step, c.state)) throw new CaseTransitionError(step, c.state as CaseState);
    },
    async (c) => ({ ...(await compute(c)), state: t.to, stateAt: new Date() }),
  );
}
