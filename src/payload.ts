/**
 * Action payloads: compact, versioned, and always within Slack's 2,000-character action value.
 */
import { z } from 'zod';
import { SamlaError } from './errors.js';

export const PAYLOAD_VERSION = 1;
export const MAX_PAYLOAD_CHARS = 2000;

export interface ActionPayload {
  /** Dialog id. */
  d: string;
  /** Step or action name within the dialog. */
  s: string;
  /** Small arguments: ids and choices, never free text. */
  a?: Record<string, string | number | boolean>;
}

const wire = z.object({
  v: z.literal(PAYLOAD_VERSION),
  d: z.string().min(1).max(40),
  s: z.string().min(1).max(60),
  a: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export function action(d: string, s: string, a?: ActionPayload['a']): ActionPayload {
  const p: ActionPayload = a ? { d, s, a } : { d, s };
  encodePayload(p); // fail early, where the payload is built, rather than on the platform
  return p;
}

export function encodePayload(p: ActionPayload): string {
  const s = JSON.stringify({ v: PAYLOAD_VERSION, ...p });
  if (s.length > MAX_PAYLOAD_CHARS) {
    throw new SamlaError('payload_too_large', `action payload is ${s.length} characters (max ${MAX_PAYLOAD_CHARS})`);
  }
  return s;
}

/** Decodes a payload, or returns null for anything that is not one of ours (old versions included). */
export function decodePayload(raw: string): ActionPayload | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const r = wire.safeParse(parsed);
  if (!r.success) return null;
  const { d, s, a } = r.data;
  return a ? { d, s, a } : { d, s };
}

/**
 * The argument that names one shown form (an instance): the core adds it to every form it shows,
 * so the same card or modal sent twice is recognised. Dialogs never see it.
 */
export const FORM_INSTANCE_ARG = '@i';

/** A form action's arguments as the dialog knows them, without the core's own. */
export function dialogArgs(a: ActionPayload['a']): ActionPayload['a'] {
  if (!a || !(FORM_INSTANCE_ARG in a)) return a;
  const { [FORM_INSTANCE_ARG]: _instance, ...rest } = a;
  return Object.keys(rest).length ? rest : undefined;
}

/** The step name of the core's generic «open this form» action (see openFormAction). */
export const OPEN_FORM_STEP = '@form';

/**
 * An action that opens a form anew: what an adapter puts on a button when it cannot show the
 * form where it stands (e.g. Slack needs a click's trigger id to open a modal).
 */
export function openFormAction(form: { action: ActionPayload }): ActionPayload {
  return action(form.action.d, OPEN_FORM_STEP, { ...(form.action.a ?? {}), '@f': form.action.s });
}
