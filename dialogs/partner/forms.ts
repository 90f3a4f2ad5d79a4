/** The one form of the capability: a party's decision, recorded by its own member or by the secretariat. */
import { isSecretariat } from '../../models/member.js';
import { Party } from '../../models/party.js';
import type { PartnerDecisionRequestDoc } from '../../models/partner-decision.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { SamlaError } from '../../src/errors.js';
import { defineForm, field, formHandler } from '../../src/form-spec.js';
import type { Form } from '../../src/ui.js';
import { PARTNER_DIALOG } from './names.js';
import { asked, canRecordFor } from './rules.js';
import { PARTNER_DECISIONS, progress, record, requestById } from './service.js';
import { texts } from './texts.js';
import { decisionLabel, recordedReply } from './views.js';

const recordSpec = defineForm(texts, PARTNER_DIALOG, 'record', {
  // Shown to the secretariat only (a party's own member records for their party).
  party: field.choice(),
  decision: field.choice(PARTNER_DECISIONS).required(),
  date: field.date().required(),
  comment: field.longtext({ maxLength: 2000 }),
});

/** The request a button or form carries (`r`), in this community. */
export function requestFor(ctx: DialogContext, args: { r?: unknown } | undefined): Promise<PartnerDecisionRequestDoc | null> {
  return requestById(ctx.community._id, String(args?.r ?? ''));
}

/** The form for this member, or null when their party was not asked (and they are not the secretariat). */
export async function recordForm(ctx: DialogContext, req: PartnerDecisionRequestDoc): Promise<Form | null> {
  const forAny = isSecretariat(ctx.member);
  if (!forAny && !asked(req, ctx.member.party)) return null;
  let intro: string;
  let parties: { value: string; label: string }[] = [];
  if (forAny) {
    const p = await progress(ctx.community._id, req.subject);
    const all = await Party.find({ _id: { $in: req.parties } });
    const missing = new Set(p?.missing.map((m) => m.id));
    // The parties still missing first: those are the ones the secretariat is chasing.
    const ordered = [...all].sort((a, b) => Number(missing.has(String(b._id))) - Number(missing.has(String(a._id))) || a.name.localeCompare(b.name, 'nb'));
    parties = ordered.map((x) => ({ value: String(x._id), label: x.name }));
    intro = texts(ctx.lang, 'partner.form.record.introAny', { title: req.subject.title });
  } else {
    const party = await Party.findById(ctx.member.party);
    intro = texts(ctx.lang, 'partner.form.record.intro', { title: req.subject.title, party: party?.name ?? '' });
  }
  const form = recordSpec.render(
    ctx.lang,
    {
      title: texts(ctx.lang, 'partner.form.record.heading'),
      submitLabel: texts(ctx.lang, 'partner.form.record.submit'),
      intro,
      options: { party: parties, decision: PARTNER_DECISIONS.map((d) => ({ value: d, label: decisionLabel(d, ctx.lang) })) },
      ...(forAny ? { required: ['party'] as const } : { only: ['decision', 'date', 'comment'] as const }),
    },
    { r: String(req._id) },
  );
  // Adapters and drafts know the form by this id.
  return { ...form, id: 'partner-record' };
}

export const recordDecision = formHandler(recordSpec, {
  async build(ctx, args) {
    const req = await requestFor(ctx, args);
    return req ? recordForm(ctx, req) : null;
  },
  async submit(ctx, values, args): Promise<StepResult> {
    const req = await requestFor(ctx, args);
    if (!req) return { replies: [{ text: texts(ctx.lang, 'partner.error.gone'), visibility: 'private' }] };
    const party = isSecretariat(ctx.member) ? String(values.party) : String(ctx.member.party);
    if (!canRecordFor(ctx.member, party)) throw new SamlaError('forbidden', 'not allowed');
    if (!asked(req, party)) return { replies: [], errors: { party: texts(ctx.lang, 'partner.error.notAsked') } };
    const comment = values.comment ?? '';
    const { progress: pr, changed } = await record(ctx.services, {
      community: ctx.community._id,
      subject: req.subject,
      party,
      decision: values.decision,
      date: values.date,
      comment,
      actor: ctx.member,
    });
    const partyName = (await Party.findById(party))?.name ?? '';
    const another = isSecretariat(ctx.member) && !pr.complete;
    return { replies: [recordedReply(ctx.lang, { changed, party: partyName, decision: values.decision, date: values.date, progress: pr, another })] };
  },
});
