// The ID-003 line: one request outstanding at a time, a reply timeout, and a port that reopens
// itself with backoff after it errors or closes. Never throws; failures come back as values.
// A reply that arrives after its request timed out is handed to onLateReply, not mistaken for
// the answer to the next request.
import type { SerialPortStream } from '@serialport/stream';
import { openSerialPort } from '../../serial/serial-port';
import type { SerialBinding, SerialOptions } from '../../serial/serial-port';
import { FrameParser, encodeFrame } from './frame';
import type { Frame } from './frame';
import { answers } from './replies';
import type { Request } from './replies';

export interface DriverLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface LinkOptions {
  port: SerialOptions;
  binding?: SerialBinding;
  responseTimeoutMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  logger: DriverLogger;
  /** The answer to a request that had already timed out. */
  onLateReply(request: Request, reply: Frame): void;
}

interface Waiter {
  request: Request;
  /** The newest answer so far, held while the rest of a frame is still arriving. */
  answer: Frame | null;
  settle(result: Exchange): void;
}

/** What came of a request: the reply, silence, or a port that is not open. */
export type Exchange = Frame | 'noReply' | 'down';

export class Id003Link {
  private port: SerialPortStream | null = null;
  private readonly parser = new FrameParser();
  private waiter: Waiter | null = null;
  /** The last request that went unanswered: its reply may still come. */
  private unanswered: Request | null = null;
  private backoffMs: number;
  private nextOpenAt = 0;
  private closed = false;

  constructor(private readonly opts: LinkOptions) {
    this.backoffMs = opts.reconnectMinMs;
  }

  get isOpen(): boolean {
    return this.port?.isOpen === true;
  }

  get stats(): FrameParser['stats'] {
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
      port.on('error', (err: Error) => this.opts.logger.warn({ err }, 'id003: serial port error'));
      port.on('close', () => this.onClose(port));
      this.port = port;
      this.backoffMs = this.opts.reconnectMinMs;
      this.opts.logger.info({ path: this.opts.port.path }, 'id003: port open');
      return true;
    } catch (err) {
      const retryInMs = this.scheduleReopen();
      this.opts.logger.warn({ err, retryInMs }, 'id003: cannot open port');
      return false;
    }
  }

  /** Sends a request and waits for its reply frame, or for the response timeout. */
  request(request: Request): Promise<Exchange> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve('down');
    // A partial frame still buffered belonged to an earlier reply.
    this.parser.reset();
    return new Promise<Exchange>((resolve) => {
      const timer = setTimeout(() => {
        if (!waiter.answer) this.unanswered = request;
        settle(waiter.answer ?? 'noReply');
      }, this.opts.responseTimeoutMs);
      const settle = (result: Exchange): void => {
        clearTimeout(timer);
        if (this.waiter === waiter) this.waiter = null;
        if (result !== 'noReply') this.unanswered = null;
        resolve(result);
      };
      const waiter: Waiter = { request, answer: null, settle };
      this.waiter = waiter;
      port.write(encodeFrame(request.cmd, request.data), (err) => {
        if (err) settle('down');
      });
    });
  }

  /** Sends a frame that gets no reply (the host's ACK). */
  send(frame: Buffer): Promise<boolean> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => port.write(frame, (err) => resolve(!err)));
  }

  async close(): Promise<void> {
    this.closed = true;
    const port = this.port;
    this.port = null;
    this.waiter?.settle('down');
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private onData(chunk: Buffer): void {
    const waiter = this.waiter;
    for (const frame of this.parser.push(chunk)) {
      if (waiter && answers(waiter.request.cmd, frame.cmd)) {
        // Frames arrive in order: a newer answer supersedes one the line held back.
        if (waiter.answer) this.late(waiter.answer);
        waiter.answer = frame;
      } else {
        this.late(frame);
      }
    }
    // Wait for the rest of a frame still arriving: it may be a newer answer.
    if (waiter?.answer && this.parser.pending === 0) waiter.settle(waiter.answer);
  }

  private late(frame: Frame): void {
    const request = this.unanswered;
    if (request && answers(request.cmd, frame.cmd)) {
      this.unanswered = null;
      this.opts.onLateReply(request, frame);
    } else {
      this.opts.logger.warn({ cmd: frame.cmd }, 'id003: unsolicited frame dropped');
    }
  }

  private onClose(port: SerialPortStream): void {
    if (this.port !== port) return;
    this.port = null;
    this.waiter?.settle('down');
    if (this.closed) return;
    this.opts.logger.warn({ path: this.opts.port.path }, 'id003: port closed, will reopen');
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
