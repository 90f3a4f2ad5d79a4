import { describe, expect, it } from 'vitest';
import { capabilities } from '../../src/composition.js';
import type { Dialog } from '../../src/dialog.js';
import { Router } from '../../src/router.js';

describe('routing of command words', () => {
  const router = new Router(capabilities());

  it.each([
    ['hjelp', 'help'],
    ['help', 'help'],
    ['Status', 'status'],
    ['oversikt', 'status'],
    ['oversyn', 'status'],
    ['dashboard', 'status'],
    ['språk nn', 'lang'],
    ['mål nn', 'lang'],
    ['language en', 'lang'],
    ['demp', 'mute'],
    ['mute', 'mute'],
    ['/kanal SSU', 'channel'],
  ])('«%s» goes to %s in any language', (text, id) => {
    expect(router.match(text)?.dialog.id).toBe(id);
  });

  it('passes the rest of the line as arguments', () => {
    expect(router.match('språk   nynorsk')).toMatchObject({ word: 'språk', args: 'nynorsk' });
  });

  it('suggests the nearest command for a typo, and nothing for noise', () => {
    expect(router.suggest('hjelpp', 'nb')).toBe('hjelp');
    expect(router.suggest('statsu', 'nb')).toBe('status');
    expect(router.suggest('xyzzyplugh', 'nb')).toBeNull();
    expect(router.match('xyzzy')).toBeNull();
  });

  it('refuses two dialogs claiming the same word', () => {
    const a: Dialog = { id: 'a', commands: { nb: ['sak'], nn: [], en: [] } };
    const b: Dialog = { id: 'b', commands: { nb: [], nn: ['sak'], en: [] } };
    expect(() => new Router([a, b])).toThrow(/sak/);
  });
});
