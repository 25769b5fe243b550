// Test rig: the ESC/POS driver ↔ real SerialPortStream ↔ emulator binding ↔ printer emulator,
// with a tap on what the host wrote and a cable that can be pulled.
import { afterEach } from 'vitest';
import type { PrintDocument } from '../../drivers/printer/document';
import { EscPosPrinter, type EscPosPrinterOptions } from '../../drivers/printer/escpos-printer';
import type { PrinterStatus } from '../../drivers/printer/printer';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { PrinterEmulator } from '../../sim/devices/printer-emulator';
import { sleep, waitUntil, withPullableCable } from '../support/pullable-cable';

const running = new Set<EscPosPrinter>();
afterEach(async () => {
  await Promise.all([...running].map((p) => p.stop()));
  running.clear();
});

export { sleep };

export function waitFor(what: string, check: () => boolean, timeoutMs = 3000): Promise<void> {
  return waitUntil(what, check, timeoutMs);
}

let rigs = 0;

export function printerRig(
  paper: 58 | 80 = 80,
  options: Partial<Omit<EscPosPrinterOptions, 'port' | 'binding' | 'paper'>> = {},
) {
  const emulator = new PrinterEmulator(paper);
  const path = `sim://printer-rig-${++rigs}`;
  const written: Buffer[] = [];
  const { binding, cable } = withPullableCable(
    createEmulatorBinding({
      [path]: {
        receive: (bytes) => {
          written.push(Buffer.from(bytes));
          emulator.receive(bytes);
        },
        onTransmit: (cb) => emulator.onTransmit(cb),
      },
    }),
  );
  const printer = new EscPosPrinter({
    port: { path },
    binding,
    paper,
    responseTimeoutMs: 60,
    pollIntervalMs: 0,
    afterJobWaitMs: 0,
    reconnectMinMs: 20,
    reconnectMaxMs: 40,
    ...options,
  });
  running.add(printer);
  const statuses: PrinterStatus[] = [];
  printer.onStatus((s) => statuses.push(s));
  return {
    emulator,
    printer,
    cable,
    statuses,
    /** How many jobs reached the printer (each opens with ESC @). */
    jobsSent: () => Buffer.concat(written).toString('latin1').split('\x1b@').length - 1,
  };
}

export const sampleDocument = (paper: 58 | 80 = 80): PrintDocument => ({
  paper,
  copy: false,
  copyMark: '重印 / 副本 COPY',
  ops: [
    { op: 'text', text: '缴费凭证', align: 'center', bold: true, double: true },
    { op: 'text', text: '户号 3100****56' },
    { op: 'text', text: '实收金额 300.00元', bold: true },
    { op: 'qr', data: 'https://verify.example/r?s=SH-1', moduleSize: 6, ec: 'M', align: 'center' },
    { op: 'text', text: '请妥善保管本凭证' },
  ],
});
