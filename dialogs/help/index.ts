/** «hjelp»: what this member can do, given their roles. */
import type { Dialog } from '../../src/dialog.js';
import { texts } from './texts.js';

export function helpDialog(dialogs: () => Dialog[]): Dialog {
  const self: Dialog = {
    id: 'help',
    commands: { nb: ['hjelp', 'help', '?'], nn: ['hjelp'], en: ['help'] },
    helpLine: (ctx) => `• ${texts(ctx.lang, 'help.help.line')}`,
    async command(ctx) {
      const lines = [self, ...dialogs().filter((d) => d !== self)].map((d) => d.helpLine?.(ctx)).filter((l): l is string => Boolean(l));
      const text = [texts(ctx.lang, 'help.reply.title'), ...lines, '', texts(ctx.lang, 'help.reply.footer')].join('\n');
      return { replies: [{ text, elements: [{ type: 'section', text }], visibility: 'private' }] };
    },
  };
  return self;
}
