/** «språk nn|nb|en»: the member's language for everything Samla shows them. */
import { Member } from '../../models/member.js';
import { action } from '../../src/payload.js';
import type { Dialog } from '../../src/dialog.js';
import { LANGS, type Lang } from '../../src/ui.js';
import { ownEntry } from '../../src/own-entry.js';
import { texts } from './texts.js';

const ALIASES: Record<string, Lang> = { nb: 'nb', bokmål: 'nb', bokmal: 'nb', nn: 'nn', nynorsk: 'nn', en: 'en', english: 'en', engelsk: 'en' };

async function setLang(memberId: unknown, lang: Lang) {
  await Member.updateOne({ _id: memberId }, { $set: { lang } });
  return { replies: [{ text: texts(lang, 'language.reply.set') }] };
}

export const languageDialog: Dialog = {
  id: 'lang',
  commands: { nb: ['språk'], nn: ['mål'], en: ['language', 'lang'] },
  helpLine: (ctx) => `• ${texts(ctx.lang, 'language.help.line')}`,
  async command(ctx, args) {
    const want = args.trim().toLowerCase();
    if (!want) {
      return {
        replies: [
          {
            text: texts(ctx.lang, 'language.reply.ask'),
            elements: [
              { type: 'section', text: texts(ctx.lang, 'language.reply.ask') },
              { type: 'buttons', buttons: LANGS.map((l) => ({ label: texts(ctx.lang, `language.button.${l}`), action: action('lang', 'set', { l }) })) },
            ],
            visibility: 'private',
          },
        ],
      };
    }
    const lang = ownEntry(ALIASES, want);
    if (!lang) return { replies: [{ text: texts(ctx.lang, 'language.error.unknown', { value: want.slice(0, 20) }), visibility: 'private' }] };
    return setLang(ctx.member._id, lang);
  },
  actions: {
    async set(ctx, a) {
      const lang = ownEntry(ALIASES, String(a?.l));
      if (!lang) return { replies: [{ text: texts(ctx.lang, 'language.error.unknown', { value: String(a?.l) }) }] };
      return setLang(ctx.member._id, lang);
    },
  },
};
