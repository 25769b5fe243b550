// Structured logs (pino) to size-rotated files in the configured folder; the file can never
// stop the host (log-file.ts).
import { pino, type Logger } from 'pino';
import { LogFile } from './log-file';

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
  ignoreFileSizeSignal();
  let log: Logger | null = null;
  const file = new LogFile({
    dir: o.dir,
    maxSize: o.maxSize,
    maxFiles: o.maxFiles,
    onRecovered: ({ lost, cause }) =>
      log?.warn({ lost, cause }, 'log lines were lost while the log file could not be written'),
  });
  log = pino(
    {
      level: o.level,
      base: { app: 'kiosk-host' },
    },
    file,
  );
  return { log, close: () => file.close() };
}

/**
 * Under a file-size limit (RLIMIT_FSIZE) the kernel kills a process that writes past it with
 * SIGXFSZ. Node's own entry ignores it, an embedder (Electron) may not: handled here, any write
 * past the limit fails with EFBIG instead, an error the code that wrote can handle.
 */
let fileSizeSignalIgnored = false;
function ignoreFileSizeSignal(): void {
  if (fileSizeSignalIgnored || process.platform === 'win32') return;
  fileSizeSignalIgnored = true;
  process.on('SIGXFSZ', () => {});
}
