// Structured logs (pino) to a size-rotated file in the configured folder.
import { mkdirSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

export type { Logger };

export function createLogger(o: {
  dir: string;
  level: string;
  maxSize: string;
  maxFiles: number;
}): {
  log: Logger;
  close(): Promise<void>;
} {
  mkdirSync(o.dir, { recursive: true });
  const stream = createStream('kiosk.log', { path: o.dir, size: o.maxSize, maxFiles: o.maxFiles });
  const log = pino({ level: o.level, base: { app: 'kiosk-host' } }, stream);
  return {
    log,
    close: () => new Promise((resolve) => stream.end(() => resolve())),
  };
}
