// The scanner emulator in the runner: a line scanner driver on the pty's kiosk end receives the
// texts scanned through the runner's control API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LineScanner } from '../../drivers/scanner/line-scanner';
import { CONTROL_PREFIX, ControlReply } from '../../sim/control/protocol';
import { DEVICE_LINES } from '../../sim/devices/pty-devices';
import { EmulatorProcess } from '../crash/cash-emulator';
import { controlInit } from '../support/control-call';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pty-scan-'));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(dir, { recursive: true, force: true });
});

it('delivers a scan from the control API to a line scanner on the pty', async () => {
  const emulator = await EmulatorProcess.start({
    link: path.join(dir, 'scanner'),
    device: 'scanner',
  });
  cleanups.push(() => emulator.stop('SIGTERM'));
  const scanner = new LineScanner({
    port: { path: emulator.ready?.port ?? '', ...DEVICE_LINES.scanner },
  });
  const scanned = new Promise<string>((resolve) => scanner.once('scan', resolve));
  await scanner.start();
  cleanups.push(() => scanner.stop());
  const res = await fetch(
    new URL(`${CONTROL_PREFIX}/scan`, emulator.ready?.controlUrl),
    controlInit(emulator.ready?.controlToken ?? '', { text: 'SGCC:3100123456' }),
  );
  expect(ControlReply.parse(await res.json()).ok).toBe(true);
  await expect(scanned).resolves.toBe('SGCC:3100123456');
}, 40_000);
