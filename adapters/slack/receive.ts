/**
 * What Slack sends us, turned into the core's Incoming, by kind: what members write
 * (receive-text.ts), what they click (receive-clicks.ts), modals (receive-forms.ts) and the Home
 * tab (home.ts). Each request is acknowledged at once and the work follows the ack — except a
 * modal submission, whose validation errors travel in the ack itself.
 */
import type { App as BoltApp } from '@slack/bolt';
import { listenForHome } from './home.js';
import { listenForClicks } from './receive-clicks.js';
import { listenForForms } from './receive-forms.js';
import { listenForText } from './receive-text.js';
import { Turns, type ReceiveDeps } from './turns.js';

export { CONTRIBUTE_SHORTCUT } from './receive-clicks.js';
export { SLASH_COMMAND } from './receive-text.js';

export function registerListeners(bolt: BoltApp, deps: ReceiveDeps): void {
  const turns = new Turns(deps);
  listenForText(bolt, turns);
  listenForClicks(bolt, turns);
  listenForForms(bolt, turns);
  listenForHome(bolt, turns);

  bolt.error(async (err) => {
    deps.log.error({ err: { name: err.name, code: (err as { code?: string }).code, message: err.message } }, 'Slack request failed');
  });
}
