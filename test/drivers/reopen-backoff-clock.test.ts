// Reopen backoff is timed on the monotonic clock: with the system's wall clock stepped an hour
// back or forward after a failed open, a serial port or usblp device is reopened once the
// backoff has passed — not an hour later, and not at once.
import { rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsblpLink } from '../../drivers/printer/escpos/usblp-link';
import { ReopeningPort } from '../../drivers/serial/reopening-port';
import type { SerialBinding } from '../../drivers/serial/serial-port';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { steppableProcessWallClock } from '../support/stepped-clocks';

const HOUR = 3_600_000;
const BACKOFF_MS = 150;
const quiet = { info: () => undefined, warn: () => undefined };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Reopenable {
  ensureOpen(): Promise<boolean>;
  /** The device appears (plugged in). */
  plug(): void;
  close(): Promise<void>;
}

let n = 0;
const opened: Reopenable[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

function serialPort(): Reopenable {
  const path = `sim://reopen-${process.pid}-${++n}`;
  const emulated = createEmulatorBinding({ [path]: { receive: () => {}, onTransmit: () => {} } });
  let present = false;
  const binding: SerialBinding = {
    list: () => emulated.list(),
    open: (o) => (present ? emulated.open(o) : Promise.reject(new Error('ENOENT: no such port'))),
  };
  const port = new ReopeningPort({
    port: { path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
    binding,
    reconnectMinMs: BACKOFF_MS,
    reconnectMaxMs: BACKOFF_MS,
    logger: quiet,
    name: 'test',
    onData: () => {},
  });
  const device = {
    ensureOpen: () => port.ensureOpen(),
    plug: () => (present = true),
    close: () => port.close(),
  };
  opened.push(device);
  return device;
}

function usblpDevice(): Reopenable {
  const path = `/tmp/kiosk-usblp-reopen-${process.pid}-${++n}`;
  const link = new UsblpLink({
    path,
    responseTimeoutMs: 100,
    reconnectMinMs: BACKOFF_MS,
    reconnectMaxMs: BACKOFF_MS,
    logger: quiet,
    onLost: () => undefined,
  });
  const device = {
    ensureOpen: () => link.ensureOpen(),
    plug: () => writeFileSync(path, ''), // a plain file opens as the character device would
    close: async () => {
      await link.close();
      rmSync(path, { force: true });
    },
  };
  opened.push(device);
  return device;
}

describe.each([
  ['a serial port', serialPort],
  ['a usblp printer', usblpDevice],
])('%s with the wall clock stepped after a failed open', (_name, make) => {
  it('stepped back an hour: reopened once the backoff has passed', async () => {
    const wall = steppableProcessWallClock();
    const device = make();
    expect(await device.ensureOpen()).toBe(false);
    wall.stepWall(-HOUR);
    device.plug();
    await pause(BACKOFF_MS + 50);
    expect(await device.ensureOpen()).toBe(true);
  });

  it('stepped forward an hour: not reopened before the backoff has passed', async () => {
    const wall = steppableProcessWallClock();
    const device = make();
    expect(await device.ensureOpen()).toBe(false);
    wall.stepWall(HOUR);
    device.plug();
    expect(await device.ensureOpen()).toBe(false);
    await pause(BACKOFF_MS + 50);
    expect(await device.ensureOpen()).toBe(true);
  });
});
