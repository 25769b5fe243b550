// What the host sees of a receipt printer, whatever its command language. Jobs are documents
// (document.ts); each job completes exactly once, and a failed job is never printed again
// unless the host asks for a reprint, which is marked as a copy.
import type { DeviceStatus } from '../device';
import type { DeviceDiagnosis } from '../diagnosis';
import type { PaperWidth } from './columns';
import type { PrintDocument } from './document';

/** XFS4IoT's paper states, plus 'unknown' until the printer has answered once. */
export type PaperStatus = 'full' | 'low' | 'out' | 'jammed' | 'unknown';

export interface PrinterStatus {
  device: DeviceStatus;
  paper: PaperStatus;
  coverOpen: boolean;
  cutterError: boolean;
  /** The causes in the driver's words, for staff and logs; null when all is well. */
  detail: string | null;
}

export type PrintFailure =
  | 'offline'
  | 'paperOut'
  | 'coverOpen'
  | 'cutterError'
  | 'hardwareError'
  | 'wrongPaper'
  | 'invalidDocument'
  | 'stopped';

export type PrintOutcome =
  | { jobId: string; copy: boolean; result: 'printed'; status: PrinterStatus }
  | {
      jobId: string;
      copy: boolean;
      result: 'failed';
      failure: PrintFailure;
      reason: string;
      /** True when printing had begun: the paper may hold part of the receipt. */
      partial: boolean;
      status: PrinterStatus;
    };

export interface PrintJob {
  readonly id: string;
  /** Resolves once with the outcome; never rejects. */
  readonly done: Promise<PrintOutcome>;
}

/** diagnose() of a printer: the common shape, with its paper as the heartbeat reports it. */
export interface PrinterDiagnosis extends DeviceDiagnosis {
  kind: 'printer';
  driver: 'escpos';
  paper: PaperStatus;
}

export interface ReceiptPrinter {
  readonly paper: PaperWidth;
  readonly status: PrinterStatus;
  /** Opens the port and starts watching the status. Never rejects; reconnects on its own. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Queues a job; jobs print one at a time, in order. */
  print(document: PrintDocument): PrintJob;
  /** Prints the document again as a copy (its copy mark on top): an explicit, separate job. */
  reprint(document: PrintDocument): PrintJob;
  /** Called on every change of status. Returns an unsubscribe function. */
  onStatus(listener: (status: PrinterStatus) => void): () => void;
  /** Jobs, bytes printed, reconnects and the last events, for technicians and the heartbeat. */
  diagnose(): PrinterDiagnosis;
}
