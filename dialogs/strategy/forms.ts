/**
 * The strategy's forms as the core dispatches them: how each is built for the member now (null
 * when it no longer applies) and what its typed values do when sent. Errors go back on the form,
 * by field, with what was typed.
 */
import { Body } from '../../models/body.js';
import { GENERAL } from '../../models/feedback.js';
import type { VersionDoc } from '../../models/strategy.js';
import { audienceMembers } from '../../src/audience.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { formHandler } from '../../src/form-spec.js';
import { canAdminister, require } from '../../src/permissions.js';
import { formatDateTime } from '../../src/time.js';
import { overview } from './admin.js';
import { StrategyError } from './errors.js';
import { decideForm, decideSpec, feedbackForm, feedbackSpec, generalForm, generalSpec, loadForm, loadSpec, openForm, openSpec } from './form-specs.js';
import { openFeedback } from './periods.js';
import { argText, hasSection, reminderTooLate } from './rules.js';
import { audienceOf, findVersion, giveFeedback, loadVersion, myFeedback, previousVersion, recordDecision, strategyOf } from './service.js';
import { texts } from './texts.js';
import { advance, showEnd } from './walk-steps.js';
import { answerText, changesText, errorText } from './words.js';

const unknownVersion = (ctx: DialogContext): StepResult => ({ replies: [], errors: { _form: texts(ctx.lang, 'strategy.error.unknownVersion') } });
const secretariatOnly = (ctx: DialogContext) => require(canAdminister(ctx.member));

/** A broken rule as an error on the form: on `field`, or on the whole form. */
function onField(ctx: DialogContext, v: VersionDoc | null, e: unknown, field: (e: StrategyError) => string): StepResult {
  if (!(e instanceof StrategyError)) throw e;
  return { replies: [], errors: { [field(e)]: errorText(ctx.lang, v, e) } };
}
const textRule = (e: StrategyError) => e.code === 'too_long' || e.code === 'national_id';

const load = formHandler(loadSpec, {
  async build(ctx, a) {
    secretariatOnly(ctx);
    const s = await strategyOf(ctx.community._id, a?.st);
    return loadForm(ctx.lang, s ? { id: String(s._id), title: s.title } : null);
  },
  async submit(ctx, values, a) {
    secretariatOnly(ctx);
    const st = a?.st;
    try {
      const r = await loadVersion({
        community: ctx.community._id,
        strategy: typeof st === 'string' ? st : null,
        title: values.title ?? null,
        label: values.label,
        markdown: values.markdown,
        actor: ctx.member._id,
      });
      const v = r.version;
      const lines = [texts(ctx.lang, 'strategy.reply.loaded', { title: v.title, label: v.label, count: v.sections.length })];
      if (v.previous) lines.push(changesText(ctx.lang, (await previousVersion(v))?.label ?? '', r));
      return await overview(ctx, v, lines);
    } catch (e) {
      return onField(ctx, null, e, (x) => (x.code === 'no_title' ? 'title' : x.code === 'not_found' ? '_form' : 'markdown'));
    }
  },
});

const fb = formHandler(feedbackSpec, {
  async build(ctx, a) {
    const v = await findVersion(ctx.community._id, a?.v);
    const k = argText(a, 'k');
    if (!v || !hasSection(v, k)) return null;
    return feedbackForm(ctx, v, k, (await myFeedback(v, ctx.member._id)).get(k));
  },
  async submit(ctx, values, a) {
    const v = await findVersion(ctx.community._id, a?.v);
    if (!v) return unknownVersion(ctx);
    const key = argText(a, 'k');
    const answer = { stance: values.stance ?? null, comment: values.comment ?? '', proposal: values.proposal ?? '' };
    if (!answer.stance && !answer.comment && !answer.proposal) return { replies: [], errors: { _form: texts(ctx.lang, 'strategy.error.empty') } };
    try {
      await giveFeedback(v, ctx.member, key, answer);
    } catch (e) {
      return onField(ctx, v, e, (x) => (textRule(x) ? String(x.detail.field ?? '_form') : '_form'));
    }
    const s = v.sections.find((x) => x.key === key);
    return advance(ctx, v, key, [texts(ctx.lang, 'strategy.reply.saved', { heading: s?.heading ?? '', answer: answerText(answer, ctx.lang) })]);
  },
});

const gen = formHandler(generalSpec, {
  async build(ctx, a) {
    const v = await findVersion(ctx.community._id, a?.v);
    return v ? generalForm(ctx, v, (await myFeedback(v, ctx.member._id)).get(GENERAL)) : null;
  },
  async submit(ctx, values, a) {
    const v = await findVersion(ctx.community._id, a?.v);
    if (!v) return unknownVersion(ctx);
    try {
      await giveFeedback(v, ctx.member, GENERAL, { comment: values.comment });
    } catch (e) {
      return onField(ctx, v, e, (x) => (textRule(x) ? 'comment' : '_form'));
    }
    return showEnd(ctx, v, [texts(ctx.lang, 'strategy.reply.savedGeneral')]);
  },
});

const open = formHandler(openSpec, {
  async build(ctx, a) {
    const v = await findVersion(ctx.community._id, a?.v);
    if (!v) return null;
    secretariatOnly(ctx);
    return openForm(ctx, v);
  },
  async submit(ctx, values, a) {
    secretariatOnly(ctx);
    const v = await findVersion(ctx.community._id, a?.v);
    if (!v) return unknownVersion(ctx);
    const bodies = await Body.find({ community: ctx.community._id, key: { $in: values.bodies } });
    const { deadline } = values;
    const reminder = values.reminder ?? null;
    if (reminderTooLate(reminder, deadline)) return { replies: [], errors: { reminder: texts(ctx.lang, 'strategy.error.reminderLate') } };
    try {
      const fresh = await openFeedback(ctx.services, v, {
        bodies: bodies.map((b) => b._id),
        partyTypes: values.types,
        deadline,
        reminders: reminder ? [reminder] : undefined,
        actor: ctx.member._id,
      });
      const members = await audienceMembers(ctx.community._id, audienceOf(fresh));
      const reminders = fresh.reminders.length
        ? (fresh.reminders as unknown as Date[]).map((d) => formatDateTime(d, ctx.lang)).join(', ')
        : texts(ctx.lang, 'strategy.card.noReminders');
      const line = texts(ctx.lang, 'strategy.reply.opened', { label: fresh.label, date: formatDateTime(deadline, ctx.lang), members: members.length, reminders });
      return await overview(ctx, fresh, [line]);
    } catch (e) {
      return onField(ctx, v, e, (x) => (x.code === 'deadline_past' ? 'deadline' : '_form'));
    }
  },
});

const decide = formHandler(decideSpec, {
  async build(ctx, a) {
    const v = await findVersion(ctx.community._id, a?.v);
    if (!v) return null;
    secretariatOnly(ctx);
    return decideForm(ctx.lang, v);
  },
  async submit(ctx, values, a) {
    secretariatOnly(ctx);
    const v = await findVersion(ctx.community._id, a?.v);
    if (!v) return unknownVersion(ctx);
    const fresh = await recordDecision(v, { kind: values.kind, date: values.date, reference: values.reference ?? '', actor: ctx.member._id });
    return overview(ctx, fresh, [texts(ctx.lang, 'strategy.reply.decided', { decision: texts(ctx.lang, 'strategy.type.decision', { kind: values.kind }) })]);
  },
});

export const strategyForms = { load, fb, gen, open, decide };
