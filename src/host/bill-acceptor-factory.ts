// Builds the bill-acceptor driver the config names, on its protocol's serial line. The host sees
// acceptors only through BillAcceptor, so a real device, an emulator on a pty or an in-process
// emulator (the binding seam) attaches by config alone.
import {
  Id003BillAcceptor,
  SspBillAcceptor,
  type BillAcceptor,
  type DriverLogger,
} from '../../drivers/bill-acceptor';
import type { SerialBinding, SerialOptions } from '../../drivers/serial/serial-port';
import type { BillAcceptorConfig } from '../config/schema';

/** Each protocol's line, as its specification fixes it. */
export const ACCEPTOR_LINES = {
  id003: { baudRate: 9600, dataBits: 8, parity: 'even', stopBits: 1 },
  ssp: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 2 },
} as const satisfies Record<BillAcceptorConfig['driver'], Omit<SerialOptions, 'path'>>;

export interface AcceptorSeams {
  /** The serial binding; undefined means the platform's (a device path or a pty). */
  binding?: SerialBinding | undefined;
  logger?: DriverLogger;
}

export function createBillAcceptor(
  cfg: BillAcceptorConfig,
  seams: AcceptorSeams = {},
): BillAcceptor {
  // The schema admits only known drivers; this guards a config that did not pass through it.
  if (!Object.hasOwn(ACCEPTOR_LINES, cfg.driver)) {
    throw new Error(
      `devices.billAcceptor.driver ${JSON.stringify(cfg.driver)}: no such driver (${Object.keys(ACCEPTOR_LINES).join(', ')})`,
    );
  }
  const options = {
    port: { path: cfg.port, ...ACCEPTOR_LINES[cfg.driver] },
    pollIntervalMs: cfg.pollIntervalMs,
    ...(seams.binding ? { binding: seams.binding } : {}),
    ...(seams.logger ? { logger: seams.logger } : {}),
  };
  switch (cfg.driver) {
    case 'id003':
      return new Id003BillAcceptor(options);
    case 'ssp':
      return new SspBillAcceptor(options);
  }
}
