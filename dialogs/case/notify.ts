/**
 * Notices about a case: the proposer hears of every change of state, in their language, where
 * they are; the body's secretariat hears at once of a new, revised, referred or withdrawn case.
 * Whoever made the change sees it in the reply to their own action, so they are not told twice.
 * Called by whoever took the step (the dialog, the partners' completion), after the service.
 */
import type { Types } from 'mongoose';
import { Audit } from '../../models/audit.js';
import { Body } from '../../models/body.js';
import type { CaseDoc } from '../../models/case.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { bodyName } from '../../src/directory.js';
import { PARTNER_DECISIONS, progress } from '../partner/service.js';
import { decisionLabel } from '../partner/views.js';
import type { Services } from '../../src/services.js';
import { formatDateTime } from '../../src/time.js';
import type { Button, Lang, Reply } from '../../src/ui.js';
import { CASE_KIND } from '../../models/case.js';
import { membersWithRole } from './find.js';
import { current } from './store.js';
import { texts, type Messages } from './texts.js';
import { caseButtons, formAction, showAction } from './views.js';

type Id = Types.ObjectId | string;

export type CaseEvent = 'proposed' | 'accepted' | 'returned' | 'resubmitted' | 'referred' | 'rejected' | 'decided' | 'at_partners' | 'partners_decided' | 'withdrawn';

type NoticeKey = Extract<keyof Messages, `case.notice.${'proposer' | 'secretariat'}.${string}`>;

const PROPOSER_TEXT: Record<CaseEvent, NoticeKey> = {
  proposed: 'case.notice.proposer.proposedOnBehalf',
  accepted: 'case.notice.proposer.accepted',
  returned: 'case.notice.proposer.returned',
  resubmitted: 'case.notice.proposer.resubmitted',
  referred: 'case.notice.proposer.referred',
  rejected: 'case.notice.proposer.rejected',
  decided: 'case.notice.proposer.decided',
  at_partners: 'case.notice.proposer.atPartners',
  partners_decided: 'case.notice.proposer.partnersDecided',
  withdrawn: 'case.notice.proposer.withdrawn',
};

/** The variables every notice text may use, in one language. */
interface NoticeValues {
  title: string;
  body: string;
  to: string;
  from: string;
  proposer: string;
  actor: string;
  number: string;
  meeting: string;
  date: string;
  comment: string;
  reason: string;
  why: string;
  offAgenda: string;
  named: string;
  decision: string;
  version: number;
  count: number;
  counts: string;
}

async function vars(c: CaseDoc, lang: Lang, actor: Id | null): Promise<NoticeValues> {
  const body = await Body.findById(c.body);
  const proposer = await Member.findById(c.proposer);
  const who = actor ? await Member.findById(actor) : null;
  const from = c.state === 'submitted' ? await previousBodyName(c, lang) : '';
  let counts = '';
  let count = c.partnerParties.length;
  if (c.state === 'partners_decided' || c.state === 'at_partners') {
    const p = await progress(c.community, { kind: CASE_KIND, id: String(c._id) });
    if (p) {
      count = p.total;
      counts = PARTNER_DECISIONS.filter((d) => p.counts[d])
        .map((d) => `${p.counts[d]} ${decisionLabel(d, lang)}`)
        .join(', ');
    }
  }
  return {
    title: c.title,
    body: body ? bodyName(body, lang) : '?',
    to: body ? bodyName(body, lang) : '?',
    from,
    proposer: proposer?.name ?? '?',
    actor: who?.name ?? '',
    number: c.number?.label ?? '',
    meeting: c.meeting?.title ?? '',
    date: c.meeting ? formatDateTime(c.meeting.start, lang) : '',
    comment: c.returnComment,
    reason: c.rejectReason,
    why: c.withdrawReason ? texts(lang, 'case.notice.withdrawReason', { reason: c.withdrawReason }) : '',
    offAgenda: c.state === 'withdrawn' && c.meeting ? texts(lang, 'case.reply.offAgenda', { meeting: c.meeting.title }) : '',
    named: c.number ? `*${c.number.label}* «${c.title}»` : `«${c.title}»`,
    decision: c.decision?.text ?? '',
    version: c.version,
    count,
    counts,
  };
}

/** The body a referred case came from (the body of its latest referral in the audit trail). */
async function previousBodyName(c: CaseDoc, lang: Lang): Promise<string> {
  const last = await Audit.findOne({ community: c.community, 'target.kind': CASE_KIND, 'target.id': String(c._id), action: 'case.refer' }).sort({ at: -1, _id: -1 });
  const short = (last?.details as { from?: string } | undefined)?.from;
  if (!short) return '';
  const body = await Body.findOne({ community: c.community, short });
  return body ? bodyName(body, lang) : short;
}

/**
 * Tells whoever should hear that a step was taken: the proposer always (unless they took it), the
 * body's secretariat of a new, revised, referred or withdrawn case.
 */
export async function tell(services: Services, c: CaseDoc, event: CaseEvent, actor: Id | null): Promise<void> {
  // Withdrawn in the meantime (the proposer was quicker): they are not told it is on the agenda.
  if (event === 'accepted' && (await current(c.community, c._id)).state !== 'accepted') return;
  await notifyProposer(services, c, event, actor);
  await notifySecretariat(services, c, event, actor);
}

async function notifyProposer(services: Services, c: CaseDoc, event: CaseEvent, actor: Id | null): Promise<void> {
  if (actor && String(actor) === String(c.proposer)) return;
  await services.delivery.toMember(c.proposer, async (lang) => {
    const text = texts(lang, PROPOSER_TEXT[event], await vars(c, lang, actor));
    const buttons: Button[] =
      event === 'returned'
        ? [{ label: texts(lang, 'case.button.revise'), action: formAction(c, 'revise'), style: 'primary' }]
        : [{ label: texts(lang, 'case.button.open'), action: showAction(c) }];
    return {
      text,
      elements: [
        { type: 'section', text },
        { type: 'buttons', buttons },
      ],
    } satisfies Reply;
  });
}

const SECRETARIAT_TEXT: Partial<Record<CaseEvent, NoticeKey>> = {
  proposed: 'case.notice.secretariat.proposed',
  resubmitted: 'case.notice.secretariat.resubmitted',
  referred: 'case.notice.secretariat.referred',
  withdrawn: 'case.notice.secretariat.withdrawn',
};

/** Tells the secretariat of the case's body, each with the buttons to handle it. */
async function notifySecretariat(services: Services, c: CaseDoc, event: CaseEvent, actor: Id | null): Promise<void> {
  const key = SECRETARIAT_TEXT[event];
  if (!key) return;
  const secretaries = await membersWithRole(c.community, c.body, 'secretariat');
  for (const s of secretaries) {
    if (actor && String(actor) === String(s._id)) continue;
    await services.delivery.toMember(s, async (lang, member: MemberDoc) => {
      const text = texts(lang, key, await vars(c, lang, actor));
      return {
        text,
        elements: [
          { type: 'section', text },
          { type: 'section', text: `_${c.proposedDecision.length > 300 ? `${c.proposedDecision.slice(0, 299)}…` : c.proposedDecision}_` },
          { type: 'buttons', buttons: [{ label: texts(lang, 'case.button.open'), action: showAction(c) }, ...caseButtons(c, member, lang)] },
        ],
      };
    });
  }
}
