// Structured logs (pino) to size-rotated files in the configured folder. Every call is redacted
// first (log-redaction.ts: personal data, payment codes and secrets never reach the file), and
// the file can never stop the host (log-file.ts). docs/LOGGING.md says what is logged.
import { pino, type Bindings, type ChildLoggerOptions, type Logger } from 'pino';
import { LogFile } from './log-file';
import { redactLogArgs, redactValue } from './log-redaction';

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
      hooks: {
        logMethod(args, method) {
          // The arguments are pino's own (object, message, values); their redacted copies are.
          method.apply(this, redactLogArgs(args) as Parameters<typeof method>);
        },
      },
      // Errors are already serialised by the redaction (type, message, stack, fields).
      serializers: { err: (err: unknown) => err },
    },
    file,
  );
  redactChildFields(log);
  return { log, close: () => file.close() };
}

/**
 * A child's fields (`log.child({ device })`) are redacted once, when it is made. pino does not run
 * a bindings formatter for children, so `child` itself is wrapped; grandchildren inherit it.
 */
function redactChildFields(log: Logger): void {
  const child: (this: Logger, bindings: Bindings, options?: ChildLoggerOptions) => Logger =
    log.child;
  log.child = function (this: Logger, bindings: Bindings, options?: ChildLoggerOptions) {
    return child.call(this, redactValue(bindings) as Bindings, options);
  } as unknown as typeof log.child; // generic over custom levels, which the kiosk does not use
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
