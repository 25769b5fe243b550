// The ESC/POS driver over the usblp transport: the host end of a socat pty pair is opened as a
// plain file (O_RDWR | O_NONBLOCK, read/write, no serialport), exactly as /dev/usb/lp0 would be;
// the printer emulator sits on the other end through serialport, as pty-attach does.
import { afterEach, describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer';
import { UsblpLink } from '../../drivers/printer/escpos/usblp-link';
import { attachToPty, type Attached } from '../../sim/devices/pty-attach';
import { openPtyPair, type PtyPair } from '../../sim/devices/pty-pair';
import { PrinterEmulator } from '../../sim/devices/printer-emulator';
import { paymentReceipt } from '../../src/receipts/receipt-text';
import { receiptDocument } from '../../src/receipts/render-document';
import { paperLines } from '../../src/receipts/render-text';
import { paidInput } from '../receipts/fixtures';
import { waitFor } from './printer-rig';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

let n = 0;
async function rig(pollIntervalMs = 0) {
  const base = `/tmp/kiosk-usblp-${process.pid}-${++n}`;
  const plug = async () => {
    const pair: PtyPair = await openPtyPair(base, `${base}-emulator`);
    cleanup.push(() => pair.close());
    const emulator = new PrinterEmulator(80);
    const attached: Attached = await attachToPty(emulator, { path: pair.devicePath, ...LINE });
    cleanup.push(() => attached.close());
    return { pair, emulator, attached };
  };
  const links: UsblpLink[] = [];
  const warnings: string[] = [];
  const printer = new EscPosPrinter({
    transport: (context) => {
      const link = new UsblpLink({ ...context, path: base });
      links.push(link);
      return link;
    },
    paper: 80,
    pollIntervalMs,
    afterJobWaitMs: 50,
    responseTimeoutMs: 300,
    reconnectMinMs: 50,
    reconnectMaxMs: 100,
    logger: { info: () => undefined, warn: (_obj, msg) => warnings.push(msg) },
  });
  cleanup.push(() => printer.stop());
  return { plug, printer, links, warnings };
}

describe('the printer over the usblp transport', () => {
  it('prints the paid receipt and reads DLE EOT status through the character device', async () => {
    const { plug, printer, links } = await rig();
    const { emulator } = await plug();
    await printer.start();
    expect(links).toHaveLength(1);
    expect(links[0]?.isOpen).toBe(true);
    expect(printer.status).toMatchObject({ device: 'online', paper: 'full' });

    const layout = paymentReceipt(paidInput);
    const outcome = await printer.print(receiptDocument(layout, 80)).done;
    expect(outcome.result).toBe('printed');
    expect(emulator.receipts).toHaveLength(1);
    expect(emulator.receipts[0]?.lines).toEqual(paperLines(layout, 80));
    expect(emulator.receipts[0]?.complete).toBe(true);
    expect(emulator.unknownCommands).toBe(0);

    emulator.inject('paperOut');
    const refused = await printer.print(receiptDocument(layout, 80)).done;
    expect(refused).toMatchObject({ result: 'failed', failure: 'paperOut', partial: false });
    expect(refused.status).toMatchObject({ device: 'userError', paper: 'out' });
    expect(emulator.receipts).toHaveLength(1); // nothing was sent

    emulator.repair();
    emulator.inject('nearEnd');
    const low = await printer.print(receiptDocument(layout, 80)).done;
    expect(low).toMatchObject({ result: 'printed', status: { paper: 'low' } });
    expect(emulator.receipts).toHaveLength(2);
  });

  it('a silent printer reads as offline, without a late reply being taken for the next', async () => {
    const { plug, printer } = await rig();
    const { emulator } = await plug();
    emulator.offline = true;
    await printer.start();
    expect(printer.status).toMatchObject({ device: 'offline', detail: 'no reply to DLE EOT 1' });
    emulator.repair();
    const outcome = await printer.print(receiptDocument(paymentReceipt(paidInput), 80)).done;
    expect(outcome.result).toBe('printed');
  });

  it('unplugged: the printer goes offline without a throw, and comes back when replugged', async () => {
    const { plug, printer, warnings } = await rig(100);
    const first = await plug();
    await printer.start();
    expect(printer.status.device).toBe('online');

    await first.pair.close(); // socat gone: the device's I/O fails (EIO), its path disappears
    await first.attached.closed;
    await waitFor('the idle poll to notice', () => printer.status.device === 'offline');
    expect(warnings).toContain('printer: usblp device lost, will reopen');

    const layout = paymentReceipt(paidInput);
    const lost = await printer.print(receiptDocument(layout, 80)).done;
    expect(lost).toMatchObject({ result: 'failed', failure: 'offline', partial: false });
    // Still gone: the reopen fails and backs off.
    await waitFor('a failed reopen', () => warnings.includes('printer: cannot open usblp device'));

    const second = await plug();
    await waitFor('the reopen', () => printer.status.device === 'online', 5_000);
    const back = await printer.print(receiptDocument(layout, 80)).done;
    expect(back.result).toBe('printed');
    expect(second.emulator.receipts[0]?.lines).toEqual(paperLines(layout, 80));
  });

  it('a device that cannot be opened is offline, and the open is retried with backoff', async () => {
    const link = new UsblpLink({
      path: `/tmp/kiosk-usblp-missing-${process.pid}`,
      responseTimeoutMs: 100,
      reconnectMinMs: 10_000,
      reconnectMaxMs: 20_000,
      logger: { info: () => undefined, warn: () => undefined },
      onLost: () => undefined,
    });
    expect(await link.ensureOpen()).toBe(false);
    expect(await link.ensureOpen()).toBe(false); // inside the backoff: not even tried
    expect(await link.query(Buffer.from([0x10, 0x04, 1]))).toBe('down');
    expect(await link.write(Buffer.from('x'))).toBe(false);
    await link.close();
  });
});
