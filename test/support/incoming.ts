/** Messages to the core as the console adapter would hand them over, for tests that drive dialogs without a driver. */
import type { Incoming } from '../../src/bot.js';
import type { TestApp } from './app.js';

/**
 * A direct message from `email` in the console (text unless `over` says otherwise); `over` adds
 * or replaces fields: kind, text, action, values, eventId, conversationId, user.
 */
export function directMessage(t: TestApp, email: string, over: Partial<Incoming> = {}): Incoming {
  return {
    platform: 'console',
    communityId: String(t.community._id),
    user: { externalId: email, lookupEmail: async () => email },
    conversationId: `console:${email}`,
    where: 'direct',
    kind: 'text',
    ...over,
  };
}
