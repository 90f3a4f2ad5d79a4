/**
 * The meeting's scheduled jobs and the messages they fan out. Every job checks that it still
 * applies (the meeting exists, is not cancelled, has not moved since the job was planned) and the
 * catch-up rule: a notice or reminder whose time passed while the bot was down is sent when it
 * comes back if the meeting has not started, and dropped otherwise. Sending goes through the
 * fan-out, whose rows make every send once-only even with two instances running the same job.
 */
import { Body } from '../../models/body.js';
import { Meeting, Attendance, type MeetingDoc } from '../../models/meeting.js';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { bodyName } from '../../src/directory.js';
import type { FanOutTemplate } from '../../src/fanout.js';
import { claimOnce, releaseOnce } from '../../src/once.js';
import type { JobData, JobHandler } from '../../src/scheduler.js';
import type { Services } from '../../src/services.js';
import { formatDateTime } from '../../src/time.js';
import { calendarUrl } from './calendar.js';
import { bodySecretariat, calledMembers, deputyFor, informedBeforeNotice, meetingRecipients } from './attendance.js';
import { hasStarted, isCalled } from './rules.js';
import { MEETING_JOBS } from './service.js';
import { noticeReply, shortNotice, whenText } from './views.js';
import { texts } from './texts.js';

export const TEMPLATES = {
  notice: 'meeting.notice',
  reminder: 'meeting.reminder',
  minutes: 'meeting.minutes',
  moved: 'meeting.moved',
  cancelled: 'meeting.cancelled',
  deputy: 'meeting.deputy',
  deputyReleased: 'meeting.deputyReleased',
} as const;

/** Fan-out keys live outside the job prefix so cancelling a meeting's jobs never cuts a fan-out short. */
const fanKey = (id: string, what: string) => `meetingfan:${id}:${what}`;

async function current(data: JobData): Promise<MeetingDoc | null> {
  const m = await Meeting.findById(String(data.meeting));
  if (!m || m.status !== 'scheduled') return null;
  // A job planned for another start time is stale (the meeting moved and the job was not removed).
  if (data.start && m.start.toISOString() !== String(data.start)) return null;
  return m;
}

const started = (m: MeetingDoc) => hasStarted(m);

export function meetingJobs(services: Services): Record<string, JobHandler> {
  return {
    async [MEETING_JOBS.notice](data) {
      const m = await current(data);
      if (!m || started(m) || m.noticeSentAt) return;
      const id = String(m._id);
      const members = await calledMembers(m);
      await services.fanout.start({ key: fanKey(id, 'notice'), template: TEMPLATES.notice, params: { meeting: id }, members: members.map((x) => x._id), until: m.start });
      await postToChannel(services, m, 'notice');
      await Meeting.updateOne({ _id: m._id, noticeSentAt: null }, { $set: { noticeSentAt: new Date() } });
    },
    async [MEETING_JOBS.reminder](data) {
      const m = await current(data);
      if (!m || started(m)) return;
      const id = String(m._id);
      // Called members and named deputies; the template drops those not coming in person.
      const members = await meetingRecipients(m);
      await services.fanout.start({
        key: fanKey(id, `reminder:${String(data.index)}:${m.start.getTime()}`),
        template: TEMPLATES.reminder,
        params: { meeting: id, start: m.start.toISOString() },
        members,
        reminder: true,
        until: m.start,
      });
    },
    async [MEETING_JOBS.minutes](data) {
      const m = await current(data);
      if (!m) return;
      const id = String(m._id);
      const secretariat = await bodySecretariat(m);
      await services.fanout.start({ key: fanKey(id, 'minutes'), template: TEMPLATES.minutes, params: { meeting: id }, members: secretariat.map((x) => x._id), reminder: true });
    },
  };
}

/**
 * Tells the members, the named deputies and the body's channel that a meeting has moved. Before
 * the notice has gone out only those who know the old time are told — the members who answered
 * and the deputies (who got their own notice) — while the others' notice will carry the new one.
 */
export async function announceMove(services: Services, m: MeetingDoc, oldStart: Date): Promise<void> {
  const id = String(m._id);
  const members = m.noticeSentAt ? await meetingRecipients(m) : await informedBeforeNotice(m);
  // A notice still waiting for a member who could not be reached is worth sending until the new time.
  await services.fanout.worthUntil(fanKey(id, 'notice'), m.start);
  await services.fanout.start({ key: fanKey(id, `moved:${m.sequence}`), template: TEMPLATES.moved, params: { meeting: id, old: oldStart.toISOString() }, members });
  if (m.noticeSentAt) await postToChannel(services, m, 'moved', oldStart);
}

export async function announceCancel(services: Services, m: MeetingDoc): Promise<void> {
  const id = String(m._id);
  const members = await meetingRecipients(m);
  await services.fanout.start({ key: fanKey(id, 'cancelled'), template: TEMPLATES.cancelled, params: { meeting: id }, members });
  await postToChannel(services, m, 'cancelled');
}

/**
 * Sends the notice to a newly named deputy. `answeredAt` (the answer that named them) is part of
 * the key: a retry of the same answer sends nothing more, while naming them again later does.
 */
export async function noticeToDeputy(services: Services, m: MeetingDoc, principal: string, deputy: string, answeredAt: Date): Promise<void> {
  const id = String(m._id);
  await services.fanout.start({
    key: fanKey(id, `deputy:${principal}:${deputy}:${answeredAt.getTime()}`),
    template: TEMPLATES.deputy,
    params: { meeting: id, principal },
    members: [deputy],
  });
}

/** Tells a deputy they are no longer needed: the member who named them changed their answer. */
export async function releaseDeputy(services: Services, m: MeetingDoc, principal: string, deputy: string, answeredAt: Date): Promise<void> {
  const id = String(m._id);
  await services.fanout.start({
    key: fanKey(id, `released:${principal}:${deputy}:${answeredAt.getTime()}`),
    template: TEMPLATES.deputyReleased,
    params: { meeting: id, principal },
    members: [deputy],
  });
}

async function postToChannel(services: Services, m: MeetingDoc, what: 'notice' | 'moved' | 'cancelled', oldStart?: Date): Promise<void> {
  const claim = `meeting:${String(m._id)}:channel:${what}:${m.sequence}`;
  if (!(await claimOnce(claim))) return;
  try {
    const body = await Body.findById(m.body);
    if (!body) return;
    await services.delivery.toBody(m.community, m.body, (lang) => {
      if (what === 'notice') return noticeReply(m, body, lang, { head: texts(lang, 'meeting.notice.head', { title: m.title }), answerButtons: false });
      if (what === 'moved')
        return shortNotice(m, lang, texts(lang, 'meeting.notice.moved', { title: m.title, when: whenText(m, lang), old: formatDateTime(oldStart!, lang) }), { open: true });
      return shortNotice(m, lang, texts(lang, 'meeting.notice.cancelled', { title: m.title, when: whenText(m, lang) }), { open: false });
    });
  } catch (err) {
    await releaseOnce(claim);
    throw err;
  }
}

export function meetingTemplates(services: Services): Record<string, FanOutTemplate> {
  const load = async (id: unknown) => {
    const m = await Meeting.findById(String(id));
    const body = m ? await Body.findById(m.body) : null;
    return m && body ? { m, body } : null;
  };
  return {
    async [TEMPLATES.notice](lang, _member, p) {
      const x = await load(p.meeting);
      if (!x || x.m.status !== 'scheduled' || started(x.m)) return null;
      return noticeReply(x.m, x.body, lang, {
        head: texts(lang, 'meeting.notice.head', { title: x.m.title }),
        calendarUrl: await calendarUrl(services, x.m, lang),
        answerButtons: true,
      });
    },
    async [TEMPLATES.reminder](lang, member, p) {
      const x = await load(p.meeting);
      // A reminder held up past the start (or planned for an old time) is dropped.
      if (!x || x.m.status !== 'scheduled' || started(x.m) || x.m.start.toISOString() !== String(p.start)) return null;
      // Decided when it is sent, so an answer changed after the reminder was planned counts.
      const asDeputy = await deputyFor(x.m._id, member._id);
      if (asDeputy) {
        const principal = await Member.findById(asDeputy.member);
        const head = texts(lang, 'meeting.notice.reminderDeputy', { title: x.m.title, when: whenText(x.m, lang), name: principal?.name ?? '—' });
        return shortNotice(x.m, lang, head, { open: true });
      }
      if (!isCalled(member, x.m)) return null; // a deputy no longer needed
      const a = await Attendance.findOne({ meeting: x.m._id, member: member._id });
      if (a && a.answer !== 'attending') return null; // not coming, or a deputy goes instead
      return shortNotice(x.m, lang, texts(lang, 'meeting.notice.reminder', { title: x.m.title, when: whenText(x.m, lang) }), {
        open: true,
        answerButtons: !a && member.memberships.some((ms) => String(ms.body) === String(x.m.body)),
      });
    },
    async [TEMPLATES.minutes](lang, _member, p) {
      const x = await load(p.meeting);
      if (!x || x.m.status !== 'scheduled') return null;
      return shortNotice(x.m, lang, texts(lang, 'meeting.notice.minutes', { title: x.m.title, body: bodyName(x.body, lang) }), { open: true });
    },
    async [TEMPLATES.moved](lang, member, p) {
      const x = await load(p.meeting);
      if (!x || x.m.status !== 'scheduled') return null;
      if (!isCalled(member, x.m) && !(await deputyFor(x.m._id, member._id))) return null; // a deputy released meanwhile
      const head = texts(lang, 'meeting.notice.moved', { title: x.m.title, when: whenText(x.m, lang), old: formatDateTime(new Date(String(p.old)), lang) });
      return shortNotice(x.m, lang, head, { open: true, calendarUrl: await calendarUrl(services, x.m, lang) });
    },
    async [TEMPLATES.cancelled](lang, _member, p) {
      const x = await load(p.meeting);
      if (!x) return null;
      return shortNotice(x.m, lang, texts(lang, 'meeting.notice.cancelled', { title: x.m.title, when: whenText(x.m, lang) }), {
        open: false,
        calendarUrl: await calendarUrl(services, x.m, lang),
      });
    },
    async [TEMPLATES.deputy](lang, _member, p) {
      const x = await load(p.meeting);
      if (!x || x.m.status !== 'scheduled' || started(x.m)) return null;
      const principal = await Member.findById(String(p.principal));
      const party = principal ? await Party.findById(principal.party) : null;
      const head = texts(lang, 'meeting.notice.deputy', { name: principal?.name ?? '—', party: party?.name ?? '—', title: x.m.title });
      const r = noticeReply(x.m, x.body, lang, { head, calendarUrl: await calendarUrl(services, x.m, lang), answerButtons: false });
      return r;
    },
    async [TEMPLATES.deputyReleased](lang, member, p) {
      const x = await load(p.meeting);
      if (!x || x.m.status !== 'scheduled' || started(x.m)) return null;
      if (await deputyFor(x.m._id, member._id)) return null; // named again meanwhile: still needed
      const principal = await Member.findById(String(p.principal));
      const head = texts(lang, 'meeting.notice.deputyReleased', { name: principal?.name ?? '—', title: x.m.title, when: whenText(x.m, lang) });
      return shortNotice(x.m, lang, head, { open: false });
    },
  };
}
