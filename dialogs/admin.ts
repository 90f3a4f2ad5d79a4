/**
 * Directory commands: «demo» lists the demo members to try Samla as; «kanal <organ>» (secretariat,
 * in a channel) binds the channel to a body so its polls and meeting notices go there.
 */
import { Address } from '../models/address.js';
import { Member } from '../models/member.js';
import { Party } from '../models/party.js';
import { audit } from '../src/audit.js';
import { bodyName, findBody } from '../src/directory.js';
import { defineTexts } from '../src/i18n.js';
import { canAdminister, require } from '../src/permissions.js';
import type { Dialog } from '../src/dialog.js';

const texts = defineTexts({
  en: {
    helpDemo: 'list the demo members you can try Samla as',
    helpChannel: 'in a channel: send this body’s polls and notices here (secretariat)',
    notDemo: 'This is not a demo community, so there is no demo list.',
    demoTitle: 'Demo members ({count}). Start the console as one of them with SAMLA_USER=<e-mail>:',
    demoTitleChat:
      'Demo members ({count}). Here you are the member with the same e-mail address as your {platform} account; to try Samla as one of them, write from an account with that address:',
    needChannel: 'Run this command in the channel you want to connect, e.g. «kanal SSU».',
    needBody: 'Which body? Write e.g. «kanal SSU».',
    noBody: 'I found no body called «{name}».',
    bound: 'This channel now belongs to {body}: polls and meeting notices for it will be posted here.',
  },
  nb: {
    helpDemo: 'vis demomedlemmene du kan prøve Samla som',
    helpChannel: 'i en kanal: send organets avstemninger og varsler hit (sekretariatet)',
    notDemo: 'Dette er ikke et demofellesskap, så det finnes ingen demoliste.',
    demoTitle: 'Demomedlemmer ({count}). Start konsollen som en av dem med SAMLA_USER=<e-post>:',
    demoTitleChat:
      'Demomedlemmer ({count}). Her er du medlemmet med samme e-postadresse som {platform}-kontoen din; for å prøve Samla som en av dem, skriv fra en konto med den adressen:',
    needChannel: 'Kjør kommandoen i kanalen du vil koble til, f.eks. «kanal SSU».',
    needBody: 'Hvilket organ? Skriv f.eks. «kanal SSU».',
    noBody: 'Jeg fant ikke noe organ som heter «{name}».',
    bound: 'Denne kanalen hører nå til {body}: avstemninger og møtevarsler for organet kommer her.',
  },
  nn: {
    helpDemo: 'vis demomedlemmene du kan prøve Samla som',
    helpChannel: 'i ein kanal: send avstemmingar og varsel for organet hit (sekretariatet)',
    notDemo: 'Dette er ikkje eit demofellesskap, så det finst inga demoliste.',
    demoTitle: 'Demomedlemmer ({count}). Start konsollen som ein av dei med SAMLA_USER=<e-post>:',
    demoTitleChat:
      'Demomedlemmer ({count}). Her er du medlemmen med same e-postadresse som {platform}-kontoen din; for å prøve Samla som ein av dei, skriv frå ein konto med den adressa:',
    needChannel: 'Køyr kommandoen i kanalen du vil kople til, t.d. «kanal SSU».',
    needBody: 'Kva organ? Skriv t.d. «kanal SSU».',
    noBody: 'Eg fann ikkje noko organ som heiter «{name}».',
    bound: 'Denne kanalen høyrer no til {body}: avstemmingar og møtevarsel for organet kjem her.',
  },
});

export const demoDialog: Dialog = {
  id: 'demo',
  commands: { nb: ['demo'], nn: ['demo'], en: ['demo'] },
  helpLine: (ctx) => (ctx.community.demo ? `• *demo*: ${texts(ctx.lang, 'helpDemo')}` : null),
  async command(ctx) {
    if (!ctx.community.demo) return { replies: [{ text: texts(ctx.lang, 'notDemo'), visibility: 'private' }] };
    const members = await Member.find({ community: ctx.community._id }).sort({ email: 1 });
    const parties = new Map((await Party.find({ community: ctx.community._id })).map((p) => [String(p._id), p.name]));
    const lines = members.map((m) => `• ${m.email} — ${m.name} (${parties.get(String(m.party)) ?? '?'})`);
    // Only the terminal chat lets you choose who you are; in Slack and Teams the account decides.
    const title =
      ctx.platform === 'console'
        ? texts(ctx.lang, 'demoTitle', { count: members.length })
        : texts(ctx.lang, 'demoTitleChat', { count: members.length, platform: ctx.platform === 'slack' ? 'Slack' : 'Teams' });
    const text = [title, ...lines].join('\n');
    return { replies: [{ text, visibility: 'private' }] };
  },
};

export const channelDialog: Dialog = {
  id: 'channel',
  commands: { nb: ['kanal'], nn: ['kanal'], en: ['channel'] },
  helpLine: (ctx) => (canAdminister(ctx.member) ? `• *kanal <organ>*: ${texts(ctx.lang, 'helpChannel')}` : null),
  async command(ctx, args) {
    require(canAdminister(ctx.member));
    if (ctx.where !== 'channel' || !ctx.channelExternalId) return { replies: [{ text: texts(ctx.lang, 'needChannel'), visibility: 'private' }] };
    if (!args) return { replies: [{ text: texts(ctx.lang, 'needBody'), visibility: 'private' }] };
    const body = await findBody(ctx.community._id, args);
    if (!body) return { replies: [{ text: texts(ctx.lang, 'noBody', { name: args.slice(0, 60) }), visibility: 'private' }] };
    await Address.updateOne(
      { community: ctx.community._id, platform: ctx.platform, kind: 'channel', externalId: ctx.channelExternalId },
      { $set: { body: body._id, ref: ctx.channelRef ?? {} } },
      { upsert: true },
    );
    await audit(ctx.community._id, ctx.member._id, 'channel.bind', { kind: 'body', id: body._id }, { platform: ctx.platform });
    return { replies: [{ text: texts(ctx.lang, 'bound', { body: bodyName(body, ctx.lang) }) }] };
  },
};
