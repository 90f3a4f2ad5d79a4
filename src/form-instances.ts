/**
 * Form instances: every form the core shows carries an id of its own, so the same card or modal
 * sent twice is recognised (see the core's claim in src/bot.ts), and the form that was sent shows
 * that it was.
 */
import { randomBytes } from 'node:crypto';
import { FORM_INSTANCE_ARG } from './payload.js';
import { texts as coreTexts } from './texts.js';
import type { Form, Lang, Reply } from './ui.js';

/** The form as one showing of it: the instance id rides along with its submission. */
export function withInstance(form: Form, instance: string | number | boolean): Form {
  return { ...form, action: { ...form.action, a: { ...(form.action.a ?? {}), [FORM_INSTANCE_ARG]: instance } } };
}

/** Every form shown gets an instance id of its own (one it brought along is kept). */
export function stampForms(replies: Reply[]): Reply[] {
  return replies.map((r) =>
    r.elements?.some((e) => e.type === 'form' && e.form.action.a?.[FORM_INSTANCE_ARG] === undefined)
      ? {
          ...r,
          elements: r.elements.map((e) =>
            e.type === 'form' && e.form.action.a?.[FORM_INSTANCE_ARG] === undefined ? { ...e, form: withInstance(e.form, randomBytes(6).toString('base64url')) } : e,
          ),
        }
      : r,
  );
}

/** What the form that was sent becomes: a line saying so, in place of its fields and button. */
export function sentMarker(form: Form, lang: Lang): Reply {
  const text = coreTexts(lang, 'core.form.sent', { title: form.title });
  return { text, elements: [{ type: 'section', text }], visibility: 'private', replacesSource: true };
}
