// The ID-003 line: one request outstanding at a time, a reply timeout, and a port that reopens
// itself with backoff after it errors or closes. Never throws; failures come back as values.
// A reply that arrives after its request timed out is handed to onLateReply, not mistaken for
// the answer to the next request.
import { ReopeningPort } from '../../serial/reopening-port';
import type { LineOptions } from '../common/driver-options';
import { FrameParser, encodeFrame } from './frame';
import type { Frame } from './frame';
import { answers } from './replies';
import type { Request } from './replies';

export interface LinkOptions extends LineOptions {
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
  private readonly port: ReopeningPort;
  private readonly parser = new FrameParser();
  private waiter: Waiter | null = null;
  /** The last request that went unanswered: its reply may still come. */
  private unanswered: Request | null = null;

  constructor(private readonly opts: LinkOptions) {
    this.port = new ReopeningPort({
      ...opts,
      name: 'id003',
      onData: (chunk) => this.onData(chunk),
      onLost: () => this.waiter?.settle('down'),
    });
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  get stats(): FrameParser['stats'] {
    return this.parser.stats;
  }

  /** Opens the port unless it is open or the backoff has not elapsed. True when open. */
  ensureOpen(): Promise<boolean> {
    return this.port.ensureOpen();
  }

  /** Sends a request and waits for its reply frame, or for the response timeout. */
  request(request: Request): Promise<Exchange> {
    if (!this.port.isOpen) return Promise.resolve('down');
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
      void this.port.write(encodeFrame(request.cmd, request.data)).then((ok) => {
        if (!ok) settle('down');
      });
    });
  }

  /** Sends a frame that gets no reply (the host's ACK). */
  send(frame: Buffer): Promise<boolean> {
    return this.port.write(frame);
  }

  async close(): Promise<void> {
    const closing = this.port.close();
    this.waiter?.settle('down');
    await closing;
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
}
