/**
 * Drafts: what a member typed into a form and has not sent yet (or sent with errors). The core
 * keeps and fills them; a capability may need to forget them (an anonymous poll, once closed).
 */
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import { Draft } from '../models/draft.js';
import { valueHasNationalId } from './forms.js';
import { containsNationalId, redactNationalIds } from './guard.js';
import { dialogArgs, type ActionPayload } from './payload.js';
import type { Form, FormValue, FormValues, Reply } from './ui.js';

/** Whose drafts: a member in a community. */
interface Owner {
  community: { _id: Types.ObjectId };
  member: { _id: Types.ObjectId };
}

/** Drafts belong to a form, not to one showing of it: the instance is left out. */
export function draftKey(p: ActionPayload): string {
  const a = dialogArgs(p.a);
  const args = a ? createHash('sha1').update(JSON.stringify(a)).digest('hex').slice(0, 12) : '-';
  return `${p.d}:${p.s}:${args}`;
}

/** Forgets every member's draft of the form this action submits. */
export async function forgetDrafts(community: Types.ObjectId | string, formAction: ActionPayload): Promise<void> {
  await Draft.deleteMany({ community, key: draftKey(formAction) });
}

/** Keeps what the member typed (never an identity number, never a field the form does not have). */
export async function saveDraft(ctx: Owner, p: ActionPayload, values: FormValues, form: Form | null | undefined): Promise<void> {
  if (form?.keepDraft === false) return;
  await Draft.updateOne({ community: ctx.community._id, member: ctx.member._id, key: draftKey(p) }, { $set: { values: stripNationalIds(values, form) } }, { upsert: true });
}

/** Forgets the member's draft of this form, once it is sent. */
export async function forgetDraft(ctx: Owner, p: ActionPayload): Promise<void> {
  await Draft.deleteOne({ community: ctx.community._id, member: ctx.member._id, key: draftKey(p) });
}

/** A form shown without values gets the member's saved draft, so nothing typed is lost. */
export async function fillDrafts(ctx: Owner, replies: Reply[]): Promise<Reply[]> {
  const out: Reply[] = [];
  for (const r of replies) {
    if (!r.elements?.some((e) => e.type === 'form')) {
      out.push(r);
      continue;
    }
    const elements = [];
    for (const e of r.elements) {
      if (e.type === 'form' && !e.form.values) {
        const d = await Draft.findOne({ community: ctx.community._id, member: ctx.member._id, key: draftKey(e.form.action) }).lean();
        elements.push({ ...e, form: withOnlyChoices(d ? { ...e.form, values: usableDraft(e.form, d.values as FormValues) } : e.form, d?.values as FormValues | undefined) });
      } else elements.push(e.type === 'form' ? { ...e, form: withOnlyChoices(e.form) } : e);
    }
    out.push({ ...r, elements });
  }
  return out;
}

/**
 * A required choice with one possible answer comes answered: nobody should have to pick the only
 * body (or meeting) there is before they may send. What the member or the dialog gave stays; so
 * does a choice the member made that is no longer offered (left empty, not quietly replaced).
 */
function withOnlyChoices(form: Form, draft?: FormValues): Form {
  const only = form.fields.filter((f) => f.kind === 'choice' && f.required && f.options?.length === 1 && form.values?.[f.id] === undefined && draft?.[f.id] === undefined);
  if (!only.length) return form;
  return { ...form, values: { ...form.values, ...Object.fromEntries(only.map((f) => [f.id, f.options![0]!.value])) } };
}

/**
 * What of a draft fits the form as it is now: choices that are (still) options, and fields the
 * form still has. Platforms refuse a form whose preset choice is not one of its options.
 */
function usableDraft(form: Form, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of form.fields) {
    const v = values[f.id];
    if (v === undefined) continue;
    if (f.kind === 'choice' || f.kind === 'multichoice') {
      const allowed = new Set((f.options ?? []).map((o) => o.value));
      const kept = (Array.isArray(v) ? v : [v]).filter((x) => allowed.has(x));
      if (kept.length) out[f.id] = f.kind === 'choice' ? kept[0]! : kept;
    } else out[f.id] = v;
  }
  return out;
}

/**
 * What of a submission may be kept or shown back: an identity number in a text blacked out (the
 * rest of a long answer typed on a phone is kept), a choice holding one emptied, and with the form
 * known, only its own fields (a crafted field id is not kept).
 */
export function stripNationalIds(values: FormValues, form?: Form | null): FormValues {
  const known = form ? new Set(form.fields.map((f) => f.id)) : null;
  return Object.fromEntries(
    Object.entries(values)
      .filter(([k]) => (known ? known.has(k) : !containsNationalId(k)))
      .map(([k, v]) => [k, withoutNationalIds(v)]),
  );
}

function withoutNationalIds(v: FormValue): FormValue {
  if (!valueHasNationalId(v)) return v;
  if (Array.isArray(v)) return [];
  const redacted = redactNationalIds(String(v));
  // Whatever the redaction could not place is not kept at all.
  return containsNationalId(redacted) ? '' : redacted;
}
