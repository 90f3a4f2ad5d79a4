/** Which errors mean «the database was away for a moment» (the member is told to click again) and which do not. */
import { describe, expect, it } from 'vitest';
import { isUnreachable } from '../../src/db/retry.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('an unreachable database', () => {
  it('is recognised by the driver’s names, by a socket error it let through, and inside a wrapper', () => {
    expect(isUnreachable(Object.assign(new Error('connection 73 to 127.0.0.1:4 closed'), { name: 'MongoNetworkError' }))).toBe(true);
    // Seen when the embedded server was killed mid-write: a raw socket error with only its code.
    expect(isUnreachable(withCode('This socket has been ended by the other party', 'EPIPE'))).toBe(true);
    expect(isUnreachable(new Error('wrapped', { cause: withCode('read', 'ECONNRESET') }))).toBe(true);
  });

  it('is not a validation error, a duplicate key or a bug', () => {
    expect(isUnreachable(Object.assign(new Error('E11000 duplicate key'), { code: 11000 }))).toBe(false);
    expect(isUnreachable(withCode('bad input', 'ERR_INVALID_ARG_TYPE'))).toBe(false);
    expect(isUnreachable(new TypeError("Cannot read properties of null (reading 'x')"))).toBe(false);
  });
});
