/** Helpers for the meeting tests: a recording sender. */
import type { TestApp } from '../support/app.js';

export interface Sent {
  to: string;
  kind: string;
  text: string;
}

/** Records what the app delivers (every member and channel is reached through the fallback in tests). */
export function record(t: TestApp): Sent[] {
  const sent: Sent[] = [];
  t.app.delivery.setFallback({
    platform: 'console',
    async send(address, reply) {
      sent.push({ to: address.externalId, kind: address.kind, text: reply.text });
      return undefined;
    },
  });
  return sent;
}
