/**
 * The neutral UI model: what dialogs produce and adapters render.
 * Nothing here knows about Slack, Teams or the terminal.
 */
import type { ActionPayload } from './payload.js';

export type Lang = 'nb' | 'nn' | 'en';
export const LANGS: readonly Lang[] = ['nb', 'nn', 'en'];
export type Platform = 'console' | 'slack' | 'teams';

export interface Button {
  label: string;
  action: ActionPayload;
  style?: 'primary' | 'danger';
}

export interface Option {
  value: string;
  label: string;
}

export type FieldKind = 'text' | 'longtext' | 'choice' | 'multichoice' | 'date' | 'datetime' | 'number';

export interface FormField {
  id: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  hint?: string;
  placeholder?: string;
  /** For text kinds. */
  maxLength?: number;
  /** For number kind. */
  min?: number;
  max?: number;
  /** For choice kinds. */
  options?: Option[];
  /** For multichoice: at most this many. */
  maxChoices?: number;
}

export type FormValue = string | string[];
export type FormValues = Record<string, FormValue>;

export interface Form {
  /** Stable id of the form within its dialog; adapters use it to tie a submission back. */
  id: string;
  title: string;
  submitLabel: string;
  fields: FormField[];
  /**
   * The action a submission is routed by. Its step (`s`) names the form: the core rebuilds the
   * form with dialog.form(ctx, s, a) to validate a submission, so a form is never trusted from
   * the client.
   */
  action: ActionPayload;
  /** Values typed so far (a draft, or what came back with errors). */
  values?: FormValues;
  /** Validation errors per field id, in the member's language. */
  errors?: Record<string, string>;
  /** Text shown above the fields. */
  intro?: string;
  /** false: what is typed here is never stored as a draft, not even when the form is refused. */
  keepDraft?: boolean;
}

export interface Bar {
  label: string;
  count: number;
  /** What 100 % means: the number of votes, voters or parties. */
  total: number;
}

/** A link shown by its label (a Slack link, a Teams «open URL» button); the terminal prints the URL. */
export interface Link {
  label: string;
  url: string;
}

export type Element =
  | { type: 'section'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'select'; label: string; placeholder?: string; options: Option[]; action: ActionPayload }
  | { type: 'form'; form: Form }
  | { type: 'bars'; bars: Bar[] }
  | { type: 'links'; links: Link[] }
  | { type: 'context'; text: string }
  | { type: 'divider' };

/**
 * Text in sections, fields and context may use a small markup that every adapter translates:
 * *bold*, _italic_, and bare URLs. Nothing else.
 */
export interface Reply {
  /** Plain-text summary, used for notifications and as the fallback wherever elements cannot be shown. */
  text: string;
  elements?: Element[];
  /** 'private': only the member who acted sees it (ephemeral on Slack). Default: the conversation. */
  visibility?: 'private' | 'conversation';
  /**
   * A stable key for a message that is updated in place later (e.g. a live poll tally).
   * Adapters remember the platform message for the key and update it instead of posting anew.
   */
  updateKey?: string;
  /**
   * Replaces the message the action or submission came from (the card clicked, the form sent),
   * where the platform can and the message is the member's own (a DM, an ephemeral message).
   * Elsewhere it is dropped: a reply like this is never the only one that says what happened.
   */
  replacesSource?: boolean;
}

export function reply(text: string, ...elements: Element[]): Reply {
  return elements.length ? { text, elements } : { text };
}

/** Every form in a reply, in order. */
export function formsIn(r: Reply): Form[] {
  return (r.elements ?? []).flatMap((e) => (e.type === 'form' ? [e.form] : []));
}
