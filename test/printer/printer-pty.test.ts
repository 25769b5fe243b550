// The same driver and emulator on a socat pty pair, as with a printer on a real serial line:
// the platform serialport binding on the host side, raw bytes both ways.
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer';
import { attachToPty, type Attached } from '../../sim/devices/pty-attach';
import { openPtyPair, type PtyPair } from '../../sim/devices/pty-pair';
import { PrinterEmulator } from '../../sim/devices/printer-emulator';
import { paymentReceipt } from '../../src/receipts/receipt-text';
import { receiptDocument } from '../../src/receipts/render-document';
import { paperLines } from '../../src/receipts/render-text';
import { paidInput } from '../receipts/fixtures';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('the printer on a pty pair', () => {
  it('prints the paid receipt and reads status over the line', async () => {
    const base = `/tmp/kiosk-printer-${process.pid}`;
    const pair: PtyPair = await openPtyPair(base, `${base}-emulator`);
    cleanup.push(() => pair.close());
    const emulator = new PrinterEmulator(80);
    const attached: Attached = await attachToPty(emulator, { path: pair.devicePath, ...LINE });
    cleanup.push(() => attached.close());
    const printer = new EscPosPrinter({
      port: { path: pair.hostPath, ...LINE },
      paper: 80,
      pollIntervalMs: 0,
      afterJobWaitMs: 50,
    });
    cleanup.push(() => printer.stop());
    await printer.start();
    expect(printer.status).toMatchObject({ device: 'online', paper: 'full' });

    const layout = paymentReceipt(paidInput);
    const outcome = await printer.print(receiptDocument(layout, 80)).done;
    expect(outcome.result).toBe('printed');
    expect(emulator.receipts[0]?.lines).toEqual(paperLines(layout, 80));

    emulator.inject('paperOut');
    const refused = await printer.print(receiptDocument(layout, 80)).done;
    expect(refused).toMatchObject({ result: 'failed', failure: 'paperOut', partial: false });
  });
});
