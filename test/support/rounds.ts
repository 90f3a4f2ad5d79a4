/** An input round opened now by the demo secretariat, for tests and benchmarks of what follows. */
import { createRound } from '../../dialogs/input/service.js';
import type { RoundDoc } from '../../models/round.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { TestApp } from './app.js';

type NewRound = Parameters<typeof createRound>[1];

/** Opens a round for the municipalities with a week's deadline and no reminders; `over` changes any of it. */
export async function openRound(t: TestApp, over: Partial<Omit<NewRound, 'community' | 'createdBy'>> = {}): Promise<RoundDoc> {
  const { round } = await createRound(t.app.services, {
    community: t.community._id,
    createdBy: await t.member(DEMO_SECRETARIAT_EMAIL),
    title: 'Innspelsrunde',
    question: 'Kva bør helsefellesskapet prioritere?',
    themes: [],
    audience: { bodies: [], partyTypes: ['municipality'] },
    opensAt: null,
    deadline: new Date(Date.now() + 7 * 86_400_000),
    reminders: [],
    ...over,
  });
  return round;
}
