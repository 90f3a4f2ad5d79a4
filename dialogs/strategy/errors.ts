/** The rules a strategy input can break; the views turn each code into a message in the member's language. */
import { SamlaError } from '../../src/errors.js';

export const STRATEGY_ERROR_CODES = [
  'no_sections',
  'duplicate_heading',
  'no_title',
  'not_found',
  'not_open',
  'deadline_passed',
  'deadline_past',
  'no_audience',
  'not_in_audience',
  'too_long',
  'national_id',
  'unknown_section',
  'empty',
] as const;
export type StrategyCode = (typeof STRATEGY_ERROR_CODES)[number];

export class StrategyError extends SamlaError {
  declare readonly code: StrategyCode;

  constructor(
    code: StrategyCode,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(code, code, detail);
    this.name = 'StrategyError';
  }
}
