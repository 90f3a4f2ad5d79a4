/** Drives the console adapter in-process: lines in, terminal text out. */
import { PassThrough } from 'node:stream';
import { Body } from '../../models/body.js';
import type { AddressDoc } from '../../models/address.js';
import { renderReply } from '../../adapters/console/render.js';
import { ConsoleSession } from '../../adapters/console/session.js';
import type { Reply } from '../../src/ui.js';
import type { ChatDriver, ChatUser, Seen, SeenForm } from './driver.js';
import type { TestApp } from './app.js';

/** The terminal prints a link as «label: url» on a line of its own. */
function linksFromText(text: string): { label: string; url: string }[] {
  return [...text.matchAll(/^\s*(.+?): (https?:\/\/\S+)$/gm)].map((m) => ({ label: m[1]!, url: m[2]! }));
}

function seenFromText(text: string, session: ConsoleSession): Seen {
  const p = session.pendingForm();
  let form: SeenForm | undefined;
  if (p) {
    form = {
      title: p.form.title,
      fields: p.form.fields.map((f) => ({ id: f.id, label: f.label })),
      values: { ...(p.form.values ?? {}), ...p.values },
      errors: p.form.errors ?? {},
    };
  }
  return { text, buttons: session.currentChoices().map((c) => c.label), form, private: false, links: linksFromText(text) };
}

export async function consoleDriver(t: TestApp): Promise<ChatDriver> {
  const inboxes = new Map<string, Seen[]>();
  const push = (k: string, r: Reply) => {
    const rendered = renderReply(r);
    const list = inboxes.get(k) ?? [];
    list.push({ text: rendered.text, buttons: rendered.choices.map((c) => c.label), private: false, links: linksFromText(rendered.text) });
    inboxes.set(k, list);
  };
  t.app.delivery.setFallback({
    platform: 'console',
    async send(address: AddressDoc, reply: Reply) {
      push(address.kind === 'channel' ? `#${address.externalId}` : address.externalId, reply);
      return undefined;
    },
  });
  const take = (k: string) => {
    const l = inboxes.get(k) ?? [];
    inboxes.set(k, []);
    return l;
  };

  return {
    platform: 'console',
    async user(email: string): Promise<ChatUser> {
      const out = new PassThrough();
      let buf = '';
      out.on('data', (c: Buffer) => (buf += c.toString('utf8')));
      const session = new ConsoleSession(t.app.core, String(t.community._id), email.toLowerCase(), out, false);
      const line = async (l: string): Promise<Seen[]> => {
        buf = '';
        await session.handleLine(l);
        await new Promise((r) => setImmediate(r));
        return buf.trim() ? [seenFromText(buf.trim(), session)] : [];
      };
      return {
        email,
        async say(text, where) {
          // Saying something new leaves an open form, as a person in the terminal does with «avbryt»
          // (on Slack they close the modal; on Teams they leave the card).
          if (session.pendingForm()) await line('avbryt');
          return line(where ? `#${where.channel} ${text}` : text);
        },
        async click(label) {
          const choices = session.currentChoices();
          const i = choices.findIndex((c) => (typeof label === 'string' ? c.label.includes(label) : label.test(c.label)));
          if (i < 0) throw new Error(`no button «${String(label)}» among ${choices.map((c) => c.label).join(', ')}`);
          return line(String(i + 1));
        },
        async submit(values) {
          if (!session.pendingForm()) throw new Error('no form is open');
          const serial = session.formSerial;
          let seen: Seen[] = [];
          // Answer the field being asked until the form is submitted (and maybe shown again with errors).
          while (session.pendingForm() && session.formSerial === serial) {
            const v = values[session.currentField()!];
            seen = await line(v === undefined ? '' : Array.isArray(v) ? v.join(',') : v.replace(/\n/g, '\\n'));
          }
          return seen;
        },
        inbox: async () => take(email.toLowerCase()),
      };
    },
    async channel(bodyKey: string) {
      const body = await Body.findOne({ community: t.community._id, key: bodyKey });
      return body ? take(`#${String(body._id)}`) : [];
    },
    async close() {
      t.app.delivery.setFallback(null);
    },
  };
}
