// The printer's serial line: writes jobs (and waits until they are on the wire), asks for one
// status byte at a time, and reopens the port with backoff after it closes. Never throws.
import type { SerialPortStream } from '@serialport/stream';
import { openSerialPort, type SerialBinding, type SerialOptions } from '../../serial/serial-port';

export interface PrinterLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface LinkOptions {
  port: SerialOptions;
  binding?: SerialBinding;
  responseTimeoutMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  logger: PrinterLogger;
  onLost(reason: string): void;
}

/** A status byte, silence, or a port that is not open. */
export type Reply = number | 'noReply' | 'down';

export class PrinterLink {
  private port: SerialPortStream | null = null;
  private waiter: ((reply: Reply) => void) | null = null;
  private backoffMs: number;
  private nextOpenAt = 0;
  private closed = false;
  private quietUntil = 0;

  constructor(private readonly o: LinkOptions) {
    this.backoffMs = o.reconnectMinMs;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  /** Opens the port unless it is open or the backoff has not run out. True when open. */
  async ensureOpen(): Promise<boolean> {
    if (this.isOpen) return true;
    if (this.closed || Date.now() < this.nextOpenAt) return false;
    try {
      const port = await openSerialPort(this.o.port, this.o.binding);
      if (this.closed) {
        port.close(() => undefined);
        return false;
      }
      port.on('data', (chunk: Buffer) => this.onData(chunk));
      port.on('error', (err: Error) => this.o.logger.warn({ err }, 'printer: serial port error'));
      port.on('close', () => this.onClose(port));
      this.port = port;
      this.backoffMs = this.o.reconnectMinMs;
      this.o.logger.info({ path: this.o.port.path }, 'printer: port open');
      return true;
    } catch (err) {
      const retryInMs = this.scheduleReopen();
      this.o.logger.warn({ err, retryInMs }, 'printer: cannot open port');
      return false;
    }
  }

  /** Sends a real-time request and waits for its one-byte answer. */
  async query(request: Buffer): Promise<Reply> {
    // After a timeout, a late answer could be taken for the next request's: let it pass first.
    const quiet = this.quietUntil - Date.now();
    if (quiet > 0) await new Promise((resolve) => setTimeout(resolve, quiet));
    const port = this.port;
    if (!port?.isOpen) return 'down';
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.quietUntil = Date.now() + this.o.responseTimeoutMs;
        settle('noReply');
      }, this.o.responseTimeoutMs);
      const settle = (reply: Reply): void => {
        clearTimeout(timer);
        if (this.waiter === settle) this.waiter = null;
        resolve(reply);
      };
      this.waiter = settle;
      port.write(request, (err) => {
        if (err) settle('down');
      });
    });
  }

  /** Writes bytes and resolves once they have left (drain); false if the port failed. */
  write(bytes: Buffer): Promise<boolean> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      port.write(bytes, (err) => {
        if (err) resolve(false);
        else port.drain((drainErr) => resolve(!drainErr));
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const port = this.port;
    this.port = null;
    this.waiter?.('down');
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private onData(chunk: Buffer): void {
    // One byte answers one request; anything else is line noise or an unasked reply.
    for (const byte of chunk) {
      if (this.waiter) this.waiter(byte);
      else this.o.logger.warn({ byte }, 'printer: unsolicited byte dropped');
    }
  }

  private onClose(port: SerialPortStream): void {
    if (this.port !== port) return;
    this.port = null;
    this.waiter?.('down');
    if (this.closed) return;
    this.o.logger.warn({ path: this.o.port.path }, 'printer: port closed, will reopen');
    this.scheduleReopen();
    this.o.onLost('port closed');
  }

  /** The delay before the next open attempt; each failure doubles it, up to the maximum. */
  private scheduleReopen(): number {
    const delay = this.backoffMs;
    this.nextOpenAt = Date.now() + delay;
    this.backoffMs = Math.min(delay * 2, this.o.reconnectMaxMs);
    return delay;
  }
}
