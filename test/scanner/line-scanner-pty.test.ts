// The line-mode scanner as on hardware: the driver opens a real pty with the platform serial
// binding; the emulator sits on the other end of a socat pair. Pulling the cable (socat gone)
// and putting it back (a new pair on the same path) is survived.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LineScanner } from '../../drivers/scanner/line-scanner';
import type { Scanner } from '../../drivers/scanner/scanner';
import { LineScannerEmulator } from '../../sim/devices/line-scanner-emulator';
import { attachToPty } from '../../sim/devices/pty-attach';
import { DEVICE_LINES } from '../../sim/devices/pty-devices';
import { openPtyPair } from '../../sim/devices/pty-pair';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-line-scanner-'));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

const line = DEVICE_LINES.scanner;
const hostPath = path.join(dir, 'scanner');
const devicePath = path.join(dir, 'scanner-emulator');

async function plugIn() {
  const pair = await openPtyPair(hostPath, devicePath);
  cleanups.push(() => pair.close());
  const emulator = new LineScannerEmulator();
  const attached = await attachToPty(emulator, { path: devicePath, ...line });
  cleanups.push(() => attached.close());
  return { pair, emulator, attached };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('reads scans over a socat pty pair and comes back after the pair is replaced', async () => {
  const first = await plugIn();
  const driver = new LineScanner({ port: { path: hostPath, ...line }, reconnectMs: 100 });
  const scanner: Scanner = driver;
  cleanups.push(() => driver.stop());
  const scans: string[] = [];
  scanner.on('scan', (t) => scans.push(t));
  await scanner.start();
  expect(scanner.status).toBe('online');

  first.emulator.scan('SGCC:3100123456', 3);
  first.emulator.scan('电费账单 3100123456');
  await until(() => scans.length === 2, 'two scans');
  expect(scans).toEqual(['SGCC:3100123456', '电费账单 3100123456']);

  await first.attached.close();
  await first.pair.close();
  await until(() => scanner.status === 'offline', 'offline');

  const second = await plugIn();
  await until(() => scanner.status === 'online', 'online again');
  second.emulator.scan('SHGAS:50012345');
  await until(() => scans.length === 3, 'a scan after the replug');
  expect(scans[2]).toBe('SHGAS:50012345');
}, 40_000);
