/**
 * What a member reads when a turn ends in a SamlaError no dialog explained itself: one table, with
 * a decision for every code (the compiler refuses a new code without one). null: an operator's
 * concern — logged, and the member hears «something went wrong, nothing is lost».
 */
import type { ErrorCode } from './errors.js';
import type { PlainKey } from './i18n.js';
import { texts as coreTexts, type Messages } from './texts.js';
import type { Lang } from './ui.js';

type CoreKey = PlainKey<Messages>;

// Dialogs explain their own codes where they have the context (a case that moved on, a field
// that is wrong); what reaches the core unexplained is one of these.
const MEMBER_TEXT: Record<ErrorCode, CoreKey | null> = {
  bad_config: null,
  no_database: null,
  no_community: null,
  no_demo: null,
  bad_import: null,
  usage: null,
  forbidden: 'core.error.notAllowed',
  payload_too_large: null,
  lock_timeout: null,
  slack_call_failed: null,
  teams_send_failed: null,
  case_busy: null,
  case_meeting: null,
  case_meeting_not_held: null,
  case_not_found: null,
  case_numbered: null,
  case_refer_target: null,
  case_transition: null,
  partner_decision: null,
  partner_not_asked: null,
  partner_not_sent_out: null,
  partner_parties: null,
  // The strategy's views explain these at the field they concern.
  no_sections: null,
  duplicate_heading: null,
  no_title: null,
  not_found: null,
  not_open: null,
  deadline_passed: null,
  deadline_past: null,
  no_audience: null,
  not_in_audience: null,
  too_long: null,
  national_id: null,
  unknown_section: null,
};

/** The member's text for an error's code, or null when it is not theirs to read. */
export function memberText(code: ErrorCode, lang: Lang): string | null {
  const key = MEMBER_TEXT[code];
  return key ? coreTexts(lang, key) : null;
}
