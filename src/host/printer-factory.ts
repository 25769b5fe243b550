// Builds the receipt printer the config names. Like the acceptor, a real printer or an emulator
// on a pty attaches by config alone; sim:// ports get the simulator's in-process binding.
import { EscPosPrinter } from '../../drivers/printer/escpos-printer';
import type { ReceiptPrinter } from '../../drivers/printer/printer';
import type { SerialBinding } from '../../drivers/serial/serial-port';
import type { PrinterConfig } from '../config/schema';

export interface PrinterSeams {
  binding?: SerialBinding | undefined;
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export function createPrinter(cfg: PrinterConfig, seams: PrinterSeams = {}): ReceiptPrinter {
  return new EscPosPrinter({
    port: { path: cfg.port, baudRate: cfg.baudRate, dataBits: 8, parity: 'none', stopBits: 1 },
    paper: cfg.paper,
    pollIntervalMs: cfg.pollIntervalMs,
    ...(seams.binding ? { binding: seams.binding } : {}),
    ...(seams.logger ? { logger: seams.logger } : {}),
  });
}
