// The last line of defence. Every input from outside has its error path at the edge and in the
// drivers; an error that still escapes every handler is a programming error, and the process
// is then in a state nobody reasoned about. The money is safe in the journal (journal before
// effect) and recovery carries it at the next start, so the host says what happened and exits
// non-zero; the supervisor (deploy/: systemd Restart=always) starts it again.
export const EXIT_PROGRAMMING_ERROR = 70; // EX_SOFTWARE (sysexits.h)

/** Long enough for the log line to reach its file; stderr is written synchronously first. */
const FLUSH_MS = 200;

interface FatalLog {
  fatal(obj: object, msg: string): void;
}

export interface ProcessGuardOptions {
  /** Names the process in the stderr line, e.g. "kiosk". */
  name: string;
  /** The host's log once it exists (null before it is open). */
  log(): FatalLog | null;
  proc?: Pick<NodeJS.Process, 'on'>;
  stderr?: (line: string) => void;
  exit?: (code: number) => void;
}

export function guardProcess(o: ProcessGuardOptions): void {
  const proc = o.proc ?? process;
  const stderr = o.stderr ?? ((line) => process.stderr.write(line));
  const exit = o.exit ?? ((code) => process.exit(code));
  let failing = false;
  const fail = (kind: string) => (err: unknown) => {
    if (failing) return; // the first error is the one that matters
    failing = true;
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    stderr(`${o.name}: ${kind}, exiting for a restart: ${detail}\n`);
    try {
      o.log()?.fatal({ err }, `${kind}: exiting for a restart`);
    } catch {
      // the log is what failed: stderr has it
    }
    setTimeout(() => exit(EXIT_PROGRAMMING_ERROR), FLUSH_MS);
  };
  proc.on('uncaughtException', fail('uncaught exception'));
  proc.on('unhandledRejection', fail('unhandled rejection'));
}
