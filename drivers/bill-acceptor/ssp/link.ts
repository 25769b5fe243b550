// The SSP line: one command outstanding, its reply matched by SEQ, and the same frame re-sent
// (same SEQ) after a timeout or a corrupt reply, so the device repeats its reply instead of
// acting twice. The port reopens itself with backoff. Never throws; failures come back as values.
import type { SerialPortStream } from '@serialport/stream';
import { openSerialPort } from '../../serial/serial-port';
import type { SerialBinding, SerialOptions } from '../../serial/serial-port';
import type { DriverLogger } from '../id003/link';
import { DEVICE_ID, SEQ_FLAG, SspFrameParser, encodeFrame } from './frame';
import type { SspFrameStats } from './frame';

export interface SspLinkOptions {
  port: SerialOptions;
  binding?: SerialBinding;
  responseTimeoutMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  logger: DriverLogger;
}

/**
 * How a command is numbered: 'sync' sends SEQ 0x80 (SYNC), 'next' toggles SEQ for a new
 * command, 'repeat' re-sends the last frame byte for byte so the device repeats its last reply.
 */
export type SeqMode = 'sync' | 'next' | 'repeat';

/** The reply's data (generic response first), silence after every attempt, or no open port. */
export type Exchange = Buffer | 'noReply' | 'down';

export class SspLink {
  private port: SerialPortStream | null = null;
  private readonly parser = new SspFrameParser();
  private waiter: { seq: number; settle: (result: Exchange) => void } | null = null;
  private seq = SEQ_FLAG;
  private last: { frame: Buffer; seq: number } | null = null;
  private backoffMs: number;
  private nextOpenAt = 0;
  private closed = false;

  constructor(private readonly opts: SspLinkOptions) {
    this.backoffMs = opts.reconnectMinMs;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  get stats(): SspFrameStats {
    return this.parser.stats;
  }

  /** Opens the port unless it is open or the backoff has not elapsed. True when open. */
  async ensureOpen(): Promise<boolean> {
    if (this.isOpen) return true;
    if (this.closed || Date.now() < this.nextOpenAt) return false;
    try {
      const port = await openSerialPort(this.opts.port, this.opts.binding);
      if (this.closed) {
        port.close(() => undefined);
        return false;
      }
      port.on('data', (chunk: Buffer) => this.onData(chunk));
      port.on('error', (err: Error) => this.opts.logger.warn({ err }, 'ssp: serial port error'));
      port.on('close', () => this.onClose(port));
      this.port = port;
      this.backoffMs = this.opts.reconnectMinMs;
      this.opts.logger.info({ path: this.opts.port.path }, 'ssp: port open');
      return true;
    } catch (err) {
      const retryInMs = this.scheduleReopen();
      this.opts.logger.warn({ err, retryInMs }, 'ssp: cannot open port');
      return false;
    }
  }

  /** Sends a command and waits for its reply, re-sending the same frame up to `retries` times. */
  async command(data: Buffer, mode: SeqMode, retries: number): Promise<Exchange> {
    let last = this.last;
    if (mode !== 'repeat' || !last) {
      this.seq = mode === 'sync' ? SEQ_FLAG : this.seq ^ SEQ_FLAG;
      const seq = this.seq | DEVICE_ID;
      last = this.last = { frame: encodeFrame(seq, data), seq };
      // Bytes still buffered belong to an earlier exchange.
      this.parser.reset();
    }
    for (let attempt = 0; attempt <= retries; attempt++) {
      const result = await this.attempt(last.frame, last.seq);
      if (result !== 'noReply') return result;
    }
    return 'noReply';
  }

  async close(): Promise<void> {
    this.closed = true;
    const port = this.port;
    this.port = null;
    this.waiter?.settle('down');
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private attempt(frame: Buffer, seq: number): Promise<Exchange> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve('down');
    return new Promise<Exchange>((resolve) => {
      const timer = setTimeout(() => settle('noReply'), this.opts.responseTimeoutMs);
      const settle = (result: Exchange): void => {
        clearTimeout(timer);
        if (this.waiter?.settle === settle) this.waiter = null;
        resolve(result);
      };
      this.waiter = { seq, settle };
      port.write(frame, (err) => {
        if (err) settle('down');
      });
    });
  }

  private onData(chunk: Buffer): void {
    const crcErrors = this.parser.stats.crcErrors;
    for (const frame of this.parser.push(chunk)) {
      const waiter = this.waiter;
      // A reply carries the SEQ of its command; any other frame is a stale duplicate.
      if (waiter && frame.seq === waiter.seq && frame.data.length > 0) waiter.settle(frame.data);
    }
    // A corrupt frame was most likely our reply: ask again now rather than at the timeout.
    if (this.parser.stats.crcErrors > crcErrors) this.waiter?.settle('noReply');
  }

  private onClose(port: SerialPortStream): void {
    if (this.port !== port) return;
    this.port = null;
    this.waiter?.settle('down');
    if (this.closed) return;
    this.opts.logger.warn({ path: this.opts.port.path }, 'ssp: port closed, will reopen');
    this.scheduleReopen();
  }

  /** Returns the delay before the next open attempt; each failure doubles it, up to the max. */
  private scheduleReopen(): number {
    const delay = this.backoffMs;
    this.nextOpenAt = Date.now() + delay;
    this.backoffMs = Math.min(delay * 2, this.opts.reconnectMaxMs);
    return delay;
  }
}
