// Gives the customer their receipt: printed when the printer can print, else as a QR on the
// screen (an e-receipt linking to the payment's verification page). The customer is told which
// before any money is taken (snapshot.service.receipts), and a job that fails half-way is never
// printed again on its own: the screen shows the e-receipt instead and staff see the printer.
import type { PrinterStatus, ReceiptPrinter } from '../../drivers/printer';
import type { PrinterState, ReceiptDelivery } from '../api/kiosk-api';
import type { ReceiptLayout } from '../receipts/layout';
import { receiptDocument } from '../receipts/render-document';
import { screenLines } from '../receipts/render-text';

export interface IssuedReceipt {
  /** What the screen shows of it. */
  lines: string[];
  printed: boolean;
  /** Why it was not printed, for logs; null when printed. */
  failure: string | null;
}

export interface ReceiptService {
  /** How a receipt issued now would reach the customer. */
  delivery(): ReceiptDelivery;
  /** The printer as staff need to know it (paper low, out of service). */
  printerState(): PrinterState;
  issue(layout: ReceiptLayout): Promise<IssuedReceipt>;
  onChange(listener: () => void): () => void;
}

/** Paper out, cover open, cutter error, offline: nothing can be printed now. */
export function canPrint(s: PrinterStatus): boolean {
  return (
    s.device === 'online' &&
    (s.paper === 'full' || s.paper === 'low') &&
    !s.coverOpen &&
    !s.cutterError
  );
}

export function receiptService(
  printer: ReceiptPrinter | null,
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void },
): ReceiptService {
  const listeners = new Set<() => void>();
  let last: PrinterState | null = null;
  printer?.onStatus(() => {
    const now = state();
    if (now === last) return;
    if (now === 'low') log.warn({ status: printer.status }, 'receipt paper near its end');
    if (now === 'out')
      log.warn({ status: printer.status }, 'receipt printer out of service: e-receipts on screen');
    last = now;
    for (const l of listeners) l();
  });

  function state(): PrinterState {
    if (!printer) return 'none';
    if (!canPrint(printer.status)) return 'out';
    return printer.status.paper === 'low' ? 'low' : 'ok';
  }

  return {
    delivery: () => (printer && canPrint(printer.status) ? 'print' : 'screen'),
    printerState: state,
    async issue(layout) {
      const lines = screenLines(layout);
      if (!printer || !canPrint(printer.status)) {
        return {
          lines,
          printed: false,
          failure: printer ? 'printer out of service' : 'no printer',
        };
      }
      const outcome = await printer.print(receiptDocument(layout, printer.paper)).done;
      if (outcome.result === 'printed') return { lines, printed: true, failure: null };
      log.warn(
        { jobId: outcome.jobId, failure: outcome.failure, partial: outcome.partial },
        'receipt not printed: shown as an e-receipt instead',
      );
      return { lines, printed: false, failure: outcome.reason };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
