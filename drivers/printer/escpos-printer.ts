// The ESC/POS receipt printer on a serial line or, through `transport`, a USB printer class
// device (escpos/usblp-link.ts). Around every job it reads DLE EOT 1–4: a printer that cannot print refuses the job
// with the reason; a fault after the bytes went out fails the job as possibly partial. A job is
// never sent twice by the driver; printing again is the host's explicit reprint, marked copy.
import { randomUUID } from 'node:crypto';
import { DeviceHistory } from '../diagnosis';
import type { SerialBinding, SerialOptions } from '../serial/serial-port';
import type { PaperWidth } from './columns';
import { markCopy, type PrintDocument } from './document';
import { encodeDocument } from './escpos/encode-document';
import { statusRequest } from './escpos/commands';
import {
  PrinterLink,
  type PrinterLogger,
  type PrinterTransport,
  type TransportContext,
} from './escpos/printer-link';
import { decodeStatus, STATUS_QUERIES, toPrinterStatus } from './escpos/status';
import { estimatePrintMs } from './print-time';
import type {
  PrintFailure,
  PrintJob,
  PrintOutcome,
  PrinterDiagnosis,
  PrinterStatus,
  ReceiptPrinter,
} from './printer';

export interface EscPosPrinterOptions {
  /** The serial line, 9600 8N1 unless overridden; not needed when `transport` is given. */
  port?: Pick<SerialOptions, 'path'> & Partial<SerialOptions>;
  binding?: SerialBinding;
  /** Another line to the printer (e.g. a USB printer class device); default: serial `port`. */
  transport?: (context: TransportContext) => PrinterTransport;
  paper: PaperWidth;
  /** Wait for each status byte. */
  responseTimeoutMs?: number;
  /** Status poll while idle, so the host knows of an empty roll before a customer pays; 0: off. */
  pollIntervalMs?: number;
  /** Wait after the bytes are sent before the status is read again; default: the print time
   * estimated at `printSpeedMmPerS`. */
  afterJobWaitMs?: number;
  printSpeedMmPerS?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  logger?: PrinterLogger;
}

const UNKNOWN: PrinterStatus = {
  device: 'offline',
  paper: 'unknown',
  coverOpen: false,
  cutterError: false,
  detail: 'not connected yet',
};

const silent: PrinterLogger = { info: () => undefined, warn: () => undefined };

/** Why a printer in this status cannot take a job, or null when it can. */
function refusal(s: PrinterStatus): { failure: PrintFailure; reason: string } | null {
  if (s.device === 'online') return null;
  const detail = s.detail ?? s.device;
  if (s.cutterError) return { failure: 'cutterError', reason: detail };
  if (s.device === 'hardwareError') return { failure: 'hardwareError', reason: detail };
  if (s.paper === 'out') return { failure: 'paperOut', reason: detail };
  if (s.coverOpen) return { failure: 'coverOpen', reason: detail };
  return { failure: 'offline', reason: detail };
}

export class EscPosPrinter implements ReceiptPrinter {
  readonly paper: PaperWidth;
  private current: PrinterStatus = UNKNOWN;
  private readonly listeners = new Set<(s: PrinterStatus) => void>();
  private readonly link: PrinterTransport;
  /** Logs and records warnings as events; `quiet` only logs (for lines recorded otherwise). */
  private readonly log: PrinterLogger;
  private readonly quiet: PrinterLogger;
  private readonly history = new DeviceHistory([
    'jobs',
    'printed',
    'failed',
    'copies',
    'bytesPrinted',
  ]);
  /** Jobs and status reads take turns on the line. */
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly o: EscPosPrinterOptions) {
    this.paper = o.paper;
    this.quiet = o.logger ?? silent;
    this.log = this.history.logger(this.quiet);
    const context: TransportContext = {
      responseTimeoutMs: o.responseTimeoutMs ?? 500,
      reconnectMinMs: o.reconnectMinMs ?? 500,
      reconnectMaxMs: o.reconnectMaxMs ?? 30_000,
      logger: this.log,
      onLost: (reason) => this.setStatus({ ...this.current, device: 'offline', detail: reason }),
    };
    if (o.transport) this.link = o.transport(context);
    else if (o.port) {
      this.link = new PrinterLink({
        ...context,
        port: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, ...o.port },
        ...(o.binding ? { binding: o.binding } : {}),
      });
    } else throw new Error('printer: a serial port or a transport is needed');
  }

  get status(): PrinterStatus {
    return this.current;
  }

  diagnose(): PrinterDiagnosis {
    const { device, paper, detail } = this.current;
    return {
      kind: 'printer',
      driver: 'escpos',
      port: this.link.path,
      // The notes give ESC/POS no identification request, and the driver sends none.
      model: null,
      firmware: null,
      status: device,
      detail,
      paper,
      counters: this.history.counters(),
      events: this.history.events.list(),
    };
  }

  async start(): Promise<void> {
    this.running = true;
    this.history.started();
    await this.exclusive(() => this.readStatus()).catch((err: unknown) =>
      this.log.warn({ err }, 'printer: first status read failed'),
    );
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.link.close();
  }

  print(document: PrintDocument): PrintJob {
    return this.submit(document);
  }

  reprint(document: PrintDocument): PrintJob {
    return this.submit(markCopy(document));
  }

  onStatus(listener: (status: PrinterStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private submit(document: PrintDocument): PrintJob {
    const id = randomUUID();
    this.history.count('jobs');
    if (document.copy) this.history.count('copies');
    const done = this.exclusive(() => this.run(id, document)).catch(
      (err: unknown): PrintOutcome => {
        this.log.warn({ err, jobId: id }, 'printer: job failed unexpectedly');
        return this.failed(id, document, 'hardwareError', 'internal driver error', true);
      },
    );
    return { id, done };
  }

  private async run(id: string, doc: PrintDocument): Promise<PrintOutcome> {
    if (!this.running) return this.failed(id, doc, 'stopped', 'printer driver not running', false);
    if (doc.paper !== this.paper) {
      const reason = `document laid out for ${doc.paper} mm paper, printer has ${this.paper} mm`;
      return this.failed(id, doc, 'wrongPaper', reason, false);
    }
    let bytes: Buffer;
    try {
      const encoded = encodeDocument(doc);
      bytes = encoded.bytes;
      // Printed as `?`: worth a look at the data, not worth refusing the customer's receipt.
      const replaced = encoded.replaced.length;
      if (replaced) this.log.warn({ jobId: id, replaced }, 'printer: characters outside GBK');
    } catch (err) {
      return this.failed(id, doc, 'invalidDocument', (err as Error).message, false);
    }
    const before = await this.readStatus();
    const refused = refusal(before);
    if (refused) return this.failed(id, doc, refused.failure, refused.reason, false);

    if (!(await this.link.write(bytes))) {
      this.setStatus({ ...this.current, device: 'offline', detail: 'write failed' });
      const reason = 'the port failed while sending; the receipt may be incomplete';
      return this.failed(id, doc, 'offline', reason, true);
    }
    await sleep(this.o.afterJobWaitMs ?? estimatePrintMs(doc, this.o.printSpeedMmPerS ?? 90));
    const after = await this.readStatus();
    const fault = refusal(after);
    if (fault) {
      const reason = `${fault.reason} during printing; the receipt may be incomplete`;
      return this.failed(id, doc, fault.failure, reason, true);
    }
    this.log.info({ jobId: id, bytes: bytes.length, copy: doc.copy }, 'printer: job printed');
    this.history.count('printed');
    this.history.count('bytesPrinted', bytes.length);
    this.history.info(`job printed (${bytes.length} bytes${doc.copy ? ', a copy' : ''})`);
    return { jobId: id, copy: doc.copy, result: 'printed', status: after };
  }

  private failed(
    jobId: string,
    doc: PrintDocument,
    failure: PrintFailure,
    reason: string,
    partial: boolean,
  ): PrintOutcome {
    this.quiet.warn({ jobId, failure, reason, partial }, 'printer: job failed');
    this.history.count('failed');
    // An unencodable document's reason may quote its text: the failure's name alone, then.
    const why = failure === 'invalidDocument' ? '' : `: ${reason}`;
    this.history.warn(`job failed, ${failure}${partial ? ' (maybe partly printed)' : ''}${why}`);
    return {
      jobId,
      copy: doc.copy,
      result: 'failed',
      failure,
      reason,
      partial,
      status: this.current,
    };
  }

  /** DLE EOT 1–4, in order; any silence or malformed byte ends the read as offline. */
  private async readStatus(): Promise<PrinterStatus> {
    if (!(await this.link.ensureOpen())) {
      return this.setStatus({ ...this.current, device: 'offline', detail: 'port not open' });
    }
    const replies: number[] = [];
    for (const n of STATUS_QUERIES) {
      const reply = await this.link.query(statusRequest(n));
      if (typeof reply !== 'number') {
        const detail = reply === 'down' ? 'port closed' : `no reply to DLE EOT ${n}`;
        return this.setStatus({ ...this.current, device: 'offline', detail });
      }
      replies.push(reply);
    }
    const decoded = decodeStatus(replies);
    if (!decoded.ok) {
      return this.setStatus({ ...this.current, device: 'offline', detail: decoded.reason });
    }
    return this.setStatus(toPrinterStatus(decoded.flags));
  }

  private setStatus(next: PrinterStatus): PrinterStatus {
    const prev = this.current;
    this.current = next;
    this.history.status(next.device, next.detail);
    const changed = (Object.keys(next) as (keyof PrinterStatus)[]).some((k) => next[k] !== prev[k]);
    if (!changed) return next;
    for (const listener of this.listeners) {
      try {
        listener(next);
      } catch (err) {
        this.log.warn({ err }, 'printer: status listener threw');
      }
    }
    return next;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private schedulePoll(): void {
    const every = this.o.pollIntervalMs ?? 5_000;
    if (!this.running || every <= 0) return;
    this.timer = setTimeout(() => {
      void this.exclusive(() => this.readStatus())
        .catch((err: unknown) => this.log.warn({ err }, 'printer: status poll failed'))
        .finally(() => this.schedulePoll());
    }, every);
    this.timer.unref?.();
  }
}

const sleep = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
