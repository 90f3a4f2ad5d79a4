import { describe, expect, it } from 'vitest';
import { action, decodePayload, encodePayload, MAX_PAYLOAD_CHARS, openFormAction } from '../../src/payload.js';

describe('action payloads', () => {
  it('round-trip with a version number', () => {
    const p = action('poll', 'vote', { id: '65f0c0ffee', o: 3, anon: true });
    const s = encodePayload(p);
    expect(JSON.parse(s).v).toBe(1);
    expect(decodePayload(s)).toEqual(p);
  });

  it('refuse to build a payload over Slack’s 2,000 characters', () => {
    const big = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'x'.repeat(20)]));
    expect(() => action('poll', 'vote', big)).toThrow(/payload_too_large|max 2000/);
    const fits = action('poll', 'vote', { id: 'x'.repeat(MAX_PAYLOAD_CHARS - 60) });
    expect(encodePayload(fits).length).toBeLessThanOrEqual(MAX_PAYLOAD_CHARS);
  });

  it('treat anything else (other versions, foreign JSON, garbage) as not ours', () => {
    expect(decodePayload('{"v":2,"d":"poll","s":"vote"}')).toBeNull();
    expect(decodePayload('{"d":"poll","s":"vote"}')).toBeNull();
    expect(decodePayload('not json')).toBeNull();
    expect(decodePayload('{"v":1,"d":"poll","s":"vote","a":{"x":{"nested":1}}}')).toBeNull();
  });

  it('open-form actions carry the form’s step and arguments', () => {
    const p = openFormAction({ action: action('input', 'answer', { r: 'abc' }) });
    expect(p).toEqual({ d: 'input', s: '@form', a: { r: 'abc', '@f': 'answer' } });
  });
});
