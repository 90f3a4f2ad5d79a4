/**
 * One way to drive a dialog through any platform, so the shared suites in test/shared run the same
 * conversation through the console, the Slack adapter and the Teams adapter. Each driver turns
 * what its platform shows (terminal text, Block Kit, Adaptive Cards) into `Seen`.
 */
import type { Platform } from '../../src/ui.js';
import type { TestApp } from './app.js';

export interface SeenForm {
  title: string;
  fields: { id: string; label: string }[];
  values: Record<string, string | string[]>;
  /** Errors per field id ('_form' for the whole form). */
  errors: Record<string, string>;
}

export interface Seen {
  /** All visible text of the message, markup removed. */
  text: string;
  /** Labels of its buttons (and select options), in order. */
  buttons: string[];
  form?: SeenForm;
  /** Only the acting user sees it (Slack ephemeral); false for normal messages. */
  private: boolean;
  /** The message was updated in place (the card clicked), not posted anew. */
  updated?: boolean;
  /** Links shown by a label (Slack <url|label>, Teams Action.OpenUrl, «label: url» in the terminal). */
  links?: { label: string; url: string }[];
}

export interface ChatUser {
  email: string;
  /** Says something to the bot in a direct message, or in the channel bound to a body (by body key). */
  say(text: string, where?: { channel: string }): Promise<Seen[]>;
  /** Clicks the button whose label matches, in the newest message that has one. */
  click(label: string | RegExp): Promise<Seen[]>;
  /** Fills in and submits the form open now (values by field id). */
  submit(values: Record<string, string | string[]>): Promise<Seen[]>;
  /**
   * Sends the last submitted form again exactly as it was (a second click on a Teams card's
   * Send, a double submit of a Slack modal). The terminal has no such thing: undefined there.
   */
  resubmit?(): Promise<Seen[]>;
  /** What the bot sent this user on its own (reminders, notices) since the last call. */
  inbox(): Promise<Seen[]>;
}

export interface ChatDriver {
  platform: Platform;
  user(email: string): Promise<ChatUser>;
  /** What the bot posted in the body's channel since the last call. */
  channel(bodyKey: string): Promise<Seen[]>;
  close(): Promise<void>;
}

export type DriverFactory = (t: TestApp) => Promise<ChatDriver>;

/** Every labelled link in the messages, in order. */
export function linksIn(seen: Seen[]): { label: string; url: string }[] {
  return seen.flatMap((s) => s.links ?? []);
}

/** The URL of the first labelled link whose label matches. */
export function linkUrl(seen: Seen[], label: string | RegExp): string | undefined {
  return linksIn(seen).find((l) => (typeof label === 'string' ? l.label.includes(label) : label.test(l.label)))?.url;
}

export function texts(seen: Seen[]): string {
  return seen.map((s) => s.text).join('\n');
}
