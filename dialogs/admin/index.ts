/**
 * Directory commands: «demo» lists the demo members to try Samla as; «kanal <organ>» (secretariat,
 * in a channel) binds the channel to a body so its polls and meeting notices go there; «merking»
 * shows or sets the community's sensitivity label for documents.
 */
import { Address } from '../../models/address.js';
import { Community, MAX_SENSITIVITY_LABEL } from '../../models/community.js';
import { Member } from '../../models/member.js';
import { Party } from '../../models/party.js';
import { audit } from '../../src/audit.js';
import { bodyName, findBody } from '../../src/directory.js';
import { canAdminister, require } from '../../src/permissions.js';
import type { Dialog } from '../../src/dialog.js';
import { texts } from './texts.js';

export const demoDialog: Dialog = {
  id: 'demo',
  commands: { nb: ['demo'], nn: ['demo'], en: ['demo'] },
  helpLine: (ctx) => (ctx.community.demo ? `• ${texts(ctx.lang, 'admin.help.demo')}` : null),
  async command(ctx) {
    if (!ctx.community.demo) return { replies: [{ text: texts(ctx.lang, 'admin.error.notDemo'), visibility: 'private' }] };
    const members = await Member.find({ community: ctx.community._id }).sort({ email: 1 });
    const parties = new Map((await Party.find({ community: ctx.community._id })).map((p) => [String(p._id), p.name]));
    const lines = members.map((m) => `• ${m.email} — ${m.name} (${parties.get(String(m.party)) ?? '?'})`);
    // Only the terminal chat lets you choose who you are; in Slack and Teams the account decides.
    const title =
      ctx.platform === 'console'
        ? texts(ctx.lang, 'admin.reply.demoMembers', { count: members.length })
        : texts(ctx.lang, 'admin.reply.demoMembersChat', { count: members.length, platform: ctx.platform === 'slack' ? 'Slack' : 'Teams' });
    const text = [title, ...lines].join('\n');
    return { replies: [{ text, visibility: 'private' }] };
  },
};

export const channelDialog: Dialog = {
  id: 'channel',
  commands: { nb: ['kanal'], nn: ['kanal'], en: ['channel'] },
  helpLine: (ctx) => (canAdminister(ctx.member) ? `• ${texts(ctx.lang, 'admin.help.channel')}` : null),
  async command(ctx, args) {
    require(canAdminister(ctx.member));
    if (ctx.where !== 'channel' || !ctx.channelExternalId) return { replies: [{ text: texts(ctx.lang, 'admin.error.needChannel'), visibility: 'private' }] };
    if (!args) return { replies: [{ text: texts(ctx.lang, 'admin.error.needBody'), visibility: 'private' }] };
    const body = await findBody(ctx.community._id, args);
    if (!body) return { replies: [{ text: texts(ctx.lang, 'admin.error.noBody', { name: args.slice(0, 60) }), visibility: 'private' }] };
    await Address.updateOne(
      { community: ctx.community._id, platform: ctx.platform, kind: 'channel', externalId: ctx.channelExternalId },
      { $set: { body: body._id, ref: ctx.channelRef ?? {} } },
      { upsert: true },
    );
    await audit(ctx.community._id, ctx.member._id, 'channel.bind', { kind: 'body', id: body._id }, { platform: ctx.platform });
    return { replies: [{ text: texts(ctx.lang, 'admin.reply.bound', { body: bodyName(body, ctx.lang) }) }] };
  },
};

/**
 * «merking [tekst]»: the sensitivity label every Word document from Samla carries (the header of
 * each page). Anyone may see it; the secretariat sets it. The directory file can set it too.
 */
export const labelDialog: Dialog = {
  id: 'label',
  commands: { nb: ['merking', 'følsomhet'], nn: ['merking', 'følsemd'], en: ['label', 'sensitivity'] },
  helpLine: (ctx) => (canAdminister(ctx.member) ? `• ${texts(ctx.lang, 'admin.help.label')}` : null),
  async command(ctx, args) {
    const label = args.replace(/\s+/g, ' ').trim();
    if (!label) return { replies: [{ text: texts(ctx.lang, 'admin.reply.label', { label: ctx.community.sensitivityLabel }), visibility: 'private' }] };
    require(canAdminister(ctx.member));
    if (label.length > MAX_SENSITIVITY_LABEL) return { replies: [{ text: texts(ctx.lang, 'admin.error.labelTooLong', { max: MAX_SENSITIVITY_LABEL }), visibility: 'private' }] };
    await Community.updateOne({ _id: ctx.community._id }, { $set: { sensitivityLabel: label } });
    await audit(
      ctx.community._id,
      ctx.member._id,
      'community.sensitivity_label',
      { kind: 'community', id: ctx.community._id },
      { from: ctx.community.sensitivityLabel, to: label },
    );
    return { replies: [{ text: texts(ctx.lang, 'admin.reply.labelSet', { label }), visibility: 'private' }] };
  },
};
