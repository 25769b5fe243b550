// The printer's serial line: writes jobs (and waits until they are on the wire), asks for one
// status byte at a time, and reopens the port with backoff after it closes. Never throws.
import { ReopeningPort } from '../../serial/reopening-port';
import type { PortLogger, PortSettings } from '../../serial/reopening-port';
import { monotonicNow } from '../../monotonic';

export type PrinterLogger = PortLogger;

export interface LinkOptions extends PortSettings {
  responseTimeoutMs: number;
  logger: PrinterLogger;
  onLost(reason: string): void;
}

/** A status byte, silence, or a port that is not open. */
export type Reply = number | 'noReply' | 'down';

/**
 * What the ESC/POS driver needs of the line to its printer, whatever carries the bytes (a serial
 * port here, a USB printer class device in usblp-link.ts). None of it throws.
 */
export interface PrinterTransport {
  /** Where the bytes go (a serial path, a device file), for diagnosis. */
  readonly path: string;
  readonly isOpen: boolean;
  /** Opens the line unless it is open or the backoff has not run out. True when open. */
  ensureOpen(): Promise<boolean>;
  /** Sends a real-time request and waits for its one-byte answer. */
  query(request: Buffer): Promise<Reply>;
  /** Writes bytes and resolves once they have left; false if the line failed. */
  write(bytes: Buffer): Promise<boolean>;
  /** Closes for good. */
  close(): Promise<void>;
}

/** The driver's side of a transport: timing, logging, and whom to tell when the line drops. */
export type TransportContext = Omit<LinkOptions, 'port' | 'binding'>;

export class PrinterLink implements PrinterTransport {
  private readonly port: ReopeningPort;
  private waiter: ((reply: Reply) => void) | null = null;
  /** Monotonic time. */
  private quietUntil = 0;

  constructor(private readonly o: LinkOptions) {
    this.port = new ReopeningPort({
      ...o,
      name: 'printer',
      onData: (chunk) => this.onData(chunk),
      onLost: () => {
        this.waiter?.('down');
        o.onLost('port closed');
      },
    });
  }

  get path(): string {
    return this.o.port.path;
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  /** Opens the port unless it is open or the backoff has not run out. True when open. */
  ensureOpen(): Promise<boolean> {
    return this.port.ensureOpen();
  }

  /** Sends a real-time request and waits for its one-byte answer. */
  async query(request: Buffer): Promise<Reply> {
    // After a timeout, a late answer could be taken for the next request's: let it pass first.
    const quiet = this.quietUntil - monotonicNow();
    if (quiet > 0) await new Promise((resolve) => setTimeout(resolve, quiet));
    if (!this.port.isOpen) return 'down';
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => {
        this.quietUntil = monotonicNow() + this.o.responseTimeoutMs;
        settle('noReply');
      }, this.o.responseTimeoutMs);
      const settle = (reply: Reply): void => {
        clearTimeout(timer);
        if (this.waiter === settle) this.waiter = null;
        resolve(reply);
      };
      this.waiter = settle;
      void this.port.write(request).then((ok) => {
        if (!ok) settle('down');
      });
    });
  }

  /** Writes bytes and resolves once they have left (drain); false if the port failed. */
  write(bytes: Buffer): Promise<boolean> {
    return this.port.write(bytes, { drain: true });
  }

  async close(): Promise<void> {
    const closing = this.port.close();
    this.waiter?.('down');
    await closing;
  }

  private onData(chunk: Buffer): void {
    // One byte answers one request; anything else is line noise or an unasked reply.
    for (const byte of chunk) {
      if (this.waiter) this.waiter(byte);
      else this.o.logger.warn({ byte }, 'printer: unsolicited byte dropped');
    }
  }
}
