/** Dialog state lives in the database: a restarted app continues the conversation where it was. */
import { describe, expect, it } from 'vitest';
import { capabilities } from '../../src/composition.js';
import { startSamla } from '../../src/composition.js';
import { loadConfig } from '../../src/config.js';
import { DEMO_SECRETARIAT_EMAIL } from '../../src/demo.js';
import type { Dialog } from '../../src/dialog.js';
import { createLogger } from '../../src/log.js';
import type { Incoming } from '../../src/bot.js';
import { startTestApp, stopAndDrop } from '../support/app.js';
import { directMessage } from '../support/incoming.js';

/** A dialog that asks for three words, one message each, and then says them back. */
const collect: Dialog = {
  id: 'collect',
  commands: { nb: ['samle'], nn: [], en: [] },
  async command() {
    return { replies: [{ text: 'word 1?' }], state: { words: [] } };
  },
  async text(ctx, text) {
    const words = [...((ctx.state?.words as string[]) ?? []), text];
    if (words.length < 3) return { replies: [{ text: `word ${words.length + 1}?` }], state: { words } };
    return { replies: [{ text: `you said: ${words.join(' ')}` }], state: null };
  },
};

describe('dialog state', () => {
  it('survives a restart of the app between two messages', async () => {
    const t = await startTestApp({}, { dialogs: [...capabilities(), collect] });
    const message = (text: string, over: Partial<Incoming> = {}) => directMessage(t, DEMO_SECRETARIAT_EMAIL, { conversationId: 'c1', text, ...over });
    // The later messages carry only the platform id: the member is found by the address stored at first contact.
    const idOnly = { user: { externalId: DEMO_SECRETARIAT_EMAIL } };
    const say = (text: string) => t.app.core.receive(message(text));
    expect((await say('samle')).replies[0]?.text).toBe('word 1?');
    expect((await say('Styrke')).replies[0]?.text).toBe('word 2?');
    await t.app.stop();

    // A new process would do the same: nothing but the database carries the conversation.
    const again = await startSamla(loadConfig(t.env), { log: createLogger('silent'), dialogs: [...capabilities(), collect] });
    try {
      const said = await again.core.receive(message('samhandlingen'));
      expect(said.replies[0]?.text).toBe('word 3?');
      const done = await again.core.receive(message('sammen', idOnly));
      expect(done.replies[0]?.text).toBe('you said: Styrke samhandlingen sammen');
      // Finished: the next free text is no longer part of the dialog.
      const after = await again.core.receive(message('mer', idOnly));
      expect(after.replies[0]?.text).toContain('forsto ikke');
    } finally {
      await stopAndDrop(again);
    }
  });
});
