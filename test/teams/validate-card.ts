/** Adaptive Card validation with the `adaptivecards` package (its UMD build runs in Node), for schema 1.5. */
import { createRequire } from 'node:module';

interface AcEvent {
  message: string;
}
interface AcModule {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: AcEvent[] } };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): AcEvent };
  Versions: { v1_5: unknown };
}

const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AcModule;

/** Every problem the library finds when it parses and validates the card as version 1.5. */
export function cardProblems(card: unknown): string[] {
  const c = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  c.parse(card, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) problems.push(ctx.getEventAt(i).message);
  for (const e of c.validateProperties().validationEvents) problems.push(e.message);
  if ((card as { version?: string }).version !== '1.5') problems.push(`version is ${(card as { version?: string }).version}`);
  return problems;
}
