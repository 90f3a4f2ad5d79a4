/**
 * Deputies (vara) are first-class recipients: a named deputy is told of a move and a cancellation
 * and is reminded, in their own language, once each; the member who sent them is not reminded.
 * A member who un-names their deputy (answers attending, absent or names someone else) has the
 * deputy told they are no longer needed, and the deputy hears nothing more about the meeting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Body } from '../../models/body.js';
import { Member, type MemberDoc } from '../../models/member.js';
import { Meeting } from '../../models/meeting.js';
import { answerMeeting } from '../../dialogs/meeting/answers.js';
import { announceCancel, announceMove } from '../../dialogs/meeting/jobs.js';
import { cancelMeeting, createMeeting, setMeetingSchedule, updateMeeting } from '../../dialogs/meeting/service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { until } from '../support/wait.js';
import { record, type Sent } from './support.js';

describe('deputies of a meeting', () => {
  let t: TestApp;
  let sent: Sent[];
  let akutt: string;
  /** Called to akutt: Klinikkdirektør (Helse Bergen, nb), Fastlege (nn), Brukarrepresentant (nn). */
  let principal: MemberDoc;
  let absentee: MemberDoc;
  let silent: MemberDoc;
  /** Helse Bergen colleagues not on akutt: Områdedirektør (en) and Fagdirektør (nb). */
  let deputyEn: MemberDoc;
  let deputyNb: MemberDoc;

  beforeAll(async () => {
    t = await startTestApp({ FANOUT_PER_SECOND: '50' });
    sent = record(t);
    akutt = String((await Body.findOne({ community: t.community._id, key: 'akutt' }))!._id);
    const byTitle = async (title: string) => (await Member.findOne({ community: t.community._id, title }))!;
    principal = await byTitle('Klinikkdirektør');
    absentee = (await Member.findOne({ community: t.community._id, title: 'Fastlege', 'memberships.body': akutt }))!;
    silent = await byTitle('Brukarrepresentant (spesialisthelsetenesta)');
    deputyEn = await byTitle('Områdedirektør');
    deputyNb = await byTitle('Fagdirektør');
    expect([principal.lang, absentee.lang, silent.lang, deputyEn.lang, deputyNb.lang]).toEqual(['nb', 'nn', 'nn', 'en', 'nb']);
  });
  afterAll(async () => {
    await t?.close();
  });

  const about = (title: string, to: MemberDoc, pattern: RegExp) => sent.filter((s) => s.kind === 'member' && s.to === to.email && s.text.includes(title) && pattern.test(s.text));
  const meeting = async (title: string, start: Date) =>
    (await createMeeting(t.app.services, { community: t.community._id, actor: null, input: { body: akutt, title, start, end: new Date(start.getTime() + 3600_000) } })).meeting!;
  const fresh = async (id: unknown) => (await Meeting.findById(id))!;
  const move = async (title: string, id: unknown, start: Date) => {
    const before = await fresh(id);
    const r = await updateMeeting(t.app.services, { community: t.community._id, meetingId: before._id, actor: null, patch: { start, end: new Date(start.getTime() + 3600_000) } });
    expect(r.problems).toBeUndefined();
    await announceMove(t.app.services, r.meeting!, before.start);
    return title;
  };

  it('a named deputy is told of the move and reminded in their language; the member who sent them and the absent member are not reminded', async () => {
    // Notice at once; one reminder 4 s before the start.
    await setMeetingSchedule(t.community._id, { noticeBefore: 3600, remindersBefore: [4], minutesAfter: 3600 });
    const m = await meeting('Vara-møte A', new Date(Date.now() + 3600_000));
    await until('the notice', () => about('Vara-møte A', principal, /Innkalling/).length === 1, 30_000);

    expect((await answerMeeting(t.app.services, { meeting: m, member: principal, answer: 'deputy', deputy: deputyEn })).ok).toBe(true);
    expect((await answerMeeting(t.app.services, { meeting: m, member: absentee, answer: 'absent' })).ok).toBe(true);
    await until('the deputy notice', () => about('Vara-møte A', deputyEn, /asked you to attend/).length === 1, 30_000);

    const start = new Date(Date.now() + 9000);
    await move('Vara-møte A', m._id, start);
    await until('the move message to the deputy', () => about('Vara-møte A', deputyEn, /has moved to/).length === 1, 30_000);
    await until('the move message to the members', () => [principal, absentee, silent].every((x) => about('Vara-møte A', x, /flytt/).length === 1), 30_000);

    // The reminder goes to the deputy (in English, saying for whom) and to the member who has not answered.
    await until('the reminders', () => about('Vara-møte A', deputyEn, /^Reminder/).length === 1 && about('Vara-møte A', silent, /^Påminning/).length === 1, 30_000);
    expect(about('Vara-møte A', deputyEn, /^Reminder/)[0]!.text).toContain(`You attend as deputy for ${principal.name}`);
    // Let the meeting start: nothing more can be sent, so the counts are final.
    await until('the start', () => Date.now() > start.getTime() + 500, 30_000);
    expect(about('Vara-møte A', principal, /Påminn/)).toEqual([]);
    expect(about('Vara-møte A', absentee, /Påminn/)).toEqual([]);
    expect(about('Vara-møte A', deputyEn, /Reminder|moved/)).toHaveLength(2);
  });

  it('before the notice went out, the deputy and the members who answered are told of a move and of the cancellation, once each', async () => {
    await setMeetingSchedule(t.community._id, { noticeBefore: 86400, remindersBefore: [], minutesAfter: 3600 });
    const m = await meeting('Vara-møte B', new Date(Date.now() + 3 * 86400_000));
    expect(m.noticeSentAt).toBeNull();
    // Members can answer from «møte» before the notice: they know the old time.
    expect((await answerMeeting(t.app.services, { meeting: m, member: absentee, answer: 'attending' })).ok).toBe(true);
    await answerMeeting(t.app.services, { meeting: m, member: principal, answer: 'deputy', deputy: deputyNb });
    // A retry of the same answer names nobody new and sends nothing more.
    await answerMeeting(t.app.services, { meeting: m, member: principal, answer: 'deputy', deputy: deputyNb });
    await until('the deputy notice', () => about('Vara-møte B', deputyNb, /har bedt deg møte som vara/).length === 1, 30_000);

    await move('Vara-møte B', m._id, new Date(Date.now() + 4 * 86400_000));
    await until('the move message to the deputy', () => about('Vara-møte B', deputyNb, /er flyttet til/).length === 1, 30_000);
    await until(
      'the move message to those who answered',
      () => about('Vara-møte B', principal, /er flyttet til/).length === 1 && about('Vara-møte B', absentee, /flytt/).length === 1,
      30_000,
    );
    // Who has not answered has not had the notice yet either; it will carry the new time.
    expect(about('Vara-møte B', silent, /flytt/)).toEqual([]);

    const cancelled = await cancelMeeting(t.app.services, { community: t.community._id, meetingId: m._id, actor: null });
    await announceCancel(t.app.services, cancelled!);
    await announceCancel(t.app.services, cancelled!); // a second click tells nobody twice
    await until('the cancellation', () => [deputyNb, principal, absentee, silent].every((x) => about('Vara-møte B', x, /avlyst/).length === 1), 30_000);
    expect(sent.filter((s) => s.text.includes('Vara-møte B') && /avlyst/.test(s.text) && s.kind === 'member')).toHaveLength(4);
    expect(about('Vara-møte B', deputyNb, /har bedt deg/)).toHaveLength(1);
  });

  it('changing the answer from «deputy» un-names the deputy: they are told, in their language, and hear nothing more', async () => {
    await setMeetingSchedule(t.community._id, { noticeBefore: 3600, remindersBefore: [4], minutesAfter: 3600 });
    const m = await meeting('Vara-møte C', new Date(Date.now() + 3600_000));
    await until('the notice', () => about('Vara-møte C', principal, /Innkalling/).length === 1, 30_000);

    // Names one deputy, then another, then comes in person after all.
    await answerMeeting(t.app.services, { meeting: m, member: principal, answer: 'deputy', deputy: deputyEn });
    const second = await answerMeeting(t.app.services, { meeting: m, member: principal, answer: 'deputy', deputy: deputyNb });
    expect(second.ok && String(second.releasedDeputy)).toBe(String(deputyEn._id));
    const back = await answerMeeting(t.app.services, { meeting: m, member: principal, answer: 'attending' });
    expect(back.ok && String(back.releasedDeputy)).toBe(String(deputyNb._id));
    await until(
      'the release messages',
      () => about('Vara-møte C', deputyEn, /no longer needed as deputy/).length === 1 && about('Vara-møte C', deputyNb, /trengs ikke lenger som vara/).length === 1,
      30_000,
    );
    expect(about('Vara-møte C', deputyEn, /no longer needed/)[0]!.text).toContain(principal.name);

    // The move and the reminder reach the member, who now comes, and neither former deputy.
    const start = new Date(Date.now() + 9000);
    await move('Vara-møte C', m._id, start);
    await until('the reminder to the member', () => about('Vara-møte C', principal, /^Påminnelse/).length === 1, 30_000);
    await until('the start', () => Date.now() > start.getTime() + 500, 30_000);
    expect(about('Vara-møte C', principal, /er flyttet til/)).toHaveLength(1);
    for (const d of [deputyEn, deputyNb]) {
      expect(about('Vara-møte C', d, /moved|flytt|Reminder|Påminn/)).toEqual([]);
    }
  });

  it('an answer changed after the reminder was planned still counts: a deputy named late is reminded, a released one is not', async () => {
    await setMeetingSchedule(t.community._id, { noticeBefore: 3600, remindersBefore: [4], minutesAfter: 3600 });
    const start = new Date(Date.now() + 9000);
    const m = await meeting('Vara-møte D', start);
    await answerMeeting(t.app.services, {
      meeting: m,
      member: absentee,
      answer: 'deputy',
      deputy: (await Member.findOne({ community: t.community._id, title: 'Fastlege', lang: 'nb' }))!,
    });
    await answerMeeting(t.app.services, { meeting: m, member: absentee, answer: 'absent' });
    await answerMeeting(t.app.services, { meeting: m, member: principal, answer: 'deputy', deputy: deputyEn });
    await until('the start', () => Date.now() > start.getTime() + 500, 30_000);
    expect(about('Vara-møte D', deputyEn, /^Reminder/)).toHaveLength(1);
    const gpNb = (await Member.findOne({ community: t.community._id, title: 'Fastlege', lang: 'nb' }))!;
    expect(about('Vara-møte D', gpNb, /Påminn/)).toEqual([]);
    expect(about('Vara-møte D', gpNb, /trengs ikke lenger/)).toHaveLength(1);
    expect(about('Vara-møte D', principal, /Påminn/)).toEqual([]);
  });
});
