/**
 * The core: takes what a platform adapter received, finds the community and the member, routes
 * it to a dialog, validates forms, keeps drafts, saves dialog state, and returns replies.
 * Data flows one way: adapter → Incoming → core → dialog → Reply → adapter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Address } from '../models/address.js';
import { Body, type BodyDoc } from '../models/body.js';
import { Community, type CommunityDoc } from '../models/community.js';
import { DialogState } from '../models/dialog-state.js';
import { Draft } from '../models/draft.js';
import type { MemberDoc } from '../models/member.js';
import type { Args, Dialog, DialogContext, DialogData, StepResult } from './dialog.js';
import { SamlaError } from './errors.js';
import { submissionHasNationalId, validateForm } from './forms.js';
import { containsNationalId } from './guard.js';
import { communityFor, identify, type PlatformUser } from './identity.js';
import { claimOnce, releaseOnce } from './once.js';
import { dialogArgs, FORM_INSTANCE_ARG, OPEN_FORM_STEP, type ActionPayload } from './payload.js';
import type { Router } from './router.js';
import type { Services } from './services.js';
import { coreTexts } from './texts.js';
import type { Form, FormValues, Lang, Platform, Reply } from './ui.js';

export interface Incoming {
  platform: Platform;
  /** Slack team id or Teams tenant id; the community is chosen by it. */
  tenant?: string;
  /** Set by the console, which serves one community. */
  communityId?: string;
  user: PlatformUser;
  conversationId: string;
  where: 'direct' | 'channel';
  channelExternalId?: string;
  /** What the adapter needs to post in this channel later; stored when the channel is bound to a body. */
  channelRef?: Record<string, unknown>;
  /** The platform's id of the event; a second delivery of the same id has no effect. */
  eventId?: string;
  kind: 'text' | 'action' | 'submit';
  /** The message typed; with an action, the text of a message it was invoked on (a message shortcut). */
  text?: string;
  action?: ActionPayload;
  values?: FormValues;
}

export interface Outcome {
  replies: Reply[];
  lang: Lang;
  member?: MemberDoc;
  community?: CommunityDoc;
  /** The event was a retry of one already handled. */
  duplicate?: boolean;
  /** A submission came back with errors: the form to show again, with values and errors. */
  rejectedForm?: Form;
}

export class Core {
  constructor(
    readonly router: Router,
    readonly services: Services,
  ) {}

  async receive(inc: Incoming): Promise<Outcome> {
    const community = await this.community(inc);
    if (!community) return this.noCommunity();

    if (inc.eventId && !(await claimOnce(`event:${inc.platform}:${inc.eventId}`))) {
      return { replies: [], lang: community.defaultLang as Lang, duplicate: true, community };
    }

    const member = await identify(community, inc.platform, inc.user);
    if (!member) return this.unknownUser(community);

    const ctxBase = await this.baseContext(inc, community, member);
    const { lang } = ctxBase;
    // No patient data: a message (or a shared message's text) with an identity number goes no
    // further — not to a dialog, not to the database, not to the logs.
    if (inc.text && containsNationalId(inc.text)) {
      return { replies: [{ text: coreTexts(lang, 'nationalId'), visibility: 'private' }], lang, member, community };
    }
    try {
      const out = await this.dispatch(inc, ctxBase);
      out.replies = stampForms(await this.fillDrafts(ctxBase, out.replies));
      return { ...out, lang, member, community };
    } catch (err) {
      if (err instanceof SamlaError && err.code === 'forbidden') {
        return { replies: [{ text: coreTexts(lang, 'notAllowed'), visibility: 'private' }], lang, member, community };
      }
      this.services.log.error({ err, platform: inc.platform, kind: inc.kind }, 'turn failed');
      if (inc.kind === 'submit' && inc.action && inc.values) await this.saveDraft(ctxBase, inc.action, inc.values);
      return { replies: [{ text: coreTexts(lang, 'somethingWrong'), visibility: 'private' }], lang, member, community };
    }
  }

  /**
   * The context a dialog would get for this user outside a turn, for views an adapter renders on
   * its own (Slack's App Home, the options of a long select). Without a community or member: the
   * reply to show instead.
   */
  async contextFor(
    inc: Pick<Incoming, 'platform' | 'tenant' | 'communityId' | 'user' | 'conversationId' | 'where'>,
  ): Promise<{ ctx: DialogContext } | { ctx: null; reply: Reply; lang: Lang }> {
    const community = await this.community(inc);
    const member = community && (await identify(community, inc.platform, inc.user));
    if (!community || !member) {
      const o = community ? this.unknownUser(community) : this.noCommunity();
      return { ctx: null, reply: o.replies[0]!, lang: o.lang };
    }
    const base = await this.baseContext({ ...inc, kind: 'action' }, community, member);
    const held = await this.loadState(base);
    return { ctx: { ...base, state: held?.data ?? null } };
  }

  private async community(inc: Pick<Incoming, 'platform' | 'tenant' | 'communityId'>): Promise<CommunityDoc | null> {
    if (inc.communityId) return Community.findById(inc.communityId);
    if (!inc.tenant) return null;
    return communityFor(inc.platform, inc.tenant, this.services.config.NODE_ENV !== 'production');
  }

  private noCommunity(): Outcome {
    const lang = this.services.config.SAMLA_DEFAULT_LANG;
    return { replies: [{ text: coreTexts(lang, 'noCommunity') }], lang };
  }

  private unknownUser(community: CommunityDoc): Outcome {
    const lang = community.defaultLang as Lang;
    return { replies: [unknownUserReply(community, lang)], lang, community };
  }

  private async baseContext(
    inc: Pick<Incoming, 'platform' | 'conversationId' | 'where' | 'channelExternalId' | 'channelRef' | 'kind' | 'text'>,
    community: CommunityDoc,
    member: MemberDoc,
  ): Promise<Omit<DialogContext, 'state'>> {
    return {
      community,
      member,
      lang: (member.lang ?? community.defaultLang) as Lang,
      platform: inc.platform,
      conversationId: inc.conversationId,
      where: inc.where,
      channelBody: inc.where === 'channel' && inc.channelExternalId ? await this.boundBody(community, inc.platform, inc.channelExternalId) : null,
      channelExternalId: inc.channelExternalId,
      channelRef: inc.channelRef,
      text: inc.kind === 'text' ? undefined : inc.text,
      services: this.services,
    };
  }

  private async dispatch(inc: Incoming, base: Omit<DialogContext, 'state'>): Promise<Omit<Outcome, 'lang'>> {
    const t = (k: Parameters<typeof coreTexts>[1], v?: Record<string, string | number>) => coreTexts(base.lang, k, v);
    const held = await this.loadState(base);

    if (inc.kind === 'text') {
      const text = inc.text ?? '';
      const route = this.router.match(text);
      if (route?.dialog.command) {
        const ctx = { ...base, state: held?.dialog === route.dialog.id ? held.data : null };
        return this.finish(ctx, route.dialog, await route.dialog.command(ctx, route.args, route.word));
      }
      const holder = held ? this.router.dialog(held.dialog) : undefined;
      if (holder?.text && held) {
        const ctx = { ...base, state: held.data };
        return this.finish(ctx, holder, await holder.text(ctx, text));
      }
      const suggestion = this.router.suggest(text, base.lang);
      const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
      const lines = [t('unknownCommand', { text: shown })];
      if (suggestion) lines.push(t('didYouMean', { suggestion }));
      lines.push(t('typeHelp'));
      return { replies: [{ text: lines.join(' '), visibility: 'private' }] };
    }

    const p = inc.action;
    const dialog = p ? this.router.dialog(p.d) : undefined;
    if (!p || !dialog) return { replies: [{ text: t('expiredAction'), visibility: 'private' }] };
    const ctx = { ...base, state: held?.dialog === dialog.id ? held.data : null };

    if (inc.kind === 'action' && p.s === OPEN_FORM_STEP) return this.openForm(ctx, dialog, p);
    if (inc.kind === 'action') {
      if (!dialog.action) return { replies: [{ text: t('expiredAction'), visibility: 'private' }] };
      return this.finish(ctx, dialog, await dialog.action(ctx, p));
    }

    // A form submission: validate against the form's own definition before the dialog sees it.
    const raw = inc.values ?? {};
    const args = dialogArgs(p.a);
    const form = dialog.form ? await dialog.form(ctx, p.s, args) : null;
    if (!form || !dialog.submit) {
      await this.saveDraft(ctx, p, raw);
      return { replies: [{ text: t('expiredAction'), visibility: 'private' }] };
    }
    const check = validateForm(form, raw, base.lang);
    if (!check.ok) return this.rejected(ctx, form, p, raw, check.errors, []);
    // One form shown is sent once, whatever the platform lets through: a card that stays live
    // (Teams), a double click, a slow network. The claim is given back when nothing was saved.
    const instance = p.a?.[FORM_INSTANCE_ARG];
    const claim = instance ? `form:${String(base.community._id)}:${String(base.member._id)}:${String(instance)}` : null;
    if (claim && !(await claimOnce(claim))) {
      return { replies: [{ text: t('formAlreadySent'), visibility: 'private' }, sentMarker(form, base.lang)] };
    }
    let res: StepResult;
    try {
      res = await dialog.submit(ctx, p.s, check.values, args);
    } catch (err) {
      if (claim) await releaseOnce(claim);
      throw err;
    }
    if (res.errors && Object.keys(res.errors).length) {
      if (claim) await releaseOnce(claim);
      return this.rejected(ctx, form, p, raw, res.errors, res.replies);
    }
    await Draft.deleteOne({ community: base.community._id, member: base.member._id, key: draftKey(p) });
    const done = await this.finish(ctx, dialog, res);
    // The form that was sent shows that it was (where it stays on screen, as a Teams card does).
    if (!done.replies.some((r) => r.replacesSource)) done.replies = [...done.replies, sentMarker(form, base.lang)];
    return done;
  }

  /** The generic «open this form» action: shows the dialog's form (with any draft) where the member is. */
  private async openForm(ctx: DialogContext, dialog: Dialog, p: ActionPayload): Promise<Omit<Outcome, 'lang'>> {
    const { '@f': formId, [FORM_INSTANCE_ARG]: instance, ...args } = p.a ?? {};
    const built = dialog.form ? await dialog.form(ctx, String(formId), Object.keys(args).length ? args : undefined) : null;
    if (!built) return { replies: [{ text: coreTexts(ctx.lang, 'expiredAction'), visibility: 'private' }] };
    // Opened from the button that stood for it (a Slack modal): the same form, the same instance.
    const form = instance === undefined ? built : withInstance(built, instance);
    return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
  }

  private async rejected(
    ctx: DialogContext,
    form: Form,
    p: ActionPayload,
    raw: FormValues,
    errors: Record<string, string>,
    extra: Reply[],
  ): Promise<Omit<Outcome, 'lang'>> {
    // The form goes back with what was typed, so it can be fixed; the stored draft never holds
    // an identity number (saveDraft empties such fields).
    await this.saveDraft(ctx, p, raw);
    const instance = p.a?.[FORM_INSTANCE_ARG];
    const shown: Form = { ...(instance === undefined ? form : withInstance(form, instance)), values: raw, errors };
    return {
      replies: [...extra, { text: coreTexts(ctx.lang, 'formErrors'), elements: [{ type: 'form', form: shown }], visibility: 'private' }],
      rejectedForm: shown,
    };
  }

  private async finish(ctx: DialogContext, dialog: Dialog, res: StepResult): Promise<Omit<Outcome, 'lang'>> {
    if (res.state !== undefined) await this.saveState(ctx, dialog.id, res.state);
    return { replies: res.replies };
  }

  private stateKey(ctx: Pick<DialogContext, 'community' | 'platform' | 'conversationId' | 'member'>) {
    return { community: ctx.community._id, platform: ctx.platform, conversation: ctx.conversationId, member: ctx.member._id };
  }

  private async loadState(ctx: Omit<DialogContext, 'state'>): Promise<{ dialog: string; data: DialogData } | null> {
    const s = await DialogState.findOne(this.stateKey(ctx)).lean();
    return s ? { dialog: s.dialog, data: (s.data ?? {}) as DialogData } : null;
  }

  private async saveState(ctx: DialogContext, dialogId: string, data: DialogData | null): Promise<void> {
    const key = this.stateKey(ctx);
    if (data === null) {
      await DialogState.deleteOne({ ...key, dialog: dialogId });
      return;
    }
    await DialogState.updateOne(key, { $set: { dialog: dialogId, data } }, { upsert: true });
  }

  private async saveDraft(ctx: Omit<DialogContext, 'state'>, p: ActionPayload, values: FormValues): Promise<void> {
    await Draft.updateOne(
      { community: ctx.community._id, member: ctx.member._id, key: draftKey(p) },
      { $set: { values: stripNationalIds(values) } },
      { upsert: true },
    );
  }

  /** A form shown without values gets the member's saved draft, so nothing typed is lost. */
  private async fillDrafts(ctx: Omit<DialogContext, 'state'>, replies: Reply[]): Promise<Reply[]> {
    const out: Reply[] = [];
    for (const r of replies) {
      if (!r.elements?.some((e) => e.type === 'form' && !e.form.values)) {
        out.push(r);
        continue;
      }
      const elements = [];
      for (const e of r.elements) {
        if (e.type === 'form' && !e.form.values) {
          const d = await Draft.findOne({ community: ctx.community._id, member: ctx.member._id, key: draftKey(e.form.action) }).lean();
          elements.push(d ? { ...e, form: { ...e.form, values: usableDraft(e.form, d.values as FormValues) } } : e);
        } else elements.push(e);
      }
      out.push({ ...r, elements });
    }
    return out;
  }

  private async boundBody(community: CommunityDoc, platform: Platform, channel: string): Promise<BodyDoc | null> {
    // In the console every body has its channel, named by the body's key («#ssu …»).
    if (platform === 'console') return Body.findOne({ community: community._id, key: channel });
    const a = await Address.findOne({ community: community._id, platform, kind: 'channel', externalId: channel });
    return a?.body ? Body.findOne({ _id: a.body, community: community._id }) : null;
  }
}

export function unknownUserReply(community: CommunityDoc, lang: Lang): Reply {
  const text = community.contact
    ? coreTexts(lang, 'unknownUser', { community: community.name, contact: community.contact })
    : coreTexts(lang, 'unknownUserNoContact', { community: community.name });
  return { text, visibility: 'private' };
}

/** Drafts belong to a form, not to one showing of it: the instance is left out. */
function draftKey(p: ActionPayload): string {
  const a = dialogArgs(p.a);
  const args = a ? createHash('sha1').update(JSON.stringify(a)).digest('hex').slice(0, 12) : '-';
  return `${p.d}:${p.s}:${args}`;
}

/**
 * What of a draft fits the form as it is now: choices that are (still) options, and fields the
 * form still has. Platforms refuse a form whose preset choice is not one of its options.
 */
function usableDraft(form: Form, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of form.fields) {
    const v = values[f.id];
    if (v === undefined) continue;
    if (f.kind === 'choice' || f.kind === 'multichoice') {
      const allowed = new Set((f.options ?? []).map((o) => o.value));
      const kept = (Array.isArray(v) ? v : [v]).filter((x) => allowed.has(x));
      if (kept.length) out[f.id] = f.kind === 'choice' ? kept[0]! : kept;
    } else out[f.id] = v;
  }
  return out;
}

function withInstance(form: Form, instance: string | number | boolean): Form {
  return { ...form, action: { ...form.action, a: { ...(form.action.a ?? {}), [FORM_INSTANCE_ARG]: instance } } };
}

/** Every form shown gets an instance id of its own (one it brought along is kept). */
function stampForms(replies: Reply[]): Reply[] {
  return replies.map((r) =>
    r.elements?.some((e) => e.type === 'form' && e.form.action.a?.[FORM_INSTANCE_ARG] === undefined)
      ? {
          ...r,
          elements: r.elements.map((e) =>
            e.type === 'form' && e.form.action.a?.[FORM_INSTANCE_ARG] === undefined ? { ...e, form: withInstance(e.form, randomBytes(6).toString('base64url')) } : e,
          ),
        }
      : r,
  );
}

/** What the form that was sent becomes: a line saying so, in place of its fields and button. */
function sentMarker(form: Form, lang: Lang): Reply {
  const text = coreTexts(lang, 'formSent', { title: form.title });
  return { text, elements: [{ type: 'section', text }], visibility: 'private', replacesSource: true };
}

function stripNationalIds(values: FormValues): FormValues {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v : submissionHasNationalId({ [k]: v }) ? '' : v]),
  );
}

export type { Args };
