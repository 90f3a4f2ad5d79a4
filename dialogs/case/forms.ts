/**
 * The case forms, each declared once (fields, kinds, limits) and shown with the words of the
 * member's language. Each is rebuilt from the database when a submission comes in (the core
 * validates against it), so the choices offered are always the ones allowed now.
 */
import { Body, type BodyDoc } from '../../models/body.js';
import { CASE_PRIORITY_GROUPS, CASE_TYPES, type CaseDoc } from '../../models/case.js';
import { isSecretariat, type MemberDoc } from '../../models/member.js';
import { Party, PARTY_TYPES } from '../../models/party.js';
import { bodyName } from '../../src/directory.js';
import { defineLegacyForm, field, type FieldSpec, type LegacyFormLook, type LegacyFormSpec, type ValuesOf } from '../../src/form-spec.js';
import type { Args, DialogContext } from '../../src/dialog.js';
import { canPropose } from '../../src/permissions.js';
import { formatDateTime } from '../../src/time.js';
import type { Form, Lang } from '../../src/ui.js';
import { upcomingMeetings } from '../meeting/service.js';
import { referralTargets } from './find.js';
import type { HandlingForm } from './rules.js';
import type { CaseText } from './service.js';
import { groupLabel, texts, typeLabel, type TextKey } from './texts.js';
import { DIALOG } from './views.js';

/** What a proposal says, in a new proposal and in a revision alike. */
const caseTextFields = {
  title: field.text({ maxLength: 150 }).required(),
  background: field.longtext({ maxLength: 4000 }).required(),
  decision: field.longtext({ maxLength: 2000 }).required(),
  type: field.choice(CASE_TYPES).required(),
  groups: field.multichoice(CASE_PRIORITY_GROUPS),
  links: field.longtext({ maxLength: 1500 }),
};
type CaseTextValues = ValuesOf<typeof caseTextFields>;

export const proposeSpec = defineLegacyForm(DIALOG, 'propose', {
  body: field.choice().required(),
  ...caseTextFields,
  // Shown to the secretariat only.
  onBehalf: field.text({ maxLength: 120 }),
});
export const reviseSpec = defineLegacyForm(DIALOG, 'revise', caseTextFields);
export const acceptSpec = defineLegacyForm(DIALOG, 'accept', { meeting: field.choice().required() });
export const returnSpec = defineLegacyForm(DIALOG, 'return', { comment: field.longtext({ maxLength: 2000 }).required() });
export const referSpec = defineLegacyForm(DIALOG, 'refer', { to: field.choice().required(), comment: field.longtext({ maxLength: 2000 }) });
export const rejectSpec = defineLegacyForm(DIALOG, 'reject', { reason: field.longtext({ maxLength: 2000 }).required() });
export const withdrawSpec = defineLegacyForm(DIALOG, 'withdraw', { reason: field.longtext({ maxLength: 2000 }) });
export const decideSpec = defineLegacyForm(DIALOG, 'decide', { text: field.longtext({ maxLength: 4000 }).required() });
export const partnersSpec = defineLegacyForm(DIALOG, 'partners', { parties: field.multichoice().required(), remindAt: field.date() });

/** The form as shown; adapters, drafts and tests know a case form by its «case-…» id. */
function show<F extends Record<string, FieldSpec<unknown>>>(spec: LegacyFormSpec<F>, look: LegacyFormLook<F>, args?: Args): Form {
  return { ...spec.render(look, args), id: `case-${spec.id}` };
}

function caseTextLook(lang: Lang) {
  const t = (k: TextKey) => texts(lang, k);
  return {
    labels: { title: t('fTitle'), background: t('fBackground'), decision: t('fDecision'), type: t('fType'), groups: t('fGroups'), links: t('fLinks') },
    hints: { background: t('fBackgroundHint'), decision: t('fDecisionHint'), links: t('fLinksHint') },
    options: {
      type: CASE_TYPES.map((v) => ({ value: v, label: typeLabel(v, lang) })),
      groups: CASE_PRIORITY_GROUPS.map((v) => ({ value: v, label: groupLabel(v, lang) })),
    },
  };
}

/** The proposal as the service takes it; links are one per line (or separated by spaces). */
export function caseText(v: CaseTextValues): CaseText {
  return {
    title: v.title,
    background: v.background,
    proposedDecision: v.decision,
    type: v.type,
    priorityGroups: v.groups,
    links: v.links ? v.links.split(/\s*\n\s*|\s+/).filter(Boolean) : [],
  };
}

/** Links must be whole web addresses; the first that is not gets a clear error on the field. */
export function linkError(lang: Lang, links: string[]): Record<string, string> | undefined {
  const bad = links.find((l) => !/^https?:\/\/[^\s]+\.[^\s]+$/i.test(l));
  return bad ? { links: texts(lang, 'badLink', { link: bad }) } : undefined;
}

/** Bodies the member may propose to (the secretariat: every body but its own). */
export async function proposableBodies(member: MemberDoc): Promise<BodyDoc[]> {
  const bodies = await Body.find({ community: member.community, kind: { $ne: 'secretariat' } }).sort({ createdAt: 1, _id: 1 });
  return bodies.filter((b) => canPropose(member, b._id));
}

/** A new proposal; `bodyId` narrows the body to one (e.g. «sak ny ssu», or a body's channel). */
export async function proposeForm(ctx: DialogContext, bodyId?: string): Promise<Form | null> {
  const t = (k: TextKey) => texts(ctx.lang, k);
  let bodies = await proposableBodies(ctx.member);
  if (bodyId) bodies = bodies.filter((b) => String(b._id) === bodyId);
  if (!bodies.length) return null;
  const look = caseTextLook(ctx.lang);
  return show(
    proposeSpec,
    {
      title: t('formPropose'),
      submitLabel: t('send'),
      labels: { body: t('fBody'), ...look.labels, onBehalf: t('fOnBehalf') },
      hints: { ...look.hints, onBehalf: t('fOnBehalfHint') },
      options: { body: bodies.map((b) => ({ value: String(b._id), label: bodyName(b, ctx.lang) })), ...look.options },
      ...(isSecretariat(ctx.member) ? {} : { only: ['body', 'title', 'background', 'decision', 'type', 'groups', 'links'] as const }),
    },
    bodyId ? { b: bodyId } : undefined,
  );
}

/** The returned case, filled in with its current version, to revise and send again. */
export function reviseForm(ctx: DialogContext, c: CaseDoc): Form {
  const t = (k: TextKey, v?: Record<string, string>) => texts(ctx.lang, k, v);
  return show(
    reviseSpec,
    {
      title: t('formRevise'),
      submitLabel: t('send'),
      ...caseTextLook(ctx.lang),
      ...(c.returnComment ? { intro: t('reviseIntro', { comment: c.returnComment }) } : {}),
      values: {
        title: c.title,
        background: c.background,
        decision: c.proposedDecision,
        type: c.type,
        groups: [...c.priorityGroups],
        links: c.links.join('\n'),
      },
    },
    { c: String(c._id) },
  );
}

/** A handling form, or a reason it cannot be shown (no meeting, nowhere to refer). */
export async function handlingForm(ctx: DialogContext, c: CaseDoc, f: Exclude<HandlingForm, 'revise'>): Promise<Form | { problem: string }> {
  const t = (k: TextKey, v?: Record<string, string | number>) => texts(ctx.lang, k, v);
  const args = { c: String(c._id) };
  const base = { submitLabel: t('save'), intro: `*${c.number ? `${c.number.label} — ` : ''}${c.title}*` };
  const body = await Body.findById(c.body);
  const bodyLabel = body ? bodyName(body, ctx.lang) : '?';
  switch (f) {
    case 'accept': {
      const meetings = await upcomingMeetings(ctx.community._id, c.body);
      if (!meetings.length) return { problem: t('noMeeting', { body: bodyLabel }) };
      const options = meetings.slice(0, 100).map((m) => ({ value: String(m._id), label: `${m.title} — ${formatDateTime(m.start, ctx.lang)}`.slice(0, 75) }));
      return show(acceptSpec, { ...base, title: t('formAccept'), labels: { meeting: t('fMeeting') }, options: { meeting: options } }, args);
    }
    case 'return':
      return show(returnSpec, { ...base, title: t('formReturn'), labels: { comment: t('fComment') }, hints: { comment: t('fCommentHint') } }, args);
    case 'refer': {
      const targets = await referralTargets(ctx.community._id, c.body);
      if (!targets.length) return { problem: t('noReferTarget', { body: bodyLabel }) };
      const options = targets.map((b) => ({ value: String(b._id), label: bodyName(b, ctx.lang) }));
      return show(referSpec, { ...base, title: t('formRefer'), labels: { to: t('fReferTo'), comment: t('fReferComment') }, options: { to: options } }, args);
    }
    case 'reject':
      return show(rejectSpec, { ...base, title: t('formReject'), labels: { reason: t('fReason') } }, args);
    case 'withdraw': {
      // The form is the confirmation: it says what will happen, and its button does it.
      const note =
        c.meeting && c.number ? ` ${t('withdrawAgendaNote', { meeting: c.meeting.title, date: formatDateTime(c.meeting.start, ctx.lang), number: c.number.label })}` : '';
      const intro = `${t('withdrawIntro', { title: c.number ? `${c.number.label} ${c.title}` : c.title })}${note}`;
      return show(
        withdrawSpec,
        { ...base, title: t('formWithdraw'), submitLabel: t('bWithdraw'), intro, labels: { reason: t('fWithdrawReason') }, hints: { reason: t('fWithdrawReasonHint') } },
        args,
      );
    }
    case 'decide':
      return show(decideSpec, { ...base, title: t('formDecide'), labels: { text: t('fDecisionText') } }, args);
    case 'partners': {
      const parties = (await Party.find({ community: ctx.community._id, type: { $ne: 'secretariat' } })).sort(
        (a, b) => PARTY_TYPES.indexOf(a.type) - PARTY_TYPES.indexOf(b.type) || a.name.localeCompare(b.name, 'nb'),
      );
      const options = [{ value: 'all', label: t('allParties', { count: parties.length }) }, ...parties.slice(0, 99).map((p) => ({ value: String(p._id), label: p.name }))];
      return show(
        partnersSpec,
        { ...base, title: t('formPartners'), labels: { parties: t('fParties'), remindAt: t('fRemindAt') }, hints: { parties: t('fPartiesHint') }, options: { parties: options } },
        args,
      );
    }
  }
}
