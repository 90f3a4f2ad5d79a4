/**
 * Recording partner decisions (src/partner-decisions.ts) — the same form whatever was sent out
 * (a case, a strategy version). It has no command word: members reach it from the notice and
 * reminders they get, or from the subject's own view.
 */
import { isSecretariat } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { PartnerDecisionRequest, type PartnerDecisionRequestDoc } from '../../models/partner-decision.js';
import type { Args, Dialog, DialogContext, StepResult } from '../../src/dialog.js';
import { SamlaError } from '../../src/errors.js';
import { defineTexts } from '../../src/i18n.js';
import {
  PARTNER_DECISIONS,
  PARTNER_DIALOG,
  canRecordFor,
  decisionLabel,
  partnerJobs,
  partnerTemplates,
  progress,
  progressButtons,
  progressElements,
  progressText,
  record,
  remindMissing,
  type PartnerDecisionValue,
} from '../../src/partner-decisions.js';
import { action } from '../../src/payload.js';
import { canAdminister } from '../../src/permissions.js';
import { formatDate } from '../../src/time.js';
import type { Form } from '../../src/ui.js';

const texts = defineTexts({
  en: {
    formTitle: 'Record a party decision',
    intro: '*{title}* — the decision of {party}.',
    introAny: '*{title}* — record the decision of one of the parties.',
    party: 'Party',
    decision: 'Decision',
    date: 'Date of the decision',
    dateHint: 'The date the party’s council or board decided, e.g. 2026-03-30.',
    comment: 'Changes or comment',
    commentHint: 'With «adopted with changes»: which changes.',
    save: 'Save',
    saved: 'Saved: {party} — {decision} ({date}).',
    unchanged: 'That was already recorded: {party} — {decision} ({date}).',
    gone: 'That is no longer open for decisions.',
    notYourParty: 'Only the members of a party that was asked, or the secretariat, can record its decision. Your party was not asked to decide on *{title}*.',
    notAsked: 'That party was not asked to decide on this.',
    reminded: 'Reminder sent to {members} members of the {parties} parties that have not decided.',
    nobodyMissing: 'Every party has decided; nobody to remind.',
    recordAnother: 'Record another party',
  },
  nb: {
    formTitle: 'Registrer partsvedtak',
    intro: '*{title}* — vedtaket til {party}.',
    introAny: '*{title}* — registrer vedtaket til en av partene.',
    party: 'Part',
    decision: 'Vedtak',
    date: 'Dato for vedtaket',
    dateHint: 'Datoen partens kommunestyre eller styre fattet vedtak, f.eks. 2026-03-30.',
    comment: 'Endringer eller kommentar',
    commentHint: 'Ved «vedtatt med endringer»: hvilke endringer.',
    save: 'Lagre',
    saved: 'Lagret: {party} — {decision} ({date}).',
    unchanged: 'Dette var allerede registrert: {party} — {decision} ({date}).',
    gone: 'Dette er ikke lenger åpent for vedtak.',
    notYourParty: 'Bare medlemmer av en part som er spurt, eller sekretariatet, kan registrere partens vedtak. Din part er ikke bedt om å behandle *{title}*.',
    notAsked: 'Den parten er ikke bedt om å behandle dette.',
    reminded: 'Påminnelse sendt til {members} medlemmer av de {parties} partene som ikke har fattet vedtak.',
    nobodyMissing: 'Alle partene har fattet vedtak; ingen å minne.',
    recordAnother: 'Registrer for en annen part',
  },
  nn: {
    formTitle: 'Registrer partsvedtak',
    intro: '*{title}* — vedtaket til {party}.',
    introAny: '*{title}* — registrer vedtaket til ein av partane.',
    party: 'Part',
    decision: 'Vedtak',
    date: 'Dato for vedtaket',
    dateHint: 'Datoen då kommunestyret eller styret til parten gjorde vedtak, t.d. 2026-03-30.',
    comment: 'Endringar eller kommentar',
    commentHint: 'Ved «vedteke med endringar»: kva endringar.',
    save: 'Lagre',
    saved: 'Lagra: {party} — {decision} ({date}).',
    unchanged: 'Dette var alt registrert: {party} — {decision} ({date}).',
    gone: 'Dette er ikkje lenger ope for vedtak.',
    notYourParty: 'Berre medlemmer av ein part som er spurd, eller sekretariatet, kan registrere vedtaket til parten. Parten din er ikkje beden om å handsame *{title}*.',
    notAsked: 'Den parten er ikkje beden om å handsame dette.',
    reminded: 'Påminning sendt til {members} medlemmer av dei {parties} partane som ikkje har gjort vedtak.',
    nobodyMissing: 'Alle partane har gjort vedtak; ingen å minne.',
    recordAnother: 'Registrer for ein annan part',
  },
});

async function requestFor(ctx: DialogContext, args: Args): Promise<PartnerDecisionRequestDoc | null> {
  const id = String(args?.r ?? '');
  if (!/^[a-f0-9]{24}$/.test(id)) return null;
  return PartnerDecisionRequest.findOne({ _id: id, community: ctx.community._id });
}

function asked(req: PartnerDecisionRequestDoc, party: unknown): boolean {
  return req.parties.some((p) => String(p) === String(party));
}

async function recordForm(ctx: DialogContext, req: PartnerDecisionRequestDoc): Promise<Form | null> {
  const t = (k: Parameters<typeof texts>[1], v?: Record<string, string | number>) => texts(ctx.lang, k, v);
  const forAny = isSecretariat(ctx.member);
  if (!forAny && !asked(req, ctx.member.party)) return null;
  const fields: Form['fields'] = [];
  let intro: string;
  if (forAny) {
    const p = await progress(ctx.community._id, req.subject);
    const parties = await Party.find({ _id: { $in: req.parties } });
    const missing = new Set(p?.missing.map((m) => m.id));
    // The parties still missing first: those are the ones the secretariat is chasing.
    const ordered = [...parties].sort((a, b) => Number(missing.has(String(b._id))) - Number(missing.has(String(a._id))) || a.name.localeCompare(b.name, 'nb'));
    fields.push({ id: 'party', label: t('party'), kind: 'choice', required: true, options: ordered.map((x) => ({ value: String(x._id), label: x.name })) });
    intro = t('introAny', { title: req.subject.title });
  } else {
    const party = await Party.findById(ctx.member.party);
    intro = t('intro', { title: req.subject.title, party: party?.name ?? '' });
  }
  fields.push(
    { id: 'decision', label: t('decision'), kind: 'choice', required: true, options: PARTNER_DECISIONS.map((d) => ({ value: d, label: decisionLabel(d, ctx.lang) })) },
    { id: 'date', label: t('date'), kind: 'date', required: true, hint: t('dateHint') },
    { id: 'comment', label: t('comment'), kind: 'longtext', hint: t('commentHint'), maxLength: 2000 },
  );
  return { id: 'partner-record', title: t('formTitle'), submitLabel: t('save'), fields, intro, action: action(PARTNER_DIALOG, 'record', { r: String(req._id) }) };
}

function privateText(text: string): StepResult {
  return { replies: [{ text, visibility: 'private' }] };
}

export const partnerDialog: Dialog = {
  id: PARTNER_DIALOG,
  commands: { nb: [], nn: [], en: [] },

  async action(ctx, p) {
    const req = await requestFor(ctx, p.a);
    if (!req) return privateText(texts(ctx.lang, 'gone'));
    if (p.s === 'open') {
      const form = await recordForm(ctx, req);
      if (!form) return privateText(texts(ctx.lang, 'notYourParty', { title: req.subject.title }));
      return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
    }
    if (p.s === 'remind') {
      if (!canAdminister(ctx.member)) throw new SamlaError('forbidden', 'not allowed');
      const r = await remindMissing(ctx.services, ctx.community._id, req._id);
      return privateText(r.parties ? texts(ctx.lang, 'reminded', r) : texts(ctx.lang, 'nobodyMissing'));
    }
    if (p.s === 'show') {
      const pr = await progress(ctx.community._id, req.subject);
      if (!pr) return privateText(texts(ctx.lang, 'gone'));
      const text = `*${pr.subject.title}*`;
      return { replies: [{ text: `${pr.subject.title}: ${progressText(pr, ctx.lang)}`, elements: [{ type: 'section', text }, ...progressElements(pr, ctx.lang), ...progressButtons(pr, ctx.member, ctx.lang)], visibility: 'private' }] };
    }
    return privateText(texts(ctx.lang, 'gone'));
  },

  async form(ctx, formId, args) {
    if (formId !== 'record') return null;
    const req = await requestFor(ctx, args);
    return req ? recordForm(ctx, req) : null;
  },

  async submit(ctx, formId, values, args) {
    const req = await requestFor(ctx, args);
    if (formId !== 'record' || !req) return privateText(texts(ctx.lang, 'gone'));
    const party = isSecretariat(ctx.member) ? String(values.party) : String(ctx.member.party);
    if (!canRecordFor(ctx.member, party)) throw new SamlaError('forbidden', 'not allowed');
    if (!asked(req, party)) return { replies: [], errors: { party: texts(ctx.lang, 'notAsked') } };
    const decision = values.decision as PartnerDecisionValue;
    const date = values.date as Date;
    const { progress: pr, changed } = await record(ctx.services, {
      community: ctx.community._id,
      subject: req.subject,
      party,
      decision,
      date,
      comment: typeof values.comment === 'string' ? values.comment : '',
      actor: ctx.member,
    });
    const partyName = (await Party.findById(party))?.name ?? '';
    const line = texts(ctx.lang, changed ? 'saved' : 'unchanged', { party: partyName, decision: decisionLabel(decision, ctx.lang), date: formatDate(date, ctx.lang) });
    const more = isSecretariat(ctx.member) && !pr.complete ? [{ type: 'buttons' as const, buttons: [{ label: texts(ctx.lang, 'recordAnother'), action: action(PARTNER_DIALOG, 'open', { r: String(req._id) }) }] }] : [];
    return {
      replies: [{ text: `${line} ${progressText(pr, ctx.lang)}`, elements: [{ type: 'section', text: line }, ...progressElements(pr, ctx.lang), ...more], visibility: 'private' }],
    };
  },

  jobs: (services) => partnerJobs(services),
  templates: () => partnerTemplates(),
};
