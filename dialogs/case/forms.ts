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
import { defineForm, field, type FieldSpec, type FormLook, type FormSpec, type ValuesOf } from '../../src/form-spec.js';
import type { Args, DialogContext } from '../../src/dialog.js';
import { canPropose } from '../../src/permissions.js';
import { formatDateTime } from '../../src/time.js';
import type { Form, Lang } from '../../src/ui.js';
import { upcomingMeetings } from '../meeting/service.js';
import { referralTargets } from './find.js';
import type { HandlingForm } from './rules.js';
import type { CaseText } from './service.js';
import { groupLabel, typeLabel } from './labels.js';
import { texts } from './texts.js';
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

export const proposeSpec = defineForm(texts, DIALOG, 'propose', {
  body: field.choice().required(),
  ...caseTextFields,
  // Shown to the secretariat only.
  onBehalf: field.text({ maxLength: 120 }),
});
export const reviseSpec = defineForm(texts, DIALOG, 'revise', caseTextFields, { wordsOf: 'propose' });
export const acceptSpec = defineForm(texts, DIALOG, 'accept', { meeting: field.choice().required() });
export const returnSpec = defineForm(texts, DIALOG, 'return', { comment: field.longtext({ maxLength: 2000 }).required() });
export const referSpec = defineForm(texts, DIALOG, 'refer', { to: field.choice().required(), comment: field.longtext({ maxLength: 2000 }) });
export const rejectSpec = defineForm(texts, DIALOG, 'reject', { reason: field.longtext({ maxLength: 2000 }).required() });
export const withdrawSpec = defineForm(texts, DIALOG, 'withdraw', { reason: field.longtext({ maxLength: 2000 }) });
export const decideSpec = defineForm(texts, DIALOG, 'decide', { text: field.longtext({ maxLength: 4000 }).required() });
export const partnersSpec = defineForm(texts, DIALOG, 'partners', { parties: field.multichoice().required(), remindAt: field.date() });

/** The form as shown; adapters, drafts and tests know a case form by its «case-…» id. */
function show<F extends Record<string, FieldSpec<unknown>>>(spec: FormSpec<F>, lang: Lang, look: FormLook<F>, args?: Args): Form {
  return { ...spec.render(lang, look, args), id: `case-${spec.id}` };
}

/** The choices of a proposal's type and priority groups. */
function caseTextOptions(lang: Lang) {
  return {
    type: CASE_TYPES.map((v) => ({ value: v, label: typeLabel(v, lang) })),
    groups: CASE_PRIORITY_GROUPS.map((v) => ({ value: v, label: groupLabel(v, lang) })),
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
  return bad ? { links: texts(lang, 'case.error.badLink', { link: bad }) } : undefined;
}

/** Bodies the member may propose to (the secretariat: every body but its own). */
export async function proposableBodies(member: MemberDoc): Promise<BodyDoc[]> {
  const bodies = await Body.find({ community: member.community, kind: { $ne: 'secretariat' } }).sort({ createdAt: 1, _id: 1 });
  return bodies.filter((b) => canPropose(member, b._id));
}

/** A new proposal; `bodyId` narrows the body to one (e.g. «sak ny ssu», or a body's channel). */
export async function proposeForm(ctx: DialogContext, bodyId?: string): Promise<Form | null> {
  let bodies = await proposableBodies(ctx.member);
  if (bodyId) bodies = bodies.filter((b) => String(b._id) === bodyId);
  if (!bodies.length) return null;
  return show(
    proposeSpec,
    ctx.lang,
    {
      title: texts(ctx.lang, 'case.form.propose.title'),
      submitLabel: texts(ctx.lang, 'case.button.send'),
      options: { body: bodies.map((b) => ({ value: String(b._id), label: bodyName(b, ctx.lang) })), ...caseTextOptions(ctx.lang) },
      ...(isSecretariat(ctx.member) ? {} : { only: ['body', 'title', 'background', 'decision', 'type', 'groups', 'links'] as const }),
    },
    bodyId ? { b: bodyId } : undefined,
  );
}

/** The returned case, filled in with its current version, to revise and send again. */
export function reviseForm(ctx: DialogContext, c: CaseDoc): Form {
  return show(
    reviseSpec,
    ctx.lang,
    {
      title: texts(ctx.lang, 'case.form.revise.title'),
      submitLabel: texts(ctx.lang, 'case.button.send'),
      options: caseTextOptions(ctx.lang),
      ...(c.returnComment ? { intro: texts(ctx.lang, 'case.form.revise.intro', { comment: c.returnComment }) } : {}),
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
  const lang = ctx.lang;
  const args = { c: String(c._id) };
  const base = { submitLabel: texts(lang, 'case.button.save'), intro: `*${c.number ? `${c.number.label} — ` : ''}${c.title}*` };
  const body = await Body.findById(c.body);
  const bodyLabel = body ? bodyName(body, lang) : '?';
  switch (f) {
    case 'accept': {
      const meetings = await upcomingMeetings(ctx.community._id, c.body);
      if (!meetings.length) return { problem: texts(lang, 'case.error.noMeeting', { body: bodyLabel }) };
      const options = meetings.slice(0, 100).map((m) => ({ value: String(m._id), label: `${m.title} — ${formatDateTime(m.start, lang)}`.slice(0, 75) }));
      return show(acceptSpec, lang, { ...base, title: texts(lang, 'case.form.accept.title'), options: { meeting: options } }, args);
    }
    case 'return':
      return show(returnSpec, lang, { ...base, title: texts(lang, 'case.form.return.title') }, args);
    case 'refer': {
      const targets = await referralTargets(ctx.community._id, c.body);
      if (!targets.length) return { problem: texts(lang, 'case.error.noReferTarget', { body: bodyLabel }) };
      const options = targets.map((b) => ({ value: String(b._id), label: bodyName(b, lang) }));
      return show(referSpec, lang, { ...base, title: texts(lang, 'case.form.refer.title'), options: { to: options } }, args);
    }
    case 'reject':
      return show(rejectSpec, lang, { ...base, title: texts(lang, 'case.form.reject.title') }, args);
    case 'withdraw': {
      // The form is the confirmation: it says what will happen, and its button does it.
      const note =
        c.meeting && c.number
          ? ` ${texts(lang, 'case.form.withdraw.agendaNote', { meeting: c.meeting.title, date: formatDateTime(c.meeting.start, lang), number: c.number.label })}`
          : '';
      const intro = `${texts(lang, 'case.form.withdraw.intro', { title: c.number ? `${c.number.label} ${c.title}` : c.title })}${note}`;
      return show(withdrawSpec, lang, { ...base, title: texts(lang, 'case.form.withdraw.title'), submitLabel: texts(lang, 'case.button.withdraw'), intro }, args);
    }
    case 'decide':
      return show(decideSpec, lang, { ...base, title: texts(lang, 'case.form.decide.title') }, args);
    case 'partners': {
      const parties = (await Party.find({ community: ctx.community._id, type: { $ne: 'secretariat' } })).sort(
        (a, b) => PARTY_TYPES.indexOf(a.type) - PARTY_TYPES.indexOf(b.type) || a.name.localeCompare(b.name, 'nb'),
      );
      const options = [
        { value: 'all', label: texts(lang, 'case.form.partners.allParties', { count: parties.length }) },
        ...parties.slice(0, 99).map((p) => ({ value: String(p._id), label: p.name })),
      ];
      return show(partnersSpec, lang, { ...base, title: texts(lang, 'case.form.partners.title'), options: { parties: options } }, args);
    }
  }
}
