/**
 * The contract every dialog implements. A dialog gets a context and returns replies and its new
 * state; it never touches a platform. The core validates forms, keeps drafts and saves state.
 */
import type { Express } from 'express';
import type { CommunityDoc } from '../models/community.js';
import type { MemberDoc } from '../models/member.js';
import type { BodyDoc } from '../models/body.js';
import type { CleanValues } from './forms.js';
import type { ActionPayload } from './payload.js';
import type { Services } from './services.js';
import type { ExportSource } from './exports.js';
import type { FanOutTemplate } from './fanout.js';
import type { JobHandler } from './scheduler.js';
import type { Element, Form, Lang, Platform, Reply } from './ui.js';

export type DialogData = Record<string, unknown>;

export interface DialogContext {
  community: CommunityDoc;
  member: MemberDoc;
  lang: Lang;
  platform: Platform;
  /** The conversation the turn came from (a DM or a channel). */
  conversationId: string;
  where: 'direct' | 'channel';
  /** The body the channel is bound to, when the turn came from a bound channel. */
  channelBody: BodyDoc | null;
  /** The platform's id of the channel, for binding it to a body. */
  channelExternalId?: string;
  channelRef?: Record<string, unknown>;
  /** With an action: the text of the message it was invoked on (Slack message shortcut, Teams message action). */
  text?: string;
  /** This dialog's saved state in this conversation, or null. */
  state: DialogData | null;
  services: Services;
}

export interface StepResult {
  replies: Reply[];
  /** undefined: leave the state as it is; null: clear it; an object: save it and hold the conversation. */
  state?: DialogData | null;
  /** For a submission: errors per field id ('_form' for the whole form). The form is shown again with them. */
  errors?: Record<string, string>;
}

export type Args = ActionPayload['a'];

export interface Dialog {
  id: string;
  /** Command words, per language; every language's words work for everyone. */
  commands: Record<Lang, string[]>;
  /** One line for «hjelp», or null when this member cannot use the dialog. */
  helpLine?(ctx: DialogContext): string | null;
  /** `word` is the command word as typed (lower-case), for dialogs with more than one. */
  command?(ctx: DialogContext, args: string, word: string): Promise<StepResult>;
  action?(ctx: DialogContext, payload: ActionPayload): Promise<StepResult>;
  /**
   * Why this member may not use the form (open it or send it), in their language; null when they
   * may. The core asks before either, so a crafted «open this form» button is refused like a
   * crafted submission.
   */
  refuseForm?(ctx: DialogContext, formId: string, args: Args): Promise<string | null>;
  /** The definition of a form, so the core can validate a submission against it. Null: the form no longer applies. */
  form?(ctx: DialogContext, formId: string, args: Args): Promise<Form | null>;
  submit?(ctx: DialogContext, formId: string, values: CleanValues, args: Args): Promise<StepResult>;
  /** Free text while this dialog holds the conversation. */
  text?(ctx: DialogContext, text: string): Promise<StepResult>;
  /** What this capability adds to the member's «status» dashboard (and Slack's App Home). */
  status?(ctx: DialogContext): Promise<Element[]>;
  /** Scheduled jobs this capability runs, by job name. */
  jobs?(services: Services): Record<string, JobHandler>;
  /** Fan-out message templates, by name (see src/fanout.ts). */
  templates?(services: Services): Record<string, FanOutTemplate>;
  /** Export sources, by kind (see src/exports.ts). */
  exports?(services: Services): Record<string, ExportSource>;
  /** HTTP routes this capability serves on the bot's own server (e.g. a meeting's calendar file). */
  routes?(http: { app: Express; url: string }, services: Services): void;
}

export function done(...replies: Reply[]): StepResult {
  return { replies };
}
