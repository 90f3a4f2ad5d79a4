/**
 * Samla's errors: one family, one closed set of codes. Callers branch on the code, never on the
 * message; what a member reads for a code is chosen in one place (src/error-texts.ts), and a code
 * without a member-facing text is an operator's concern (logged; the member is told «try again»).
 */
/** A strategy draft or feedback that breaks a rule; the strategy's views say which, per field. */
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
] as const;

export const ERROR_CODES = [
  // Operating: configuration, database, the command line.
  'bad_config',
  'no_database',
  'no_community',
  'no_demo',
  'bad_import',
  'usage',
  // Turns and permissions.
  'forbidden',
  'payload_too_large',
  'lock_timeout',
  // Platforms, wrapped at the adapter's edge.
  'slack_call_failed',
  'teams_send_failed',
  // Cases.
  'case_busy',
  'case_meeting',
  'case_meeting_not_held',
  'case_not_found',
  'case_numbered',
  'case_refer_target',
  'case_transition',
  // Partner decisions.
  'partner_decision',
  'partner_not_asked',
  'partner_not_sent_out',
  'partner_parties',
  ...STRATEGY_ERROR_CODES,
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class SamlaError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SamlaError';
  }
}
