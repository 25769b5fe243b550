// The devices an emulator can play, by name, with the serial line each speaks: the launcher
// builds its in-process acceptor here and the pty runner (run-emulator.ts) its external one.
import type { SerialOptions } from '../../drivers/serial/serial-port';
import { ACCEPTOR_LINES } from '../../src/host/bill-acceptor-factory';
import type { AcceptorEmulator, AcceptorProtocol } from './acceptor-emulator';
import { Id003Emulator } from './id003-emulator';
import { SspEmulator } from './ssp-emulator';

export const PTY_DEVICES = ['id003', 'ssp', 'scanner'] as const;
export type PtyDevice = (typeof PTY_DEVICES)[number];

/** The line of each device; the scanner's is its USB-serial bridge's default. */
export const DEVICE_LINES: Readonly<Record<PtyDevice, Omit<SerialOptions, 'path'>>> = {
  ...ACCEPTOR_LINES,
  scanner: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
};

export function createAcceptorEmulator(protocol: AcceptorProtocol): AcceptorEmulator {
  switch (protocol) {
    case 'id003':
      return new Id003Emulator();
    case 'ssp':
      return new SspEmulator();
  }
}
