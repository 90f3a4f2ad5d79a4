/** Errors carry a code; callers branch on the code, never on the message. */
export class SamlaError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SamlaError';
  }
}
