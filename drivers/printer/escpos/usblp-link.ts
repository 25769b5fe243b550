// The printer as a USB printer class device (Linux usblp, /dev/usb/lp0): a character device the
// ESC/POS bytes are written to and the DLE EOT replies read from, as a file. Opened non-blocking,
// so a read that has nothing yet returns EAGAIN at once instead of holding a libuv pool thread;
// a reply is polled for at a short interval up to the response timeout. An I/O error (ENODEV when
// unplugged, EIO…) closes the file and the next open waits out a doubling backoff. Never throws.
import { constants, promises as fs } from 'node:fs';
import { monotonicNow } from '../../monotonic';
import type { PrinterTransport, Reply, TransportContext } from './printer-link';

export interface UsblpLinkOptions extends TransportContext {
  /** e.g. /dev/usb/lp0 */
  path: string;
  /** How often a pending reply (or a full write buffer) is checked again. */
  pollMs?: number;
  /** A write that makes no progress this long fails (the printer stopped taking bytes). */
  writeStallMs?: number;
}

/** Nothing to read yet / no room to write yet: try again. */
const RETRY = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);
const errno = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? 'unknown';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// O_NOCTTY: a pty standing in for the device must not become our controlling terminal.
const FLAGS = constants.O_RDWR | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export class UsblpLink implements PrinterTransport {
  private file: fs.FileHandle | null = null;
  private opening: Promise<boolean> | null = null;
  private backoffMs: number;
  /** Monotonic times, like every deadline here: a wall clock step must not move them. */
  private nextOpenAt = 0;
  private quietUntil = 0;
  private closed = false;
  private readonly pollMs: number;
  private readonly writeStallMs: number;

  constructor(private readonly o: UsblpLinkOptions) {
    this.backoffMs = o.reconnectMinMs;
    this.pollMs = o.pollMs ?? 10;
    this.writeStallMs = o.writeStallMs ?? 10_000;
  }

  get path(): string {
    return this.o.path;
  }

  get isOpen(): boolean {
    return this.file !== null;
  }

  ensureOpen(): Promise<boolean> {
    if (this.file) return Promise.resolve(true);
    if (this.closed || monotonicNow() < this.nextOpenAt) return Promise.resolve(false);
    this.opening ??= this.open().finally(() => (this.opening = null));
    return this.opening;
  }

  async query(request: Buffer): Promise<Reply> {
    // After a timeout, a late answer could be taken for the next request's: let it pass first.
    const quiet = this.quietUntil - monotonicNow();
    if (quiet > 0) await sleep(quiet);
    const file = this.file;
    if (!file) return 'down';
    const stale = await this.readSome(file);
    if (stale === 'down') return 'down';
    if (stale.length) this.o.logger.warn({ bytes: stale.length }, 'printer: stale bytes dropped');
    if (!(await this.writeAll(file, request))) return 'down';

    const deadline = monotonicNow() + this.o.responseTimeoutMs;
    for (;;) {
      const got = await this.readSome(file);
      if (got === 'down') return 'down';
      if (got.length) {
        // One byte answers one request; anything after it is noise or an unasked reply.
        if (got.length > 1) {
          this.o.logger.warn({ bytes: got.length - 1 }, 'printer: unsolicited bytes dropped');
        }
        return got[0] as number;
      }
      if (monotonicNow() >= deadline) {
        this.quietUntil = monotonicNow() + this.o.responseTimeoutMs;
        return 'noReply';
      }
      await sleep(Math.min(this.pollMs, Math.max(0, deadline - monotonicNow())));
    }
  }

  write(bytes: Buffer): Promise<boolean> {
    const file = this.file;
    return file ? this.writeAll(file, bytes) : Promise.resolve(false);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening;
    const file = this.file;
    this.file = null;
    await file?.close().catch(() => undefined);
  }

  private async open(): Promise<boolean> {
    try {
      const file = await fs.open(this.o.path, FLAGS);
      if (this.closed) {
        await file.close().catch(() => undefined);
        return false;
      }
      this.file = file;
      this.backoffMs = this.o.reconnectMinMs;
      this.o.logger.info({ path: this.o.path }, 'printer: usblp device open');
      return true;
    } catch (err) {
      const retryInMs = this.scheduleReopen();
      this.o.logger.warn({ err, retryInMs }, 'printer: cannot open usblp device');
      return false;
    }
  }

  /** Whatever the device has for us now (maybe nothing), or 'down' after an I/O error. */
  private async readSome(file: fs.FileHandle): Promise<Buffer | 'down'> {
    const buf = Buffer.alloc(64);
    try {
      const { bytesRead } = await file.read(buf, 0, buf.length, null);
      return buf.subarray(0, bytesRead);
    } catch (err) {
      if (RETRY.has(errno(err))) return buf.subarray(0, 0);
      return this.lost(file, err);
    }
  }

  /** All of `bytes`, waiting while the device's buffer is full; false on error or stall. */
  private async writeAll(file: fs.FileHandle, bytes: Buffer): Promise<boolean> {
    let offset = 0;
    let progressAt = monotonicNow();
    while (offset < bytes.length) {
      if (this.file !== file) return false;
      try {
        const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset, null);
        if (bytesWritten > 0) {
          offset += bytesWritten;
          progressAt = monotonicNow();
          continue;
        }
      } catch (err) {
        if (!RETRY.has(errno(err))) {
          await this.lost(file, err);
          return false;
        }
      }
      if (monotonicNow() - progressAt > this.writeStallMs) {
        await this.lost(file, new Error(`no write progress for ${this.writeStallMs} ms`));
        return false;
      }
      await sleep(this.pollMs);
    }
    return true;
  }

  private async lost(file: fs.FileHandle, err: unknown): Promise<'down'> {
    if (this.file !== file) return 'down';
    this.file = null;
    await file.close().catch(() => undefined);
    if (this.closed) return 'down';
    const retryInMs = this.scheduleReopen();
    this.o.logger.warn({ err, retryInMs }, 'printer: usblp device lost, will reopen');
    try {
      this.o.onLost(`device lost (${errno(err)})`);
    } catch (listenerErr) {
      this.o.logger.warn({ err: listenerErr }, 'printer: onLost threw');
    }
    return 'down';
  }

  /** The delay before the next open attempt; each failure doubles it, up to the maximum. */
  private scheduleReopen(): number {
    const delay = this.backoffMs;
    this.nextOpenAt = monotonicNow() + delay;
    this.backoffMs = Math.min(delay * 2, this.o.reconnectMaxMs);
    return delay;
  }
}
