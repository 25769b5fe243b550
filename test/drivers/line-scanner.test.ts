// The line-mode scanner driver over the real serialport stack, fed by the emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { LineScanner } from '../../drivers/scanner/line-scanner';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { LineScannerEmulator } from '../../sim/devices/line-scanner-emulator';

let scanner: LineScanner | null = null;
afterEach(async () => {
  await scanner?.stop();
  scanner = null;
});

async function setup(path: string, monotonic?: () => number) {
  const emulator = new LineScannerEmulator();
  const binding = createEmulatorBinding({ [path]: emulator });
  const scans: string[] = [];
  scanner = new LineScanner({
    port: { path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
    binding,
    ...(monotonic ? { monotonic } : {}),
  });
  scanner.on('scan', (t) => scans.push(t));
  await scanner.start();
  const settle = () => new Promise((r) => setTimeout(r, 20));
  return { emulator, scans, settle };
}

describe('the line-mode scanner', () => {
  it('reads a scan split across chunks, with CR LF, CR or LF endings', async () => {
    const { emulator, scans, settle } = await setup('sim://scanner-1');
    emulator.scan('SGCC:3100123456', 4);
    await settle();
    emulator.sendRaw('SHGAS:50012345\r');
    emulator.sendRaw('CTSH:13301234567\n');
    await settle();
    expect(scans).toEqual(['SGCC:3100123456', 'SHGAS:50012345', 'CTSH:13301234567']);
    expect(scanner?.status).toBe('online');
  });

  it('reads Chinese text as UTF-8 and trims blanks', async () => {
    const { emulator, scans, settle } = await setup('sim://scanner-2');
    emulator.scan('  电费账单 3100123456  ');
    emulator.scan('   ');
    await settle();
    expect(scans).toEqual(['电费账单 3100123456']);
  });

  it('debounces a double read of the same code, not a later one', async () => {
    let now = 0;
    const { emulator, scans, settle } = await setup('sim://scanner-3', () => now);
    emulator.scan('SGCC:3100123456');
    now = 300;
    emulator.scan('SGCC:3100123456');
    await settle();
    now = 5_000;
    emulator.scan('SGCC:3100123456');
    await settle();
    expect(scans).toEqual(['SGCC:3100123456', 'SGCC:3100123456']);
  });

  it('drops an over-long read and recovers for the next one', async () => {
    const { emulator, scans, settle } = await setup('sim://scanner-4');
    emulator.scan('x'.repeat(2000));
    emulator.scan('SGCC:3100123456');
    await settle();
    expect(scans).toEqual(['SGCC:3100123456']);
  });
});
