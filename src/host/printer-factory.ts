// Builds the receipt printer the config names. Like the acceptor, a real printer or an emulator
// on a pty attaches by config alone; sim:// ports get the simulator's in-process binding. The
// bytes go over a serial line or, with `transport: usblp`, a USB printer class device.
import {
  EscPosPrinter,
  UsblpLink,
  type PrinterTransport,
  type ReceiptPrinter,
  type TransportContext,
} from '../../drivers/printer';
import type { SerialBinding } from '../../drivers/serial/serial-port';
import type { PrinterConfig } from '../config/schema';

export interface PrinterSeams {
  binding?: SerialBinding | undefined;
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** The transport for a non-serial printer, or undefined for the driver's own serial link. */
export function printerTransport(
  cfg: PrinterConfig,
): ((context: TransportContext) => PrinterTransport) | undefined {
  if (cfg.transport === 'usblp') return (context) => new UsblpLink({ ...context, path: cfg.port });
  return undefined;
}

export function createPrinter(cfg: PrinterConfig, seams: PrinterSeams = {}): ReceiptPrinter {
  const transport = printerTransport(cfg);
  return new EscPosPrinter({
    ...(transport
      ? { transport }
      : {
          port: {
            path: cfg.port,
            baudRate: cfg.baudRate,
            dataBits: 8,
            parity: 'none',
            stopBits: 1,
          },
          ...(seams.binding ? { binding: seams.binding } : {}),
        }),
    paper: cfg.paper,
    pollIntervalMs: cfg.pollIntervalMs,
    ...(seams.logger ? { logger: seams.logger } : {}),
  });
}
