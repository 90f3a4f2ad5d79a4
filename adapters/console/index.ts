/**
 * The console adapter: the default when no Slack or Teams credentials are set. Messages the bot
 * sends to other members (reminders, notices) are printed with the recipient's name, so a whole
 * round can be followed from one terminal.
 */
import type { Readable, Writable } from 'node:stream';
import { firstCommunity } from '../../src/identity.js';
import type { AddressDoc } from '../../models/address.js';
import type { App } from '../../src/platform.js';
import type { PlatformAdapter } from '../../src/platform.js';
import type { Reply } from '../../src/ui.js';
import { renderReply } from './render.js';
import { ConsoleSession } from './session.js';

export interface ConsoleOptions {
  email: string;
  input: Readable;
  output: Writable;
  /** Show a prompt (an interactive terminal). */
  prompt: boolean;
}

export function consoleSender(output: Writable) {
  return {
    platform: 'console' as const,
    async send(address: AddressDoc, reply: Reply) {
      const ref = (address.ref ?? {}) as { name?: string };
      const who = address.kind === 'channel' ? `#${address.externalId}` : (ref.name ?? address.externalId);
      output.write(`\n📨 → ${who}\n${renderReply(reply).text}\n`);
      return undefined;
    },
  };
}

export async function runConsole(app: App, opts: ConsoleOptions): Promise<PlatformAdapter & { session: ConsoleSession }> {
  app.delivery.setFallback(consoleSender(opts.output));
  const community = await firstCommunity();
  if (!community) throw new Error('no community in the database: import a directory or start with SAMLA_DEMO=on');
  const session = new ConsoleSession(app.core, String(community._id), opts.email.toLowerCase(), opts.output, opts.prompt);
  return { name: 'console', session };
}
