/** «språk nn|nb|en»: the member's language for everything Samla shows them. */
import { Member } from '../models/member.js';
import { defineTexts } from '../src/i18n.js';
import { action } from '../src/payload.js';
import type { Dialog } from '../src/dialog.js';
import { LANGS, type Lang } from '../src/ui.js';
import { ownEntry } from '../src/own-entry.js';

const texts = defineTexts({
  en: {
    help: 'choose nb, nn or en',
    ask: 'Which language do you want?',
    set: 'Done: I will write to you in English.',
    bad: '«{value}» is not a language I know. Choose nb, nn or en.',
  },
  nb: {
    help: 'velg nb, nn eller en',
    ask: 'Hvilket språk vil du ha?',
    set: 'Greit: jeg skriver til deg på bokmål.',
    bad: '«{value}» er ikke et språk jeg kan. Velg nb, nn eller en.',
  },
  nn: { help: 'vel nb, nn eller en', ask: 'Kva språk vil du ha?', set: 'Greitt: eg skriv til deg på nynorsk.', bad: '«{value}» er ikkje eit språk eg kan. Vel nb, nn eller en.' },
});

const NAMES: Record<Lang, string> = { nb: 'Bokmål', nn: 'Nynorsk', en: 'English' };
const ALIASES: Record<string, Lang> = { nb: 'nb', bokmål: 'nb', bokmal: 'nb', nn: 'nn', nynorsk: 'nn', en: 'en', english: 'en', engelsk: 'en' };

async function setLang(memberId: unknown, lang: Lang) {
  await Member.updateOne({ _id: memberId }, { $set: { lang } });
  return { replies: [{ text: texts(lang, 'set') }] };
}

export const languageDialog: Dialog = {
  id: 'lang',
  commands: { nb: ['språk'], nn: ['mål'], en: ['language', 'lang'] },
  helpLine: (ctx) => `• *${ctx.lang === 'en' ? 'language' : 'språk'} nb|nn|en*: ${texts(ctx.lang, 'help')}`,
  async command(ctx, args) {
    const want = args.trim().toLowerCase();
    if (!want) {
      return {
        replies: [
          {
            text: texts(ctx.lang, 'ask'),
            elements: [
              { type: 'section', text: texts(ctx.lang, 'ask') },
              { type: 'buttons', buttons: LANGS.map((l) => ({ label: NAMES[l], action: action('lang', 'set', { l }) })) },
            ],
            visibility: 'private',
          },
        ],
      };
    }
    const lang = ownEntry(ALIASES, want);
    if (!lang) return { replies: [{ text: texts(ctx.lang, 'bad', { value: want.slice(0, 20) }), visibility: 'private' }] };
    return setLang(ctx.member._id, lang);
  },
  actions: {
    async set(ctx, a) {
      const lang = ownEntry(ALIASES, String(a?.l));
      if (!lang) return { replies: [{ text: texts(ctx.lang, 'bad', { value: String(a?.l) }) }] };
      return setLang(ctx.member._id, lang);
    },
  },
};
