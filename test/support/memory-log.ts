/** A logger that keeps what it writes in memory, to check what ends up in the logs (and what must not). */
import { Writable } from 'node:stream';
import { pino, type Level, type Logger } from 'pino';

export interface MemoryLog {
  log: Logger;
  /** Every JSON line written so far (the array fills as the app logs). */
  lines: string[];
  /** All lines as one text. */
  text(): string;
}

export function memoryLogger(level: Level = 'trace'): MemoryLog {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: pino({ level }, stream), lines, text: () => lines.join('\n') };
}
