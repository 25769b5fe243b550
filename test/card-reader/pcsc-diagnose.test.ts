// diagnose() of the PC/SC card reader over the in-process PC/SC emulator: who and where, the
// cards read and unreadable, a card named by the last 4 hex digits of its UID at most,
// reconnects after the reader or pcscd went away, and a bounded ring.
import { afterEach, describe, expect, it } from 'vitest';
import type { CardReader } from '../../drivers/card-reader/card-reader';
import { PcscCardReader } from '../../drivers/card-reader/pcsc-reader';
import { PcscEmulator } from '../../sim/devices/card-reader-emulator';

const READER = 'ACS ACR122U PICC Interface 00 00';
const started: PcscCardReader[] = [];
afterEach(async () => {
  for (const r of started.splice(0)) await r.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function setup(readerName?: string) {
  const pcsc = new PcscEmulator();
  pcsc.addReader(READER);
  const reader = new PcscCardReader({
    pcsc: pcsc.factory,
    retryMs: 20,
    callTimeoutMs: 50,
    ...(readerName ? { readerName } : {}),
  });
  started.push(reader);
  let cards = 0;
  reader.onCard(() => cards++);
  reader.onUnreadable(() => cards++);
  await reader.start();
  await until(() => reader.status === 'online', 'online');
  /** Presents a card, waits for its read, takes it away. */
  const present = async (card: Parameters<PcscEmulator['insertCard']>[1]) => {
    const before = cards;
    pcsc.insertCard(READER, card);
    await until(() => cards === before + 1, 'the read');
    pcsc.removeCard(READER);
  };
  return { pcsc, reader, present };
}

describe('PC/SC diagnose()', () => {
  it('reports the driver, where it looks and the reader in use', async () => {
    const { reader } = await setup('ACR122U');
    const asReader: CardReader = reader;
    expect(asReader.diagnose()).toMatchObject({
      kind: 'cardReader',
      driver: 'pcsc',
      port: 'pcsc:ACR122U',
      model: READER,
      firmware: null,
      status: 'online',
      detail: null,
      counters: { cardsRead: 0, unreadable: 0, removed: 0, reconnects: 0 },
    });
    expect(asReader.diagnose().events.at(-1)?.text).toBe(`using reader ${READER}`);
  });

  it('counts cards read and unreadable, and names a card by 4 hex digits at most', async () => {
    const { reader, present } = await setup();
    await present({ uid: '04a1b2c3d4e5f6' });
    await present({ uid: 'DEADBEEF', refuseWith: '6A81' });
    await present({ uid: 'CAFEF00D' });
    await until(() => reader.diagnose().counters.removed === 3, 'removals');
    const d = reader.diagnose();
    expect(d.counters).toMatchObject({ cardsRead: 2, unreadable: 1, removed: 3 });
    expect(d.events.slice(-3).map((e) => [e.level, e.text])).toEqual([
      ['info', 'card read: UID …E5F6'],
      ['warn', 'card unreadable: card answered SW 6A81'],
      ['info', 'card read: UID …F00D'],
    ]);
    const json = JSON.stringify(d);
    for (const uid of [
      '04A1B2C3D4E5F6',
      'A1B2C3',
      'D4E5F6',
      'DEADBEEF',
      'BEEF',
      'CAFEF00D',
      'FEF00D',
    ])
      expect(json).not.toContain(uid);
  });

  it('counts reconnects after the reader was unplugged and after pcscd came back', async () => {
    const { pcsc, reader } = await setup();
    pcsc.removeReader(READER);
    await until(() => reader.status === 'noDevice', 'noDevice');
    pcsc.addReader(READER);
    await until(() => reader.status === 'online', 'online again');
    pcsc.stopDaemon();
    await until(() => reader.status === 'offline', 'offline');
    pcsc.startDaemon();
    await until(() => reader.status === 'online', 'online after pcscd');
    const d = reader.diagnose();
    expect(d.counters.reconnects).toBe(2);
    const texts = d.events.map((e) => e.text);
    expect(texts).toContain(`noDevice: card reader ${READER} removed`);
    expect(texts.filter((t) => t === 'online again (reconnected)')).toHaveLength(2);
  });

  it('keeps the last 20 events, newest last', async () => {
    const { reader, present } = await setup();
    for (let i = 0; i < 25; i++)
      await present({ uid: `AABBCC${(0x10 + i).toString(16).toUpperCase()}` });
    await until(() => reader.diagnose().counters.removed === 25, 'removals');
    const { events, counters } = reader.diagnose();
    expect(counters.cardsRead).toBe(25);
    expect(events).toHaveLength(20);
    expect(events.at(-1)?.text).toBe('card read: UID …CC28');
  });
});
