// The log's destination: size-rotated files that only the kiosk's user can read, and that can
// never stop the host. A write that fails (a full disk, a file-size limit, the folder gone) is
// counted and told once on stderr; lines are dropped while the file cannot be written, and the
// file is tried again with a backoff. When it works again, the loss is reported in the log.
// Under a file-size limit (EFBIG) the file is rotated below the limit from then on.
import { chmod, chmodSync, mkdirSync, readdirSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

export const LOG_FILE = 'kiosk.log';
/** Log folder and files: the kiosk's user only (they hold payment records). */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

export interface LogFileOptions {
  dir: string;
  maxSize: string;
  maxFiles: number;
  /** First wait before the file is tried again after a failure; doubled up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Lines waiting for a slow disk beyond this many bytes are dropped (memory stays bounded). */
  maxPendingBytes?: number;
  /** Where trouble with the log file is told (one line each); stderr by default. */
  report?(line: string): void;
  /** Called when lines were lost and the file is written again, to record the loss in the log. */
  onRecovered?(loss: { lost: number; cause: string }): void;
}

/** One line to stderr. Never throws: stderr may be on the same full disk. */
export function reportToStderr(line: string): void {
  try {
    writeSync(2, `${line}\n`);
  } catch {
    // Nowhere left to tell it; the host goes on.
  }
}

function causeOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ?? e.message;
}

export class LogFile {
  private stream: RotatingFileStream | null = null;
  /** Set while lines are being lost: why (ENOSPC, EFBIG, backlog, …). */
  private failure: string | null = null;
  private lost = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private closed = false;
  /** Rotation size in bytes: the configured one, lowered under a file-size limit. */
  private rotateAt: number;
  private readonly o: Required<Omit<LogFileOptions, 'onRecovered'>> &
    Pick<LogFileOptions, 'onRecovered'>;

  constructor(options: LogFileOptions) {
    this.o = {
      retryMs: 1_000,
      maxRetryMs: 60_000,
      maxPendingBytes: 8 * 1024 * 1024,
      report: reportToStderr,
      ...options,
    };
    this.retryDelay = this.o.retryMs;
    this.rotateAt = bytesOf(this.o.maxSize);
    this.open();
  }

  /** Lines lost since the file last worked (0 while it works). */
  get linesLost(): number {
    return this.lost;
  }

  /** Called by pino with one serialised line. Never throws. */
  write(line: string): void {
    const stream = this.stream;
    if (this.closed || !stream) {
      if (!this.closed) this.lost++;
      return;
    }
    if (stream.writableLength > this.o.maxPendingBytes) {
      this.lose('backlog: the disk does not keep up');
      return;
    }
    stream.write(line, (err) => {
      if (err) this.lost++;
      else if (this.failure !== null && stream === this.stream) this.maybeRecovered(stream);
    });
  }

  /** Ends the file; resolves (never rejects) within `timeoutMs` even if the disk hangs. */
  close(timeoutMs = 2_000): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const stream = this.stream;
    this.stream = null;
    if (!stream || stream.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      stream.once('error', done);
      stream.end(done);
    });
  }

  private open(): void {
    try {
      prepareFolder(this.o.dir);
      const stream = createStream(LOG_FILE, {
        path: this.o.dir,
        size: `${this.rotateAt}B`,
        maxFiles: this.o.maxFiles,
        mode: FILE_MODE,
      });
      stream.on('error', (err) => this.failed(stream, err));
      // rotating-file-stream writes its list of rotated files with the default mode.
      stream.on('history', () => chmod(historyFile(this.o.dir), FILE_MODE, () => {}));
      this.stream = stream;
    } catch (err) {
      this.failed(null, err);
    }
  }

  private failed(stream: RotatingFileStream | null, err: unknown): void {
    if (stream !== this.stream) return; // an old stream's late error
    this.stream = null;
    if (stream && !stream.destroyed) stream.destroy();
    if (this.closed) return;
    const cause = causeOf(err);
    this.begin(cause);
    if (cause === 'EFBIG') this.fitUnderSizeLimit();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) this.open();
    }, this.retryDelay);
    this.retryTimer.unref();
    this.retryDelay = Math.min(this.retryDelay * 2, this.o.maxRetryMs);
  }

  /**
   * The file reached the process's file-size limit: rotate it now (the next open finds it over
   * the rotation size) and from then on well before the limit, so that logging goes on.
   */
  private fitUnderSizeLimit(): void {
    let reached: number;
    try {
      reached = statSync(path.join(this.o.dir, LOG_FILE)).size;
    } catch {
      return;
    }
    // A line may take the file past the rotation size before it rotates: leave room for lines.
    const fits = reached > 256 * 1024 ? reached - 64 * 1024 : Math.floor(reached / 2);
    const rotateAt = Math.max(1024, Math.min(this.rotateAt, fits));
    if (rotateAt === this.rotateAt) return;
    this.rotateAt = rotateAt;
    this.o.report(
      `kiosk: the log file reached the process's file-size limit at ${reached} bytes; ` +
        `it is rotated at ${rotateAt} bytes from now on`,
    );
  }

  private lose(cause: string): void {
    this.lost++;
    this.begin(cause);
  }

  /** The start of a burst of lost lines is told once, however long it lasts. */
  private begin(cause: string): void {
    if (this.failure !== null) return;
    this.failure = cause;
    this.o.report(
      `kiosk: the log file in ${this.o.dir} cannot be written (${cause}); ` +
        'log lines are dropped until it can be written again, the kiosk goes on',
    );
  }

  private maybeRecovered(stream: RotatingFileStream): void {
    // After a backlog, only once the disk has caught up well below the cap.
    if (stream.writableLength > this.o.maxPendingBytes / 2) return;
    const loss = { lost: this.lost, cause: this.failure ?? '' };
    this.failure = null;
    this.lost = 0;
    this.retryDelay = this.o.retryMs;
    this.o.report(`kiosk: the log file is written again; ${loss.lost} log lines were lost`);
    this.o.onRecovered?.(loss);
  }
}

/** '10M' (the config's form) → bytes. */
function bytesOf(size: string): number {
  const m = /^(\d+)([KMG])$/.exec(size);
  if (!m) throw new Error(`log size ${size}: expected a number and K, M or G`);
  const unit = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2] as 'K' | 'M' | 'G'];
  return Number(m[1]) * unit;
}

function historyFile(dir: string): string {
  return path.join(dir, `${LOG_FILE}.txt`);
}

/**
 * Creates the folder 0700, and takes back what earlier versions left readable to others: the
 * folder itself, the log, rotated logs (`…-kiosk.log`) and the history file.
 */
function prepareFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  tighten(dir, DIR_MODE);
  for (const name of readdirSync(dir)) {
    if (name === LOG_FILE || name.endsWith(`-${LOG_FILE}`) || name === `${LOG_FILE}.txt`) {
      tighten(path.join(dir, name), FILE_MODE);
    }
  }
}

function tighten(file: string, mode: number): void {
  try {
    chmodSync(file, mode);
  } catch {
    // Not ours, or gone meanwhile: logging goes on regardless.
  }
}
