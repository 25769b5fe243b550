// diagnose() of both scanner drivers: who and where, status, scans counted, and events that
// say of a scan only its length and class, never its text (it may be a wallet payment code).
import { afterEach, describe, expect, it } from 'vitest';
import { HidPosScanner } from '../../drivers/scanner/hid-pos-scanner';
import { LineScanner } from '../../drivers/scanner/line-scanner';
import { describeScan } from '../../drivers/scanner/scan-summary';
import type { Scanner } from '../../drivers/scanner/scanner';
import type { SerialBinding } from '../../drivers/serial/serial-port';
import { createEmulatorBinding } from '../../sim/devices/emulator-binding';
import { HidScannerEmulator } from '../../sim/devices/hid-scanner-emulator';
import { LineScannerEmulator } from '../../sim/devices/line-scanner-emulator';

const started: Scanner[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await s.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** A WeChat payment code, a bill code and Chinese text: none may show in a diagnosis. */
const SECRETS = ['134567890123456789', 'SGCC:3100123456', '电费账单 3100123456'];

function expectNoScanText(diagnosis: object): void {
  const json = JSON.stringify(diagnosis);
  for (const text of SECRETS) expect(json).not.toContain(text);
  expect(json).not.toContain('3100123456');
  expect(json).not.toContain('567890');
}

let lines = 0;

/** The emulator behind a binding whose cable can be pulled: the open port's read then fails. */
function lineRig() {
  const emulator = new LineScannerEmulator();
  const path = `sim://diag-scanner-${++lines}`;
  const inner = createEmulatorBinding({ [path]: emulator });
  let pull: (err: Error) => void = () => undefined;
  const cable = {
    plugged: true,
    unplug(): void {
      cable.plugged = false;
      pull(new Error('device disconnected'));
    },
  };
  const binding: SerialBinding = {
    list: () => inner.list(),
    async open(options) {
      if (!cable.plugged) throw new Error(`${options.path}: no such device`);
      const port = await inner.open(options);
      const pulled = new Promise<never>((_, reject) => (pull = reject));
      pulled.catch(() => undefined);
      const read = port.read.bind(port);
      port.read = (buffer, offset, length) => Promise.race([read(buffer, offset, length), pulled]);
      return port;
    },
  };
  const scanner = new LineScanner({
    port: { path, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
    binding,
    reconnectMs: 20,
    maxLength: 64,
  });
  started.push(scanner);
  return { emulator, scanner, path, cable };
}

describe('line scanner diagnose()', () => {
  it('reports the driver, its port and status; a line-mode scanner never says what it is', async () => {
    const { scanner, path } = lineRig();
    await scanner.start();
    expect(scanner.diagnose()).toMatchObject({
      kind: 'scanner',
      driver: 'serial-line',
      port: path,
      model: null,
      firmware: null,
      status: 'online',
      detail: null,
      counters: { scans: 0, debounced: 0, overLong: 0, reconnects: 0 },
    });
  });

  it('counts scans and tells of each its length and class, never its text', async () => {
    const { emulator, scanner } = lineRig();
    const scans: string[] = [];
    scanner.on('scan', (t) => scans.push(t));
    await scanner.start();
    for (const text of SECRETS) emulator.scan(text);
    emulator.scan(SECRETS[2] ?? ''); // a double read
    emulator.scan('9'.repeat(100)); // over-long
    await until(() => scanner.diagnose().counters.overLong === 1, 'the over-long read');
    expect(scans).toEqual(SECRETS);
    const d = scanner.diagnose();
    expect(d.counters).toMatchObject({ scans: 3, debounced: 1, overLong: 1 });
    expect(d.events.map((e) => e.text).slice(-4)).toEqual([
      'scan read: 18 characters, digits',
      'scan read: 15 characters, ASCII text',
      'scan read: 15 characters, non-ASCII text',
      'scanner: over-long read dropped',
    ]);
    expectNoScanText(d);
  });

  it('counts a reconnect after the port went away, and keeps the last 20 events', async () => {
    const { emulator, scanner, cable } = lineRig();
    await scanner.start();
    cable.unplug();
    await until(() => scanner.status === 'offline', 'offline');
    await sleep(50);
    cable.plugged = true;
    await until(() => scanner.status === 'online', 'online again');
    expect(scanner.diagnose().counters.reconnects).toBe(1);
    expect(scanner.diagnose().events.map((e) => e.text)).toContain('online again (reconnected)');
    for (let i = 1; i <= 25; i++) emulator.scan('8'.repeat(i));
    await until(() => scanner.diagnose().counters.scans === 25, '25 scans');
    const { events } = scanner.diagnose();
    expect(events).toHaveLength(20);
    expect(events.at(-1)?.text).toBe('scan read: 25 characters, digits');
    expect(events[0]?.text).toBe('scan read: 6 characters, digits');
  });
});

describe('HID POS scanner diagnose()', () => {
  async function hidRig() {
    const emulator = new HidScannerEmulator({
      info: { manufacturer: 'Honeywell', product: 'Xenon 1950g', release: 0x0317 },
    });
    const scanner = new HidPosScanner({
      device: { vendorId: emulator.vendorId, productId: emulator.productId },
      open: emulator.open,
      reconnectMinMs: 10,
      reconnectMaxMs: 40,
    });
    started.push(scanner);
    await scanner.start();
    return { emulator, scanner };
  }

  it('reports the driver, its HID target, the USB product and release', async () => {
    const { scanner } = await hidRig();
    await until(() => scanner.diagnose().model !== null, 'device info');
    expect(scanner.diagnose()).toMatchObject({
      kind: 'scanner',
      driver: 'hid-pos',
      port: '0c2e:0b8f',
      model: 'Honeywell Xenon 1950g',
      firmware: '3.17',
      status: 'online',
      detail: null,
      counters: { scans: 0, reports: 0, malformed: 0, reconnects: 0 },
    });
  });

  it('counts scans and bad reports, tells a scan’s length and class only', async () => {
    const { emulator, scanner } = await hidRig();
    for (const text of SECRETS) emulator.scan(text);
    emulator.sendRaw(Buffer.from([0x02, 0x01])); // a short report
    const d = scanner.diagnose();
    expect(d.counters).toMatchObject({ scans: 3, malformed: 1 });
    expect(d.events.map((e) => e.text).slice(-4)).toEqual([
      `scan read: ${describeScan(SECRETS[0] ?? '')}`,
      'scan read: 15 characters, ASCII text',
      'scan read: 15 characters, non-ASCII text',
      'hid scanner: report dropped',
    ]);
    expectNoScanText(d);
  });

  it('counts a reconnect after an unplug, and keeps the last 20 events', async () => {
    const { emulator, scanner } = await hidRig();
    emulator.unplug();
    await until(() => scanner.status === 'noDevice', 'noDevice');
    emulator.plugIn();
    await until(() => scanner.status === 'online', 'online again');
    const d = scanner.diagnose();
    expect(d.counters.reconnects).toBe(1);
    expect(
      d.events.some((e) => e.level === 'warn' && e.text.startsWith('offline: device lost')),
    ).toBe(true);
    for (let i = 1; i <= 25; i++) emulator.scan('A1'.repeat(i));
    const { events } = scanner.diagnose();
    expect(events).toHaveLength(20);
    expect(events.at(-1)?.text).toBe('scan read: 50 characters, letters and digits');
  });
});
