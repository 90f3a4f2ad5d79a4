/** The forms, by id: how each is built (anew for every submission) and what its submission does. */
import type { MeetingDoc } from '../../models/meeting.js';
import { bodyName } from '../../src/directory.js';
import type { Args, DialogContext, StepResult } from '../../src/dialog.js';
import { formHandler } from '../../src/form-spec.js';
import { require } from '../../src/permissions.js';
import { formatDateTime } from '../../src/time.js';
import type { Lang } from '../../src/ui.js';
import { parseAgenda } from './agenda.js';
import { deputyFormFor, submitDeputy } from './deputy.js';
import { createForm, createSpec, deputySpec, editForm, editSpec } from './forms.js';
import { announceMove } from './jobs.js';
import { isUrl, mayManageMeetings, timeProblems, type MeetingProblem, type Problems } from './rules.js';
import { jobTimes } from './schedule.js';
import { createMeeting, findMeeting, updateMeeting } from './service.js';
import { bodies, open, withMeeting } from './steps.js';
import { texts } from './texts.js';
import { whenText } from './views.js';

/** What the secretariat is told for each problem with a meeting; `keys`: the bodies they may choose. */
function problemText(lang: Lang, p: MeetingProblem, keys = ''): string {
  switch (p) {
    case 'inPast':
      return texts(lang, 'meeting.error.inPast');
    case 'endBeforeStart':
      return texts(lang, 'meeting.error.endBeforeStart');
    case 'cancelled':
      return texts(lang, 'meeting.error.cancelled');
    case 'started':
      return texts(lang, 'meeting.error.startedMove');
    case 'notFound':
      return texts(lang, 'meeting.error.notFound');
    case 'noBody':
      return texts(lang, 'meeting.error.noBodyAmong', { keys });
  }
}

async function problemsToErrors(ctx: DialogContext, p: Problems): Promise<Record<string, string>> {
  const keys = (await bodies(ctx)).map((b) => b.key).join(', ');
  return Object.fromEntries(Object.entries(p).map(([field, code]) => [field, problemText(ctx.lang, code, keys)]));
}

function commonErrors(ctx: DialogContext, v: { video?: string | undefined }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (v.video && !isUrl(v.video)) errors.video = texts(ctx.lang, 'meeting.error.notUrl');
  return errors;
}

/** The meeting a form names (`m`), to build it against. */
const meetingOf = async (ctx: DialogContext, args: Args): Promise<MeetingDoc | null> => (args?.m ? findMeeting(ctx.community._id, String(args.m)) : null);

const create = formHandler(createSpec, {
  build: async (ctx) => (mayManageMeetings(ctx.member) ? createForm(ctx.lang, await bodies(ctx)) : null),
  async submit(ctx, v): Promise<StepResult> {
    require(mayManageMeetings(ctx.member));
    const errors: Record<string, string> = commonErrors(ctx, v);
    const allowed = await bodies(ctx);
    const body = allowed.find((b) => b.key === v.body) ?? null;
    if (!body) {
      errors.body = texts(ctx.lang, 'meeting.error.noBody', { text: v.body, keys: allowed.map((b) => bodyName(b, ctx.lang)).join(', ') });
      // Check the times too, so every problem is shown at once.
      for (const [field, code] of Object.entries(timeProblems(v.start, v.end))) errors[field] = problemText(ctx.lang, code);
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
    const notice = noticeAt.getTime() <= Date.now() ? texts(ctx.lang, 'meeting.reply.noticeNow') : formatDateTime(noticeAt, ctx.lang);
    return open(ctx, m, texts(ctx.lang, 'meeting.reply.created', { title: m.title, when: whenText(m, ctx.lang), notice }));
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
      return open(ctx, r.meeting, r.moved ? texts(ctx.lang, 'meeting.reply.moved', { when: whenText(r.meeting, ctx.lang) }) : texts(ctx.lang, 'meeting.reply.saved'));
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
