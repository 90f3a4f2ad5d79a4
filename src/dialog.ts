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
  /** When the member acted, by the platform's clock where it says (never later than now). */
  actedAt: Date;
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

/** What a button does: `args` are the button's own (never free text), `payload` the whole action. */
export type ActionHandler = (ctx: DialogContext, args: Args, payload: ActionPayload) => Promise<StepResult>;

/**
 * A form a dialog shows and receives. The core asks `refuse` before it is opened or sent, builds
 * it anew to validate a submission (a form is never trusted from the client), reads the cleaned
 * values into the form's own types, and only then calls `submit`. See src/form-spec.ts.
 */
export interface FormHandler<V = unknown> {
  spec: { dialog: string; id: string; read(values: CleanValues): V };
  /**
   * Why this member may not use the form, in their language; null when they may. The core asks
   * before it is opened and before it is sent, so a crafted «open this form» button is refused
   * like a crafted submission.
   */
  refuse?(ctx: DialogContext, args: Args): Promise<string | null>;
  /** The form as it stands now, or null when it no longer applies. */
  build(ctx: DialogContext, args: Args): Promise<Form | null>;
  submit(ctx: DialogContext, values: V, args: Args): Promise<StepResult>;
}

/** A command of `npm run samla -- <name> …` that a capability brings. */
export interface CliCommand {
  usage: string;
  /** Runs with the database open; returns the process's exit code. */
  run(args: string[], print: (line: string) => void): Promise<number>;
}

export interface Dialog {
  id: string;
  /** Command words, per language; every language's words work for everyone. */
  commands: Record<Lang, string[]>;
  /** One line for «hjelp», or null when this member cannot use the dialog. */
  helpLine?(ctx: DialogContext): string | null;
  /** `word` is the command word as typed (lower-case), for dialogs with more than one. */
  command?(ctx: DialogContext, args: string, word: string): Promise<StepResult>;
  /** Buttons, by step name (`payload.s`). */
  actions?: Record<string, ActionHandler>;
  /** Forms, by form id; each key is its spec's id. */
  forms?: Record<string, FormHandler<unknown>>;
  /** Free text while this dialog holds the conversation. */
  text?(ctx: DialogContext, text: string): Promise<StepResult>;
  /** What this capability adds to the member's «status» dashboard (and Slack's App Home). */
  status?(ctx: DialogContext): Promise<Element[]>;
  /** The member's home view (Slack's App Home): one dialog provides it, the dashboard. */
  home?(ctx: DialogContext): Promise<Reply>;
  /** What this capability adds to the demo community when it is seeded. */
  seedDemo?(community: CommunityDoc): Promise<void>;
  /** Commands of `npm run samla`, by name. */
  cli?: Record<string, CliCommand>;
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
