/** «hjelp»: what this member can do, given their roles. */
import { defineTexts } from '../src/i18n.js';
import type { Dialog } from '../src/dialog.js';

const texts = defineTexts({
  en: { title: 'This is what you can do with Samla:', footer: 'Write a command, e.g. «status». Commands work in English, bokmål and nynorsk.', line: '• *{cmd}*: {what}' },
  nb: { title: 'Dette kan du gjøre med Samla:', footer: 'Skriv en kommando, f.eks. «status». Kommandoene virker på bokmål, nynorsk og engelsk.', line: '• *{cmd}*: {what}' },
  nn: { title: 'Dette kan du gjere med Samla:', footer: 'Skriv ein kommando, t.d. «status». Kommandoane verkar på nynorsk, bokmål og engelsk.', line: '• *{cmd}*: {what}' },
});

const own = defineTexts({
  en: { help: 'this overview' },
  nb: { help: 'denne oversikten' },
  nn: { help: 'denne oversikta' },
});

export function helpDialog(dialogs: () => Dialog[]): Dialog {
  const self: Dialog = {
    id: 'help',
    commands: { nb: ['hjelp', 'help', '?'], nn: ['hjelp'], en: ['help'] },
    helpLine: (ctx) => texts(ctx.lang, 'line', { cmd: self.commands[ctx.lang][0]!, what: own(ctx.lang, 'help') }),
    async command(ctx) {
      const lines = [self, ...dialogs()].map((d) => d.helpLine?.(ctx)).filter((l): l is string => Boolean(l));
      const text = [texts(ctx.lang, 'title'), ...lines, '', texts(ctx.lang, 'footer')].join('\n');
      return { replies: [{ text, elements: [{ type: 'section', text }], visibility: 'private' }] };
    },
  };
  return self;
}
