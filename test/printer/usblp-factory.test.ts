// The config picks the printer's transport: serial by default, usblp for a USB printer class
// device, which then really goes through the file-based link (here: the host end of a pty pair).
import { afterEach, describe, expect, it } from 'vitest';
import { UsblpLink } from '../../drivers/printer/escpos/usblp-link';
import { attachToPty } from '../../sim/devices/pty-attach';
import { openPtyPair } from '../../sim/devices/pty-pair';
import { PrinterEmulator } from '../../sim/devices/printer-emulator';
import { PrinterConfig } from '../../src/config/schema';
import { createPrinter, printerTransport } from '../../src/host/printer-factory';
import { sampleDocument } from './printer-rig';

const context = {
  responseTimeoutMs: 100,
  reconnectMinMs: 10,
  reconnectMaxMs: 20,
  logger: { info: () => undefined, warn: () => undefined },
  onLost: () => undefined,
};
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('printer transport from config', () => {
  it('is serial unless usblp is named', () => {
    const cfg = PrinterConfig.parse({ driver: 'escpos', port: '/dev/ttyUSB1' });
    expect(cfg.transport).toBe('serial');
    expect(printerTransport(cfg)).toBeUndefined();
    expect(() =>
      PrinterConfig.parse({ driver: 'escpos', port: '/dev/usb/lp0', transport: 'usb' }),
    ).toThrow();
  });

  it('usblp: the usblp link on the configured device', async () => {
    const cfg = PrinterConfig.parse({ driver: 'escpos', port: '/dev/usb/lp0', transport: 'usblp' });
    const link = printerTransport(cfg)?.(context);
    expect(link).toBeInstanceOf(UsblpLink);
    await link?.close();
  });

  it('usblp: createPrinter prints through it', async () => {
    const base = `/tmp/kiosk-usblp-factory-${process.pid}`;
    const pair = await openPtyPair(base, `${base}-emulator`);
    cleanup.push(() => pair.close());
    const emulator = new PrinterEmulator(80);
    const line = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
    const attached = await attachToPty(emulator, { path: pair.devicePath, ...line });
    cleanup.push(() => attached.close());
    const cfg = PrinterConfig.parse({
      driver: 'escpos',
      transport: 'usblp',
      port: pair.hostPath,
      pollIntervalMs: 60_000,
    });
    const printer = createPrinter(cfg);
    cleanup.push(() => printer.stop());
    await printer.start();
    expect(printer.status).toMatchObject({ device: 'online', paper: 'full' });
    const outcome = await printer.print(sampleDocument(80)).done;
    expect(outcome.result).toBe('printed');
    expect(emulator.receipts[0]?.lines).toContain('户号 3100****56');
  });
});
