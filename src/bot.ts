/**
 * The core: takes what a platform adapter received, finds the community and the member, routes
 * it to a dialog, validates forms, keeps drafts, saves dialog state, and returns replies.
 * Data flows one way: adapter → Incoming → core → dialog → Reply → adapter.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { z } from 'zod';
import { Address } from '../models/address.js';
import { Body, type BodyDoc } from '../models/body.js';
import { Community, type CommunityDoc } from '../models/community.js';
import { DialogState } from '../models/dialog-state.js';
import { fillDrafts, forgetDraft, saveDraft, stripNationalIds } from './drafts.js';
import { sentMarker, stampForms, withInstance } from './form-instances.js';
import type { MemberDoc } from '../models/member.js';
import { inTurn } from './context.js';
import type { Dialog, DialogContext, DialogData, FormHandler, StepResult } from './dialog.js';
import { SamlaError } from './errors.js';
import { memberText } from './error-texts.js';
import { ownEntry } from './own-entry.js';
import { validateForm } from './forms.js';
import { containsNationalId } from './guard.js';
import { communityFor, identify, readerLang, type PlatformUser } from './identity.js';
import { isUnreachable } from './db/retry.js';
import { claimDelivery, claimOnce, releaseOnce } from './once.js';
import { Serial } from './serial.js';
import { dialogArgs, FORM_INSTANCE_ARG, OPEN_FORM_STEP, type ActionPayload } from './payload.js';
import type { Router } from './router.js';
import type { Services } from './services.js';
import { texts as coreTexts } from './texts.js';
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
  /**
   * When the member acted, by the platform's clock (a Slack click's action_ts, a Teams activity's
   * timestamp): two clicks that reach two instances out of order are still told apart.
   */
  at?: Date;
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
  /** Nothing was stored and the member was asked to try again: a repeat must not count as a double click. */
  notSaved?: boolean;
}

const id = z.string().min(1).max(300);
const platformIds = z.looseObject({
  tenant: id.optional(),
  communityId: id.optional(),
  user: z.looseObject({ externalId: id }),
  conversationId: z.string().min(1).max(500),
  channelExternalId: id.optional(),
  eventId: id.optional(),
});

export class Core {
  /**
   * Turns run a bounded number at a time. Under a burst (a channel voting at once) the rest wait
   * in line instead of all contending for the one event loop, so the cheap work in front of them
   * — Slack's acknowledgement within 3 s, the next request's parsing — is never starved.
   */
  private readonly slots: LimitFunction;
  /** One member's turns, one after the other: B, A, B clicked in quick succession ends on B. */
  private readonly serial = new Serial();

  constructor(
    private readonly router: Router,
    readonly services: Services,
  ) {
    this.slots = pLimit(services.config.TURN_CONCURRENCY);
  }

  receive(inc: Incoming): Promise<Outcome> {
    // Adapters check what the platform sent at their edge; this is the second wall, for ids that
    // reach database queries: strings of a sensible length, never an object such as {"$ne": …}.
    if (!platformIds.safeParse(inc).success) {
      this.services.log.warn({ platform: inc.platform, kind: inc.kind }, 'turn with malformed platform ids refused');
      return Promise.resolve({ replies: [], lang: this.services.config.SAMLA_DEFAULT_LANG, duplicate: true });
    }
    // In a member's line first, then in the shared one: a turn waiting for the same member's
    // previous turn holds no slot.
    return inTurn(inc.platform, inc.kind, () =>
      this.serial.run(`${inc.platform}\u0000${inc.tenant ?? inc.communityId ?? ''}\u0000${inc.user.externalId}`, () => this.slots(() => this.answered(inc))),
    );
  }

  /**
   * A click or a form the database could not store (it stayed away longer than writes retry) is
   * answered with «not saved, try again», in private — the platform has acknowledged it already,
   * so silence would read as success.
   */
  private async answered(inc: Incoming): Promise<Outcome> {
    try {
      return await this.handle(inc);
    } catch (err) {
      if (inc.kind === 'text' || !isUnreachable(err)) throw err;
      this.services.log.error({ err, platform: inc.platform, kind: inc.kind }, 'turn not saved: the database is unreachable');
      const lang = this.services.config.SAMLA_DEFAULT_LANG;
      return { replies: [{ text: coreTexts(lang, 'core.error.notSaved'), visibility: 'private' }], lang, notSaved: true };
    }
  }

  private async handle(inc: Incoming): Promise<Outcome> {
    const community = await this.community(inc);
    if (!community) return this.noCommunity();

    if (inc.eventId && !(await claimDelivery(this.services.config, inc.platform, inc.eventId))) {
      return { replies: [], lang: community.defaultLang as Lang, duplicate: true, community };
    }

    const member = await identify(community, inc.platform, inc.user);
    if (!member) return this.unknownUser(community);

    const ctxBase = await this.baseContext(inc, community, member);
    const { lang } = ctxBase;
    // No patient data: a message (or a shared message's text) with an identity number goes no
    // further — not to a dialog, not to the database, not to the logs.
    if ((inc.text && containsNationalId(inc.text)) || (inc.action && payloadHasNationalId(inc.action))) {
      return { replies: [{ text: coreTexts(lang, 'core.field.nationalId'), visibility: 'private' }], lang, member, community };
    }
    const seen: { form?: Form | null } = {};
    try {
      const out = await this.dispatch(inc, ctxBase, seen);
      out.replies = stampForms(await fillDrafts(ctxBase, out.replies));
      return { ...out, lang, member, community };
    } catch (err) {
      const explained = err instanceof SamlaError ? memberText(err.code, lang) : null;
      if (explained) {
        return { replies: [{ text: explained, visibility: 'private' }], lang, member, community };
      }
      this.services.log.error({ err, platform: inc.platform, kind: inc.kind }, 'turn failed');
      let notSaved = inc.kind !== 'text' && isUnreachable(err);
      if (inc.kind === 'submit' && inc.action && inc.values) {
        // «Nothing you typed is lost» holds only if the draft was stored.
        await saveDraft(ctxBase, inc.action, inc.values, seen.form).catch(() => (notSaved = true));
      }
      return {
        replies: [{ text: coreTexts(lang, notSaved ? 'core.error.notSaved' : 'core.error.somethingWrong'), visibility: 'private' }],
        lang,
        member,
        community,
        ...(notSaved ? { notSaved } : {}),
      };
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

  /** The member's home view (Slack's App Home), or what to show someone the bot does not know. */
  async home(inc: Pick<Incoming, 'platform' | 'tenant' | 'communityId' | 'user' | 'conversationId' | 'where'>): Promise<{ reply: Reply; lang: Lang }> {
    const c = await this.contextFor(inc);
    if (!c.ctx) return { reply: c.reply, lang: c.lang };
    const provider = this.router.dialogs().find((d) => d.home);
    const reply = provider?.home ? await provider.home(c.ctx) : { text: coreTexts(c.ctx.lang, 'core.route.typeHelp') };
    return { reply, lang: c.ctx.lang };
  }

  /**
   * A form as the member would be shown it now, rebuilt from its dialog (the options of a long
   * select are looked up in it; what the platform sends back is never trusted). Null when the
   * form does not apply, or is not this member's to use.
   */
  async formFor(inc: Pick<Incoming, 'platform' | 'tenant' | 'communityId' | 'user' | 'conversationId' | 'where'>, p: ActionPayload): Promise<Form | null> {
    const dialog = this.router.dialog(p.d);
    if (!dialog) return null;
    const c = await this.contextFor(inc);
    if (!c.ctx) return null;
    const def = formOf(dialog, p.s);
    const args = dialogArgs(p.a);
    if (!def || (await def.refuse?.(c.ctx, args))) return null;
    return def.build(c.ctx, args);
  }

  private async community(inc: Pick<Incoming, 'platform' | 'tenant' | 'communityId'>): Promise<CommunityDoc | null> {
    if (inc.communityId) return Community.findById(inc.communityId);
    if (!inc.tenant) return null;
    return communityFor(inc.platform, inc.tenant, this.services.config.NODE_ENV !== 'production');
  }

  private noCommunity(): Outcome {
    const lang = this.services.config.SAMLA_DEFAULT_LANG;
    return { replies: [{ text: coreTexts(lang, 'core.identity.noCommunity') }], lang };
  }

  private unknownUser(community: CommunityDoc): Outcome {
    const lang = community.defaultLang as Lang;
    return { replies: [unknownUserReply(community, lang)], lang, community };
  }

  private async baseContext(
    inc: Pick<Incoming, 'platform' | 'conversationId' | 'where' | 'channelExternalId' | 'channelRef' | 'kind' | 'text' | 'at'>,
    community: CommunityDoc,
    member: MemberDoc,
  ): Promise<Omit<DialogContext, 'state'>> {
    return {
      community,
      member,
      lang: readerLang(member, community, this.services.config.SAMLA_DEFAULT_LANG),
      platform: inc.platform,
      conversationId: inc.conversationId,
      where: inc.where,
      channelBody: inc.where === 'channel' && inc.channelExternalId ? await this.boundBody(community, inc.platform, inc.channelExternalId) : null,
      channelExternalId: inc.channelExternalId,
      channelRef: inc.channelRef,
      text: inc.kind === 'text' ? undefined : inc.text,
      actedAt: actedAt(inc.at),
      services: this.services,
    };
  }

  private async dispatch(inc: Incoming, base: Omit<DialogContext, 'state'>, seen: { form?: Form | null } = {}): Promise<Omit<Outcome, 'lang'>> {
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
      const lines = [coreTexts(base.lang, 'core.route.unknownCommand', { text: shown })];
      if (suggestion) lines.push(coreTexts(base.lang, 'core.route.didYouMean', { suggestion }));
      lines.push(coreTexts(base.lang, 'core.route.typeHelp'));
      return { replies: [{ text: lines.join(' '), visibility: 'private' }] };
    }

    const p = inc.action;
    const dialog = p ? this.router.dialog(p.d) : undefined;
    if (!p || !dialog) return { replies: [{ text: coreTexts(base.lang, 'core.error.expiredAction'), visibility: 'private' }] };
    const ctx = { ...base, state: held?.dialog === dialog.id ? held.data : null };

    if (inc.kind === 'action' && p.s === OPEN_FORM_STEP) return this.openForm(ctx, dialog, p);
    if (inc.kind === 'action') {
      const handler = ownEntry(dialog.actions, p.s);
      if (!handler) return { replies: [{ text: coreTexts(base.lang, 'core.error.expiredAction'), visibility: 'private' }] };
      return this.finish(ctx, dialog, await handler(ctx, p.a, p));
    }

    // A form submission: validate against the form's own definition before the dialog sees it.
    const raw = inc.values ?? {};
    const args = dialogArgs(p.a);
    const def = formOf(dialog, p.s);
    const refusal = await def?.refuse?.(ctx, args);
    if (refusal) return { replies: [{ text: refusal, visibility: 'private' }] };
    const form = def ? await def.build(ctx, args) : null;
    seen.form = form;
    if (!def || !form) {
      await saveDraft(ctx, p, raw, form);
      return { replies: [{ text: coreTexts(base.lang, 'core.error.expiredAction'), visibility: 'private' }] };
    }
    const check = validateForm(form, raw, base.lang);
    if (!check.ok) return this.rejected(ctx, form, p, raw, check.errors, []);
    // One form shown is sent once, whatever the platform lets through: a card that stays live
    // (Teams), a double click, a slow network. The claim is given back when nothing was saved.
    const instance = p.a?.[FORM_INSTANCE_ARG];
    const claim = instance ? `form:${String(base.community._id)}:${String(base.member._id)}:${String(instance)}` : null;
    if (claim && !(await claimOnce(claim))) {
      return { replies: [{ text: coreTexts(base.lang, 'core.form.alreadySent'), visibility: 'private' }, sentMarker(form, base.lang)] };
    }
    let res: StepResult;
    try {
      res = await def.submit(ctx, def.spec.read(check.values), args);
    } catch (err) {
      if (claim) await releaseOnce(claim);
      throw err;
    }
    if (res.errors && Object.keys(res.errors).length) {
      if (claim) await releaseOnce(claim);
      return this.rejected(ctx, form, p, raw, res.errors, res.replies);
    }
    await forgetDraft(base, p);
    const done = await this.finish(ctx, dialog, res);
    // The form that was sent shows that it was (where it stays on screen, as a Teams card does).
    if (!done.replies.some((r) => r.replacesSource)) done.replies = [...done.replies, sentMarker(form, base.lang)];
    return done;
  }

  /** The generic «open this form» action: shows the dialog's form (with any draft) where the member is. */
  private async openForm(ctx: DialogContext, dialog: Dialog, p: ActionPayload): Promise<Omit<Outcome, 'lang'>> {
    const { '@f': formId, [FORM_INSTANCE_ARG]: instance, ...rest } = p.a ?? {};
    const args = Object.keys(rest).length ? rest : undefined;
    const def = formOf(dialog, String(formId));
    const refusal = await def?.refuse?.(ctx, args);
    if (refusal) return { replies: [{ text: refusal, visibility: 'private' }] };
    const built = def ? await def.build(ctx, args) : null;
    if (!built) return { replies: [{ text: coreTexts(ctx.lang, 'core.error.expiredAction'), visibility: 'private' }] };
    // Opened from the button that stood for it (a Slack modal): the same form, the same instance.
    const form = instance === undefined ? built : withInstance(built, instance);
    return { replies: [{ text: form.title, elements: [{ type: 'form', form }], visibility: 'private' }] };
  }

  private async rejected(ctx: DialogContext, form: Form, p: ActionPayload, raw: FormValues, errors: Record<string, string>, extra: Reply[]): Promise<Omit<Outcome, 'lang'>> {
    // The form goes back with what was typed, so it can be fixed; the stored draft never holds
    // an identity number (saveDraft empties such fields).
    await saveDraft(ctx, p, raw, form);
    // An identity number is not shown back either: its field comes back empty, with the error.
    const instance = p.a?.[FORM_INSTANCE_ARG];
    const shown: Form = { ...(instance === undefined ? form : withInstance(form, instance)), values: stripNationalIds(raw, form), errors };
    return {
      replies: [...extra, { text: coreTexts(ctx.lang, 'core.form.errors'), elements: [{ type: 'form', form: shown }], visibility: 'private' }],
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

  private async boundBody(community: CommunityDoc, platform: Platform, channel: string): Promise<BodyDoc | null> {
    // In the console every body has its channel, named by the body's key («#ssu …»).
    if (platform === 'console') return Body.findOne({ community: community._id, key: channel });
    const a = await Address.findOne({ community: community._id, platform, kind: 'channel', externalId: channel });
    return a?.body ? Body.findOne({ _id: a.body, community: community._id }) : null;
  }
}

/** The platform's time of the act, never later than now (a clock ahead of ours must not outrank what follows). */
function actedAt(at: Date | undefined): Date {
  const now = new Date();
  return at && Number.isFinite(at.getTime()) && at.getTime() < now.getTime() ? at : now;
}

/** A dialog's form by id; one it does not have is never shown and never accepted. */
function formOf(dialog: Dialog, formId: string): FormHandler<unknown> | undefined {
  return ownEntry(dialog.forms, formId);
}

export function unknownUserReply(community: CommunityDoc, lang: Lang): Reply {
  const text = community.contact
    ? coreTexts(lang, 'core.identity.unknownUser', { community: community.name, contact: community.contact })
    : coreTexts(lang, 'core.identity.unknownUserNoContact', { community: community.name });
  return { text, visibility: 'private' };
}

/** An action's step and arguments come from a button, but a crafted one may carry anything. */
function payloadHasNationalId(p: ActionPayload): boolean {
  return [p.d, p.s, ...Object.entries(p.a ?? {}).flat()].some((x) => typeof x === 'string' && containsNationalId(x));
}
