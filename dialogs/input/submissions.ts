/** The forms, by id: how each is built (anew for every submission) and what its submission does. */
import type { RoundDoc } from '../../models/round.js';
import type { DialogContext, StepResult } from '../../src/dialog.js';
import { formHandler } from '../../src/form-spec.js';
import { require } from '../../src/permissions.js';
import { texts as coreTexts } from '../../src/texts.js';
import { changeOwn, contribute, contributeFree, contributionWithRound, partyName, type ContributionInput } from './contributions.js';
import { answerForm, answerSpec, deadlineForm, deadlineSpec, editForm, editSpec, freeForm, freeSpec, openRoundForm, openSpec } from './forms.js';
import { thanksReply } from './member-views.js';
import { cannotAnswer, changeResult } from './member-steps.js';
import { done, priv, refused } from './replies.js';
import { deadlineProblem, MAX_THEME_LENGTH, MAX_THEMES, mayRunRounds, parseThemes, remindersFrom, themesFit } from './rules.js';
import { bodiesByKeys, bodyByKey, roundById } from './find.js';
import { audienceHasMembers, changeDeadline, createRound, openRoundsFor } from './service.js';
import { texts } from './texts.js';
import { deadlineSavedReply, openedReply } from './views.js';

/** What a member typed into an answer form, with theme choices (`t<index>`) turned back into the round's themes. */
function contributionFrom(values: { text: string; themes?: string[]; groups: string[] }, round: RoundDoc | null): ContributionInput {
  const themes = (values.themes ?? []).map((v) => round?.themes[Number(v.slice(1))]).filter((x): x is string => Boolean(x));
  return { text: values.text, themes, priorityGroups: values.groups };
}

const expired = (ctx: DialogContext): StepResult => refused(coreTexts(ctx.lang, 'core.error.expiredAction'));

const open = formHandler(openSpec, {
  build: async (ctx) => (mayRunRounds(ctx.member) ? openRoundForm(ctx.community, ctx.lang) : null),
  async submit(ctx, v) {
    require(mayRunRounds(ctx.member));
    const errors: Record<string, string> = {};
    const themes = parseThemes(v.themes);
    if (!themesFit(themes)) errors.themes = texts(ctx.lang, 'input.error.tooManyThemes', { max: MAX_THEMES, len: MAX_THEME_LENGTH });
    if (!v.bodies.length && !v.partyTypes.length) errors._form = texts(ctx.lang, 'input.error.noAudience');
    const opensAt = v.opens ?? null;
    const problem = deadlineProblem(v.deadline, opensAt);
    if (problem) errors.deadline = texts(ctx.lang, problem === 'past' ? 'input.error.deadlinePast' : 'input.error.deadlineBeforeOpen');
    if (Object.keys(errors).length) return { replies: [], errors };
    const bodies = await bodiesByKeys(ctx.community._id, v.bodies);
    const audience = { bodies: bodies.map((b) => b._id), partyTypes: v.partyTypes };
    if (!(await audienceHasMembers(ctx.community._id, audience))) return refused(texts(ctx.lang, 'input.error.emptyAudience'));
    const r = await createRound(ctx.services, {
      community: ctx.community._id,
      createdBy: ctx.member,
      title: v.title,
      question: v.question,
      themes,
      audience,
      opensAt,
      deadline: v.deadline,
      reminders: remindersFrom(v.reminders),
    });
    return done(openedReply(ctx.lang, r));
  },
});

const answer = formHandler(answerSpec, {
  // A closed round still has its form, so a late submission gets a clear «closed» and keeps its text.
  build: async (ctx, a) => {
    const round = await roundById(ctx.community._id, a?.r);
    return round ? answerForm(round, ctx.lang, Number(a?.n ?? 0)) : null;
  },
  async submit(ctx, values, a) {
    const round = await roundById(ctx.community._id, a?.r);
    if (!round) return expired(ctx);
    const r = await contribute(round, ctx.member, contributionFrom(values, round), String(a?.n ?? 0));
    if (r.kind === 'closed' || r.kind === 'not_open_yet') return refused((await cannotAnswer(ctx, round))!);
    if (r.kind === 'not_audience') return refused(texts(ctx.lang, 'input.error.notAudience', { title: round.title }));
    if (r.kind === 'duplicate') return done(priv(texts(ctx.lang, 'input.reply.alreadySaved')));
    return done(thanksReply(ctx.lang, round, await partyName(ctx.member)));
  },
});

const edit = formHandler(editSpec, {
  build: async (ctx, a) => {
    const { contribution, round } = await contributionWithRound(ctx.community._id, a?.c);
    return contribution && round ? editForm(round, ctx.lang, String(contribution._id)) : null;
  },
  async submit(ctx, values, a) {
    const { round } = await contributionWithRound(ctx.community._id, a?.c);
    const r = await changeOwn(ctx.member, String(a?.c), { input: contributionFrom(values, round) });
    if (r.kind === 'closed') return refused(texts(ctx.lang, 'input.error.tooLate', { title: round?.title ?? '' }));
    return changeResult(ctx, r, 'updated');
  },
});

const free = formHandler(freeSpec, {
  build: async (ctx, a) => freeForm(ctx.community, ctx.lang, Number(a?.n ?? 0), (await openRoundsFor(ctx.member)).length > 0),
  async submit(ctx, values, a) {
    const body = await bodyByKey(ctx.community._id, values.body);
    if (!body) return { replies: [], errors: { body: coreTexts(ctx.lang, 'core.field.notOption') } };
    const r = await contributeFree(ctx.member, body._id, contributionFrom(values, null), String(a?.n ?? 0));
    if (r.kind === 'duplicate') return done(priv(texts(ctx.lang, 'input.reply.alreadySaved')));
    return done(priv(texts(ctx.lang, 'input.reply.freeThanks', { body: body.name[ctx.lang] })));
  },
});

const deadline = formHandler(deadlineSpec, {
  build: async (ctx, a) => {
    const round = mayRunRounds(ctx.member) ? await roundById(ctx.community._id, a?.r) : null;
    return round ? deadlineForm(round, ctx.lang) : null;
  },
  async submit(ctx, v, a) {
    require(mayRunRounds(ctx.member));
    const round = await roundById(ctx.community._id, a?.r);
    if (!round) return expired(ctx);
    if (deadlineProblem(v.deadline, null) === 'past') return { replies: [], errors: { deadline: texts(ctx.lang, 'input.error.deadlinePast') } };
    const r = await changeDeadline(ctx.services, round, ctx.member, v.deadline);
    return done(deadlineSavedReply(ctx.lang, round, v.deadline, r.reopened));
  },
});

export const forms = { open, answer, edit, free, deadline };
