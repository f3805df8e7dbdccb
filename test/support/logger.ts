import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

/** A logger that keeps every line in memory (tests assert on it, e.g. that no secret is logged). */
export function memoryLogger(level = 'debug'): { log: Logger; lines: string[]; records: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (process.env.TEST_LOG) process.stderr.write(chunk);
      cb();
    },
  });
  const log = createLogger(level, stream);
  return { log, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
