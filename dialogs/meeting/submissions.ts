/** The forms, by id: how each is built (anew for every submission) and what its submission does. */
import type { MeetingDoc } from '../../models/meeting.js';
import { bodyName } from '../../src/directory.js';
import type { Args, DialogContext, StepResult } from '../../src/dialog.js';
import { formHandler } from '../../src/form-spec.js';
import { require } from '../../src/permissions.js';
import { formatDateTime } from '../../src/time.js';
import { parseAgenda } from './agenda.js';
import { deputyFormFor, submitDeputy } from './deputy.js';
import { createForm, createSpec, deputySpec, editForm, editSpec } from './forms.js';
import { announceMove } from './jobs.js';
import { isUrl, mayManageMeetings, timeProblems, type MeetingProblem, type Problems } from './rules.js';
import { jobTimes } from './schedule.js';
import { createMeeting, findMeeting, updateMeeting } from './service.js';
import { bodies, open, tr, withMeeting } from './steps.js';
import type { MeetingTextKey } from './texts.js';
import { whenText } from './views.js';

const PROBLEM_TEXT: Record<MeetingProblem, MeetingTextKey> = {
  inPast: 'inPast',
  endBeforeStart: 'endBeforeStart',
  cancelled: 'cancelledErr',
  started: 'startedErr',
  notFound: 'notFound',
  noBody: 'noBody',
};

async function problemsToErrors(ctx: DialogContext, p: Problems): Promise<Record<string, string>> {
  const t = tr(ctx);
  const keys = (await bodies(ctx)).map((b) => b.key).join(', ');
  return Object.fromEntries(Object.entries(p).map(([field, code]) => [field, t(PROBLEM_TEXT[code], { keys, text: '' })]));
}

function commonErrors(ctx: DialogContext, v: { video?: string | undefined }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (v.video && !isUrl(v.video)) errors.video = tr(ctx)('notUrl');
  return errors;
}

/** The meeting a form names (`m`), to build it against. */
const meetingOf = async (ctx: DialogContext, args: Args): Promise<MeetingDoc | null> => (args?.m ? findMeeting(ctx.community._id, String(args.m)) : null);

const create = formHandler(createSpec, {
  build: async (ctx) => (mayManageMeetings(ctx.member) ? createForm(ctx.lang, await bodies(ctx)) : null),
  async submit(ctx, v): Promise<StepResult> {
    require(mayManageMeetings(ctx.member));
    const t = tr(ctx);
    const errors: Record<string, string> = commonErrors(ctx, v);
    const allowed = await bodies(ctx);
    const body = allowed.find((b) => b.key === v.body) ?? null;
    if (!body) {
      errors.body = t('noBody', { text: v.body, keys: allowed.map((b) => bodyName(b, ctx.lang)).join(', ') });
      // Check the times too, so every problem is shown at once.
      for (const [field, code] of Object.entries(timeProblems(v.start, v.end))) errors[field] = t(PROBLEM_TEXT[code]);
    }
    if (Object.keys(errors).length || !body) return { replies: [], errors };
    const r = await createMeeting(ctx.services, {
      community: ctx.community._id,
      actor: ctx.member._id,
      input: { body: body._id, title: v.title, start: v.start, end: v.end, place: v.place ?? '', videoUrl: v.video ?? '', agenda: parseAgenda(v.agenda) },
    });
    if (r.problems) return { replies: [], errors: await problemsToErrors(ctx, r.problems) };
    const m = r.meeting;
    const noticeAt = jobTimes({ start: m.start, end: m.end, schedule: m.schedule }).notice;
    const notice = noticeAt.getTime() <= Date.now() ? t('noticeNow') : formatDateTime(noticeAt, ctx.lang);
    return open(ctx, m, t('created', { title: m.title, when: whenText(m, ctx.lang), notice }));
  },
});

const edit = formHandler(editSpec, {
  build: async (ctx, args) => {
    const m = await meetingOf(ctx, args);
    return m && mayManageMeetings(ctx.member) ? editForm(ctx.lang, m) : null;
  },
  submit: (ctx, v, args) =>
    withMeeting(ctx, args, async (m) => {
      require(mayManageMeetings(ctx.member));
      const t = tr(ctx);
      const errors = commonErrors(ctx, v);
      if (Object.keys(errors).length) return { replies: [], errors };
      const oldStart = m.start;
      const r = await updateMeeting(ctx.services, {
        community: ctx.community._id,
        meetingId: m._id,
        actor: ctx.member._id,
        patch: { title: v.title, start: v.start, end: v.end, place: v.place ?? '', videoUrl: v.video ?? '', agenda: parseAgenda(v.agenda, m.agenda) },
      });
      if (r.problems) return { replies: [], errors: await problemsToErrors(ctx, r.problems) };
      if (r.moved) await announceMove(ctx.services, r.meeting, oldStart);
      return open(ctx, r.meeting, r.moved ? t('movedDone', { when: whenText(r.meeting, ctx.lang) }) : t('saved'));
    }),
});

const deputy = formHandler(deputySpec, {
  build: async (ctx, args) => {
    const m = await meetingOf(ctx, args);
    return m ? deputyFormFor(ctx, m) : null;
  },
  submit: (ctx, v, args) => withMeeting(ctx, args, (m) => submitDeputy(ctx, m, v.deputy)),
});

export const forms = { create, edit, deputy };
