// The HID POS driver over the emulator's fake device: real report bytes in, scans and device
// status out, through garbage, unplugging and a HID stack that cannot load.
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../drivers/device';
import { HidUnavailableError, nodeHidOpener } from '../../drivers/scanner/hid-device';
import { HidPosScanner, type HidPosScannerOptions } from '../../drivers/scanner/hid-pos-scanner';
import type { Scanner } from '../../drivers/scanner/scanner';
import { HidScannerEmulator, hidPosReports } from '../../sim/devices/hid-scanner-emulator';

const started: HidPosScanner[] = [];
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

async function setup(
  emulator = new HidScannerEmulator(),
  options: Partial<HidPosScannerOptions> = {},
) {
  const s = new HidPosScanner({
    device: { vendorId: emulator.vendorId, productId: emulator.productId },
    open: emulator.open,
    reconnectMinMs: 10,
    reconnectMaxMs: 40,
    ...options,
  });
  started.push(s);
  const scans: string[] = [];
  const statuses: DeviceStatus[] = [];
  // Through the protocol-neutral interface, as the host will hold it.
  const asScanner: Scanner = s;
  asScanner.on('scan', (t) => scans.push(t));
  asScanner.on('status', (st) => statuses.push(st));
  await s.start();
  return { s, emulator, scans, statuses };
}

describe('the HID POS scanner', () => {
  it('reads single-report and multi-report scans, Chinese text included', async () => {
    const { s, emulator, scans } = await setup();
    expect(s.status).toBe('online');
    const long = `https://pay.example/bill?biller=sh-power&account=3100123456&period=2026-09&sig=${'f'.repeat(90)}`;
    emulator.scan('SGCC:3100123456');
    emulator.scan(long);
    emulator.scan(`电费账单 ${'中'.repeat(40)}`);
    expect(scans).toEqual(['SGCC:3100123456', long, `电费账单 ${'中'.repeat(40)}`]);
    expect(s.stats).toMatchObject({ scans: 3, malformed: 0 });
  });

  it('ignores garbage, short and foreign reports with a count, and keeps reading', async () => {
    const { s, emulator, scans } = await setup();
    const [good] = hidPosReports('SGCC:3100123456');
    const impossible = Buffer.alloc(64, 0xff);
    impossible[0] = 0x02;
    emulator.sendRaw(
      Buffer.from([0x02, 0x05]),
      Buffer.alloc(0),
      impossible,
      Buffer.from([0x01, 0x00, 0x04]), // a keyboard-style report of another id
      good ?? Buffer.alloc(0),
    );
    expect(scans).toEqual(['SGCC:3100123456']);
    expect(s.stats).toMatchObject({ reports: 5, malformed: 3, ignored: 1, scans: 1 });
    expect(s.status).toBe('online');
  });

  it('drops empty scans and trims a suffix the scanner adds', async () => {
    const { emulator, scans } = await setup();
    emulator.scan('   ');
    emulator.scan('SGCC:3100123456\r\n');
    expect(scans).toEqual(['SGCC:3100123456']);
  });

  it('goes offline when unplugged, noDevice while away, and online again on replug', async () => {
    const { s, emulator, scans, statuses } = await setup();
    const [first] = hidPosReports('x'.repeat(100)); // half a scan when the cable goes
    emulator.sendRaw(first ?? Buffer.alloc(0));
    emulator.unplug();
    expect(s.status).toBe('offline');
    expect(s.detail).toMatch(/device lost/);
    await until(() => s.status === 'noDevice', 'noDevice');
    expect(emulator.scan('lost')).toBe(false);
    emulator.plugIn();
    await until(() => s.status === 'online', 'online again');
    emulator.scan('SGCC:3100123456');
    expect(scans).toEqual(['SGCC:3100123456']);
    expect(statuses).toEqual(['online', 'offline', 'noDevice', 'online']);
    expect(s.stats.partialsDropped).toBe(1);
    expect(emulator.opens).toBe(2);
  });

  it('starts with noDevice when the scanner is not plugged in, and picks it up later', async () => {
    const emulator = new HidScannerEmulator();
    emulator.unplug();
    const { s } = await setup(emulator);
    expect(s.status).toBe('noDevice');
    expect(s.detail).toMatch(/no HID device 0c2e:0b8f/);
    emulator.plugIn();
    await until(() => s.status === 'online', 'online');
  });

  it('sends Honeywell feature report FE 01 on every open when configured, and only then', async () => {
    const honeywell = new HidScannerEmulator({ needsFeatureReport: true });
    const { emulator, scans } = await setup(honeywell, { honeywell: true });
    expect(emulator.featureReports).toEqual([[0xfe, 0x01]]);
    emulator.scan('SGCC:3100123456');
    emulator.unplug();
    emulator.plugIn();
    await until(() => emulator.featureReports.length === 2, 'the second feature report');
    await until(() => emulator.isOpen, 'reopen');
    expect(emulator.scan('SHGAS:50012345')).toBe(true);
    expect(scans).toEqual(['SGCC:3100123456', 'SHGAS:50012345']);

    const plain = await setup(new HidScannerEmulator());
    expect(plain.emulator.featureReports).toEqual([]);
  });

  it('without the feature report a Honeywell sends nothing: the option matters', async () => {
    const { emulator, scans } = await setup(new HidScannerEmulator({ needsFeatureReport: true }));
    expect(emulator.scan('SGCC:3100123456')).toBe(false);
    expect(scans).toEqual([]);
  });

  it('opens by hidraw path too', async () => {
    const emulator = new HidScannerEmulator({ path: '/dev/hidraw3' });
    const { s } = await setup(emulator, { device: { path: '/dev/hidraw3' } });
    expect(s.status).toBe('online');
  });

  it('survives a scan listener that throws', async () => {
    const { s, emulator, scans } = await setup();
    s.on('scan', () => {
      throw new Error('listener bug');
    });
    emulator.scan('A');
    emulator.scan('B');
    expect(scans).toEqual(['A', 'B']);
    expect(s.status).toBe('online');
  });

  it('reports noDevice with the reason when node-hid cannot load, without retrying', async () => {
    let loads = 0;
    const open = nodeHidOpener(async () => {
      loads++;
      throw new Error('libudev.so.1: cannot open shared object file');
    });
    const { s } = await setup(new HidScannerEmulator(), { open });
    expect(s.status).toBe('noDevice');
    expect(s.detail).toMatch(
      /node-hid cannot load: libudev\.so\.1.*HID POS scanners cannot be used/,
    );
    await sleep(100);
    expect(loads).toBe(1);
  });

  it('tells a binding that fails on first use apart from a missing device', async () => {
    const open = nodeHidOpener(async () => ({
      getHidapiVersion: () => {
        throw new Error('No native build was found');
      },
      HIDAsync: { open: async () => Promise.reject(new Error('unreachable')) },
    }));
    await expect(open({ path: '/dev/hidraw0' })).rejects.toBeInstanceOf(HidUnavailableError);
  });

  it('with the real node-hid, an absent device is noDevice and retried, not a crash', async () => {
    const s = new HidPosScanner({
      device: { vendorId: 0xfffe, productId: 0xfffd },
      reconnectMinMs: 20,
    });
    started.push(s);
    await s.start();
    expect(s.status).toBe('noDevice');
    expect(s.detail).toMatch(/^no HID device fffe:fffd: cannot open device/);
  });
});
