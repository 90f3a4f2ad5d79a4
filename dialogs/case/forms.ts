/**
 * The case forms. Each is rebuilt from the database when a submission comes in (the core
 * validates against it), so the choices offered are always the ones allowed now.
 */
import { Body, type BodyDoc } from '../../models/body.js';
import { CASE_PRIORITY_GROUPS, CASE_TYPES, type CaseDoc } from '../../models/case.js';
import { isSecretariat, type MemberDoc } from '../../models/member.js';
import { Party, PARTY_TYPES } from '../../models/party.js';
import type { DialogContext } from '../../src/dialog.js';
import { bodyName } from '../../src/directory.js';
import { action } from '../../src/payload.js';
import { canPropose } from '../../src/permissions.js';
import { formatDateTime } from '../../src/time.js';
import type { Form, FormField, Lang } from '../../src/ui.js';
import { upcomingMeetings } from '../meeting/service.js';
import { referralTargets } from './service.js';
import { groupLabel, texts, typeLabel, type TextKey } from './texts.js';
import { DIALOG } from './views.js';

/** The handling forms, and the step of the state machine each one takes. */
export const HANDLING_FORMS = {
  accept: 'accept',
  return: 'return',
  refer: 'refer',
  reject: 'reject',
  decide: 'decide',
  partners: 'send_to_partners',
  revise: 'resubmit',
  withdraw: 'withdraw',
} as const;
export type HandlingForm = keyof typeof HANDLING_FORMS;

/** Bodies the member may propose to (the secretariat: every body but its own). */
export async function proposableBodies(member: MemberDoc): Promise<BodyDoc[]> {
  const bodies = await Body.find({ community: member.community, kind: { $ne: 'secretariat' } }).sort({ createdAt: 1, _id: 1 });
  return bodies.filter((b) => canPropose(member, b._id));
}

function textFields(lang: Lang): FormField[] {
  const t = (k: TextKey) => texts(lang, k);
  return [
    { id: 'title', label: t('fTitle'), kind: 'text', required: true, maxLength: 150 },
    { id: 'background', label: t('fBackground'), kind: 'longtext', required: true, maxLength: 4000, hint: t('fBackgroundHint') },
    { id: 'decision', label: t('fDecision'), kind: 'longtext', required: true, maxLength: 2000, hint: t('fDecisionHint') },
    { id: 'type', label: t('fType'), kind: 'choice', required: true, options: CASE_TYPES.map((v) => ({ value: v, label: typeLabel(v, lang) })) },
    { id: 'groups', label: t('fGroups'), kind: 'multichoice', options: CASE_PRIORITY_GROUPS.map((v) => ({ value: v, label: groupLabel(v, lang) })) },
    { id: 'links', label: t('fLinks'), kind: 'longtext', maxLength: 1500, hint: t('fLinksHint') },
  ];
}

/** A new proposal; `bodyKey` narrows the body to one (e.g. «sak ny ssu», or a body's channel). */
export async function proposeForm(ctx: DialogContext, bodyId?: string): Promise<Form | null> {
  const t = (k: TextKey) => texts(ctx.lang, k);
  let bodies = await proposableBodies(ctx.member);
  if (bodyId) bodies = bodies.filter((b) => String(b._id) === bodyId);
  if (!bodies.length) return null;
  const fields: FormField[] = [
    { id: 'body', label: t('fBody'), kind: 'choice', required: true, options: bodies.map((b) => ({ value: String(b._id), label: bodyName(b, ctx.lang) })) },
    ...textFields(ctx.lang),
  ];
  if (isSecretariat(ctx.member)) fields.push({ id: 'onBehalf', label: t('fOnBehalf'), kind: 'text', maxLength: 120, hint: t('fOnBehalfHint') });
  return { id: 'case-propose', title: t('formPropose'), submitLabel: t('send'), fields, action: action(DIALOG, 'propose', bodyId ? { b: bodyId } : undefined) };
}

/** The returned case, filled in with its current version, to revise and send again. */
export function reviseForm(ctx: DialogContext, c: CaseDoc): Form {
  const t = (k: TextKey, v?: Record<string, string>) => texts(ctx.lang, k, v);
  return {
    id: 'case-revise',
    title: t('formRevise'),
    submitLabel: t('send'),
    fields: textFields(ctx.lang),
    intro: c.returnComment ? t('reviseIntro', { comment: c.returnComment }) : undefined,
    values: {
      title: c.title,
      background: c.background,
      decision: c.proposedDecision,
      type: c.type,
      groups: [...c.priorityGroups],
      links: c.links.join('\n'),
    },
    action: action(DIALOG, 'revise', { c: String(c._id) }),
  };
}

/** A handling form for the secretariat, or a reason it cannot be shown (no meeting, nowhere to refer). */
export async function handlingForm(ctx: DialogContext, c: CaseDoc, f: Exclude<HandlingForm, 'revise'>): Promise<Form | { problem: string }> {
  const t = (k: TextKey, v?: Record<string, string | number>) => texts(ctx.lang, k, v);
  const base = { submitLabel: t('save'), action: action(DIALOG, f, { c: String(c._id) }), intro: `*${c.number ? `${c.number.label} — ` : ''}${c.title}*` };
  const body = await Body.findById(c.body);
  const bodyLabel = body ? bodyName(body, ctx.lang) : '?';
  switch (f) {
    case 'accept': {
      const meetings = await upcomingMeetings(ctx.community._id, c.body);
      if (!meetings.length) return { problem: t('noMeeting', { body: bodyLabel }) };
      const options = meetings.slice(0, 100).map((m) => ({ value: String(m._id), label: `${m.title} — ${formatDateTime(m.start, ctx.lang)}`.slice(0, 75) }));
      return { ...base, id: 'case-accept', title: t('formAccept'), fields: [{ id: 'meeting', label: t('fMeeting'), kind: 'choice', required: true, options }] };
    }
    case 'return':
      return { ...base, id: 'case-return', title: t('formReturn'), fields: [{ id: 'comment', label: t('fComment'), kind: 'longtext', required: true, maxLength: 2000, hint: t('fCommentHint') }] };
    case 'refer': {
      const targets = await referralTargets(ctx.community._id, c.body);
      if (!targets.length) return { problem: t('noReferTarget', { body: bodyLabel }) };
      return {
        ...base,
        id: 'case-refer',
        title: t('formRefer'),
        fields: [
          { id: 'to', label: t('fReferTo'), kind: 'choice', required: true, options: targets.map((b) => ({ value: String(b._id), label: bodyName(b, ctx.lang) })) },
          { id: 'comment', label: t('fReferComment'), kind: 'longtext', maxLength: 2000 },
        ],
      };
    }
    case 'reject':
      return { ...base, id: 'case-reject', title: t('formReject'), fields: [{ id: 'reason', label: t('fReason'), kind: 'longtext', required: true, maxLength: 2000 }] };
    case 'withdraw': {
      // The form is the confirmation: it says what will happen, and its button does it.
      const note = c.meeting && c.number ? ` ${t('withdrawAgendaNote', { meeting: c.meeting.title, date: formatDateTime(c.meeting.start, ctx.lang), number: c.number.label })}` : '';
      return {
        ...base,
        id: 'case-withdraw',
        title: t('formWithdraw'),
        submitLabel: t('bWithdraw'),
        intro: `${t('withdrawIntro', { title: c.number ? `${c.number.label} ${c.title}` : c.title })}${note}`,
        fields: [{ id: 'reason', label: t('fWithdrawReason'), kind: 'longtext', maxLength: 2000, hint: t('fWithdrawReasonHint') }],
      };
    }
    case 'decide':
      return { ...base, id: 'case-decide', title: t('formDecide'), fields: [{ id: 'text', label: t('fDecisionText'), kind: 'longtext', required: true, maxLength: 4000 }] };
    case 'partners': {
      const parties = (await Party.find({ community: ctx.community._id, type: { $ne: 'secretariat' } })).sort(
        (a, b) => PARTY_TYPES.indexOf(a.type) - PARTY_TYPES.indexOf(b.type) || a.name.localeCompare(b.name, 'nb'),
      );
      const options = [{ value: 'all', label: t('allParties', { count: parties.length }) }, ...parties.slice(0, 99).map((p) => ({ value: String(p._id), label: p.name }))];
      return {
        ...base,
        id: 'case-partners',
        title: t('formPartners'),
        fields: [
          { id: 'parties', label: t('fParties'), kind: 'multichoice', required: true, options, hint: t('fPartiesHint') },
          { id: 'remindAt', label: t('fRemindAt'), kind: 'date' },
        ],
      };
    }
  }
}
