// The SSP line: one command outstanding, its reply matched by SEQ, and the same frame re-sent
// (same SEQ) after a timeout or a corrupt reply, so the device repeats its reply instead of
// acting twice. The port reopens itself with backoff. Never throws; failures come back as values.
import { ReopeningPort } from '../../serial/reopening-port';
import type { LineOptions } from '../common/driver-options';
import { DEVICE_ID, SEQ_FLAG, SspFrameParser, encodeFrame } from './frame';
import type { SspFrameStats } from './frame';

export type SspLinkOptions = LineOptions;

/**
 * How a command is numbered: 'sync' sends SEQ 0x80 (SYNC), 'next' toggles SEQ for a new
 * command, 'repeat' re-sends the last frame byte for byte so the device repeats its last reply.
 */
export type SeqMode = 'sync' | 'next' | 'repeat';

/** The reply's data (generic response first), silence after every attempt, or no open port. */
export type Exchange = Buffer | 'noReply' | 'down';

export class SspLink {
  private readonly port: ReopeningPort;
  private readonly parser = new SspFrameParser();
  private waiter: { seq: number; settle: (result: Exchange) => void } | null = null;
  private seq = SEQ_FLAG;
  private last: { frame: Buffer; seq: number } | null = null;
  /** Frames sent again (same SEQ) because no valid reply came. */
  retransmits = 0;

  constructor(private readonly opts: SspLinkOptions) {
    this.port = new ReopeningPort({
      ...opts,
      name: 'ssp',
      onData: (chunk) => this.onData(chunk),
      onLost: () => this.waiter?.settle('down'),
    });
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  get stats(): SspFrameStats {
    return this.parser.stats;
  }

  /** Opens the port unless it is open or the backoff has not elapsed. True when open. */
  ensureOpen(): Promise<boolean> {
    return this.port.ensureOpen();
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
      if (attempt > 0) this.retransmits++;
      const result = await this.attempt(last.frame, last.seq);
      if (result !== 'noReply') return result;
    }
    return 'noReply';
  }

  async close(): Promise<void> {
    const closing = this.port.close();
    this.waiter?.settle('down');
    await closing;
  }

  private attempt(frame: Buffer, seq: number): Promise<Exchange> {
    if (!this.port.isOpen) return Promise.resolve('down');
    return new Promise<Exchange>((resolve) => {
      const timer = setTimeout(() => settle('noReply'), this.opts.responseTimeoutMs);
      const settle = (result: Exchange): void => {
        clearTimeout(timer);
        if (this.waiter?.settle === settle) this.waiter = null;
        resolve(result);
      };
      this.waiter = { seq, settle };
      void this.port.write(frame).then((ok) => {
        if (!ok) settle('down');
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
}
