// Plugs an emulator into its end of a pty pair through the real serialport stack (raw, as a
// device sits on its line): bytes the host writes go to receive(), whatever the emulator
// transmits goes back on the wire.
import { openSerialPort, type SerialOptions } from '../../drivers/serial/serial-port';
import type { EmulatedDevice } from './emulator-binding';

export interface Attached {
  /** Resolves when the port closes (socat went away, or close()). */
  closed: Promise<void>;
  close(): Promise<void>;
}

export async function attachToPty(
  device: EmulatedDevice,
  line: SerialOptions,
  hooks: {
    /** After each chunk the emulator received (its state may have moved on). */
    afterReceive?(): void;
    onError?(err: Error): void;
  } = {},
): Promise<Attached> {
  const port = await openSerialPort(line);
  const closed = new Promise<void>((resolve) => port.once('close', () => resolve()));
  port.on('data', (bytes: Buffer) => {
    device.receive(bytes);
    hooks.afterReceive?.();
  });
  port.on('error', (err: Error) => hooks.onError?.(err));
  device.onTransmit((bytes) => {
    if (port.isOpen) port.write(Buffer.from(bytes));
  });
  return {
    closed,
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}
