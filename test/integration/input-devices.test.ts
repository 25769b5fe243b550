// The scanner and the card reader as the config names them, in the running host: a HID POS
// scanner and a PC/SC card reader (both emulated behind sim:// addresses) lead a customer to
// their bills exactly as the line-mode scanner does; an unknown card gets a clear problem.
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/api/kiosk-api';
import { KioskConfig } from '../../src/config/schema';
import { createScanner, hidTarget } from '../../src/host/input-devices';
import type { CardDirectoryConfig } from '../../src/service/card-directory';
import type { PeopleConfig } from '../../src/service/people';
import { HidPosScanner } from '../../drivers/scanner/hid-pos-scanner';
import { LineScanner } from '../../drivers/scanner/line-scanner';
import { startTestKiosk, type TestKioskHandle } from '../support/kiosk-fixture';

let kiosk: TestKioskHandle | null = null;
afterEach(async () => {
  await kiosk?.stop();
  kiosk = null;
});

async function screenOf(k: TestKioskHandle, name: Snapshot['screen']['name']): Promise<Snapshot> {
  const end = Date.now() + 10_000;
  for (;;) {
    const s = k.host.latest();
    if (s.screen.name === name) return s;
    if (Date.now() > end) throw new Error(`screen ${s.screen.name}, waiting for ${name}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const CARDS: CardDirectoryConfig = [
  { uid: '04A1B2C3D4E5F6', kind: 'account', billerId: 'sh-power', account: '3100123456' },
];
const PEOPLE: PeopleConfig = [
  { staffNumber: '1001', name: '王*', role: 'staff', cardUid: '04C0FFEE000001' },
];

describe('input devices from config', () => {
  it('usb:VVVV:PPPP names a HID device by ids; anything else is a path', () => {
    expect(hidTarget('usb:0c2e:0B61')).toEqual({ vendorId: 0x0c2e, productId: 0x0b61 });
    expect(hidTarget('/dev/hidraw3')).toEqual({ path: '/dev/hidraw3' });
  });

  it('the scanner driver follows the config', () => {
    expect(
      createScanner({ driver: 'serial-line', port: '/dev/ttyACM0', pollIntervalMs: 200 }),
    ).toBeInstanceOf(LineScanner);
    expect(
      createScanner({ driver: 'hid-pos', port: 'usb:0c2e:0b61', honeywell: true }),
    ).toBeInstanceOf(HidPosScanner);
  });

  it('refuses a HID address that is neither ids, a path nor sim://, naming the key', () => {
    const r = KioskConfig.shape.devices.safeParse({
      billAcceptor: { driver: 'id003', port: 'sim://a' },
      scanner: { driver: 'hid-pos', port: 'usb:zz' },
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('usb:VVVV:PPPP');
  });

  it('a bill scanned by a HID POS scanner opens its bills', async () => {
    kiosk = await startTestKiosk({
      devices: {
        billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor', pollIntervalMs: 100 },
        scanner: { driver: 'hid-pos', port: 'sim://scanner', honeywell: false },
      },
    } as Partial<KioskConfig>);
    const k = kiosk;
    await expect.poll(() => k.hidScanner.isOpen).toBe(true); // the driver opened the device
    expect(kiosk.hidScanner.scan('SGCC:3100123456')).toBe(true);
    const s = await screenOf(kiosk, 'bills');
    expect(s.screen).toMatchObject({
      biller: { id: 'sh-power' },
      quote: { account: '3100123456' },
    });
  });

  it('an account card opens its bills; an unknown card is told plainly', async () => {
    kiosk = await startTestKiosk({
      devices: {
        billAcceptor: { driver: 'id003', port: 'sim://bill-acceptor', pollIntervalMs: 100 },
        cardReader: { driver: 'pcsc', reader: 'sim://card-reader', retryMs: 200, cards: CARDS },
      },
      people: PEOPLE,
    } as Partial<KioskConfig>);
    await new Promise((r) => setTimeout(r, 300));
    kiosk.cards.set('04A1B2C3D4E5F6');
    const s = await screenOf(kiosk, 'bills');
    expect(s.screen).toMatchObject({ quote: { account: '3100123456' } });
    kiosk.cards.set(null);
    kiosk.host.send({ type: 'CANCEL' });
    await screenOf(kiosk, 'attract');

    kiosk.cards.set('0499999999');
    const p = await screenOf(kiosk, 'problem');
    expect(p.screen).toMatchObject({ name: 'problem', problem: 'card_not_recognised' });
    kiosk.host.send({ type: 'DONE' });
    await screenOf(kiosk, 'attract');

    // A staff card is recognised (and logged); it does not start a customer session.
    kiosk.cards.set('04C0FFEE000001');
    await new Promise((r) => setTimeout(r, 500));
    expect(kiosk.host.latest().screen.name).toBe('attract');
  });
});
