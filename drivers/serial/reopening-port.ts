// A serial port that a device line keeps open: it opens on demand, reopens with doubling backoff
// after it fails to open or closes by itself, writes, and closes. Never throws; failures come
// back as values, so a driver's poll loop simply tries again on a later tick.
import type { SerialPortStream } from '@serialport/stream';
import { monotonicNow } from '../monotonic';
import { openSerialPort } from './serial-port';
import type { SerialBinding, SerialOptions } from './serial-port';

export interface PortLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Which port, and how to reopen it: the part of a device line's options that is the port's. */
export interface PortSettings {
  port: SerialOptions;
  binding?: SerialBinding;
  /** The reopen backoff doubles from min to max after each failure. */
  reconnectMinMs: number;
  reconnectMaxMs: number;
}

export interface ReopeningPortOptions extends PortSettings {
  logger: PortLogger;
  /** Prefixes the log messages, e.g. 'id003'. */
  name: string;
  onData(chunk: Buffer): void;
  /** The port closed by itself (not by close()); it reopens once the backoff has passed. */
  onLost?(): void;
}

export class ReopeningPort {
  private port: SerialPortStream | null = null;
  private backoffMs: number;
  /** Monotonic time (a wall clock step must not stretch or skip the backoff). */
  private nextOpenAt = 0;
  private closed = false;

  constructor(private readonly o: ReopeningPortOptions) {
    this.backoffMs = o.reconnectMinMs;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  /** Opens the port unless it is open or the backoff has not run out. True when open. */
  async ensureOpen(): Promise<boolean> {
    if (this.isOpen) return true;
    if (this.closed || monotonicNow() < this.nextOpenAt) return false;
    const { logger, name } = this.o;
    try {
      const port = await openSerialPort(this.o.port, this.o.binding);
      if (this.closed) {
        port.close(() => undefined);
        return false;
      }
      port.on('data', (chunk: Buffer) => this.o.onData(chunk));
      port.on('error', (err: Error) => logger.warn({ err }, `${name}: serial port error`));
      port.on('close', () => this.onClose(port));
      this.port = port;
      this.backoffMs = this.o.reconnectMinMs;
      logger.info({ path: this.o.port.path }, `${name}: port open`);
      return true;
    } catch (err) {
      const retryInMs = this.scheduleReopen();
      logger.warn({ err, retryInMs }, `${name}: cannot open port`);
      return false;
    }
  }

  /**
   * Writes bytes; resolves true once the port took them (with `drain`, once they have left),
   * false if the port is not open or the write failed.
   */
  write(bytes: Buffer, { drain = false } = {}): Promise<boolean> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      port.write(bytes, (err) => {
        if (err || !drain) resolve(!err);
        else port.drain((drainErr) => resolve(!drainErr));
      });
    });
  }

  /** Closes the port for good: it is not reopened. */
  async close(): Promise<void> {
    this.closed = true;
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private onClose(port: SerialPortStream): void {
    if (this.port !== port) return;
    this.port = null;
    if (this.closed) return;
    this.o.logger.warn({ path: this.o.port.path }, `${this.o.name}: port closed, will reopen`);
    this.scheduleReopen();
    this.o.onLost?.();
  }

  /** The delay before the next open attempt; each failure doubles it, up to the maximum. */
  private scheduleReopen(): number {
    const delay = this.backoffMs;
    this.nextOpenAt = monotonicNow() + delay;
    this.backoffMs = Math.min(delay * 2, this.o.reconnectMaxMs);
    return delay;
  }
}
