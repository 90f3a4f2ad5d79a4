/** The rules a strategy input can break; the views turn each code into a message in the member's language. */
import { SamlaError, STRATEGY_ERROR_CODES } from '../../src/errors.js';

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
