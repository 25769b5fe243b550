// The control API's side of the emulated receipt printer: faults (now, or after some rows of the
// next job), repair, and the receipts it has printed (text, and the last one as a PNG).
import type { z } from 'zod';
import type { PrinterFaultBody, PrinterState } from './control/printer-protocol';
import type { ControlReply } from './control/protocol';
import type { PrinterEmulator } from './devices/printer-emulator';

export class PrinterControl {
  constructor(readonly emulator: PrinterEmulator) {}

  setFault(body: z.infer<typeof PrinterFaultBody>): ControlReply {
    if (body.fault === null) {
      this.emulator.repair();
      return { ok: true, message: 'printer repaired' };
    }
    if (body.afterRows) {
      this.emulator.injectAfterRows(body.afterRows, body.fault);
      return { ok: true, message: `${body.fault} after ${body.afterRows} rows of the next job` };
    }
    this.emulator.inject(body.fault);
    return { ok: true, message: `${body.fault} now` };
  }

  state(): PrinterState {
    const e = this.emulator;
    const last = e.receipts.at(-1);
    return {
      paper: e.paper,
      coverOpen: e.coverOpen,
      cutterError: e.cutterError,
      offline: e.offline,
      receipts: e.receipts.length,
      last: last ? { lines: last.lines, complete: last.complete } : null,
    };
  }

  /** The last receipt as the paper shows it, or null before the first. */
  lastPng(): Buffer | null {
    return this.emulator.receipts.at(-1)?.png() ?? null;
  }
}
