// The PC/SC card reader over the in-process PC/SC emulator: cards in and out, read failures,
// readers unplugged, pcscd stopping and coming back, a missing pcsclite.
import { afterEach, describe, expect, it } from 'vitest';
import type { Card, CardReadFailure } from '../../drivers/card-reader/card-reader';
import { loadPcsclite } from '../../drivers/card-reader/pcsc-seam';
import { PcscCardReader, type PcscCardReaderOptions } from '../../drivers/card-reader/pcsc-reader';
import type { DeviceStatus } from '../../drivers/device';
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

async function setup(options: Partial<PcscCardReaderOptions> = {}, pcsc = new PcscEmulator()) {
  const reader = new PcscCardReader({ pcsc: pcsc.factory, retryMs: 20, ...options });
  started.push(reader);
  const log: (string | Card | CardReadFailure)[] = [];
  const statuses: DeviceStatus[] = [];
  reader.onCard((card) => log.push(card));
  reader.onRemoved(() => log.push('removed'));
  reader.onUnreadable((failure) => log.push(failure));
  reader.onStatus((s) => statuses.push(s));
  await reader.start();
  return { reader, pcsc, log, statuses };
}

describe('the PC/SC card reader', () => {
  it('reads the UID of a presented card with FF CA 00 00 00, and reports it taken away', async () => {
    const pcsc = new PcscEmulator();
    pcsc.addReader(READER);
    const { reader, log } = await setup({}, pcsc);
    await until(() => reader.status === 'online', 'online');
    const card = pcsc.insertCard(READER, { uid: '04a1b2c3d4e5f6' });
    await until(() => log.length === 1, 'a card');
    expect(log[0]).toEqual({
      uid: '04A1B2C3D4E5F6',
      atr: '3B8F8001804F0CA000000306030001000000006A',
    });
    expect(card.apdus).toEqual(['FFCA000000']);
    pcsc.removeCard(READER);
    await until(() => log.length === 2, 'removal');
    expect(log[1]).toBe('removed');
    await sleep(20);
    expect(log).toHaveLength(2); // our own connect/disconnect is not taken for a new card
  });

  it('reports a card already in the reader at start', async () => {
    const pcsc = new PcscEmulator();
    pcsc.addReader(READER);
    pcsc.insertCard(READER, { uid: '11223344' });
    const { log } = await setup({}, pcsc);
    await until(() => log.length === 1, 'a card');
    expect(log[0]).toMatchObject({ uid: '11223344' });
  });

  it('reports unreadable cards with the reason, and their removal', async () => {
    const pcsc = new PcscEmulator();
    pcsc.addReader(READER);
    const { reader, log } = await setup({ callTimeoutMs: 50 }, pcsc);
    const cases = [
      [{ uid: '11223344', refuseWith: '6A81' }, 'card answered SW 6A81'],
      [{ uid: '11223344', mute: true }, 'card does not answer (mute)'],
      [{ uid: '11223344', connectError: 'Card is unpowered' }, 'connect: Card is unpowered'],
      [{ uid: '11223344', transmitError: 'Transaction failed' }, 'transmit: Transaction failed'],
      [{ uid: '11223344', silent: true }, 'transmit: no answer'],
      [{ uid: '1122' }, 'UID of 2 bytes'],
    ] as const;
    for (const [card, reason] of cases) {
      log.length = 0;
      pcsc.insertCard(READER, card);
      await until(() => log.length === 1, reason);
      expect(log[0]).toMatchObject({ reason });
      pcsc.removeCard(READER);
      await until(() => log.length === 2, 'removal');
      expect(log[1]).toBe('removed');
    }
    expect(reader.status).toBe('online');
  });

  it('drops a read that finishes after the card was taken away', async () => {
    const pcsc = new PcscEmulator();
    pcsc.addReader(READER);
    const { log } = await setup({ callTimeoutMs: 100 }, pcsc);
    pcsc.insertCard(READER, { uid: '11223344', silent: true });
    await sleep(20);
    pcsc.removeCard(READER);
    await sleep(150);
    expect(log).toEqual(['removed']);
  });

  it('follows the reader being unplugged and plugged in again', async () => {
    const pcsc = new PcscEmulator();
    pcsc.addReader(READER);
    const { reader, log, statuses } = await setup({}, pcsc);
    pcsc.insertCard(READER, { uid: '11223344' });
    await until(() => log.length === 1, 'a card');
    pcsc.removeReader(READER);
    await until(() => reader.status === 'noDevice', 'noDevice');
    expect(reader.detail).toBe(`card reader ${READER} removed`);
    expect(log[1]).toBe('removed');
    pcsc.addReader(READER);
    await until(() => reader.status === 'online', 'online again');
    pcsc.insertCard(READER, { uid: '55667788' });
    await until(() => log.length === 3, 'a card after replug');
    expect(log[2]).toMatchObject({ uid: '55667788' });
    expect(statuses).toEqual(['noDevice', 'online', 'noDevice', 'online']);
  });

  it('uses the reader named in config, and another one when the first goes', async () => {
    const pcsc = new PcscEmulator();
    pcsc.addReader('Generic Smart Card Reader 00 00');
    pcsc.addReader(READER);
    const named = await setup({ readerName: 'ACR122U' }, pcsc);
    pcsc.insertCard('Generic Smart Card Reader 00 00', { uid: 'AAAAAAAA' });
    pcsc.insertCard(READER, { uid: 'BBBBBBBB' });
    await until(() => named.log.length === 1, 'a card');
    await sleep(20);
    expect(named.log).toEqual([expect.objectContaining({ uid: 'BBBBBBBB' })]);

    const any = await setup({}, pcsc);
    await until(() => any.log.length === 1, 'the first reader’s card');
    expect(any.log[0]).toMatchObject({ uid: 'AAAAAAAA' });
    pcsc.removeReader('Generic Smart Card Reader 00 00');
    await until(() => any.log.length === 3, 'removal and the other reader’s card');
    expect(any.log.slice(1)).toEqual(['removed', expect.objectContaining({ uid: 'BBBBBBBB' })]);
    expect(any.reader.status).toBe('online');
  });

  it('waits for pcscd, loses it, and reconnects when it is back', async () => {
    const pcsc = new PcscEmulator();
    pcsc.stopDaemon();
    pcsc.addReader('Other Reader 00 00'); // not ours, but its errors must be handled too
    pcsc.addReader(READER);
    const { reader, log } = await setup({ readerName: 'ACR122U' }, pcsc);
    expect(reader.status).toBe('noDevice');
    expect(reader.detail).toMatch(/^PC\/SC service unavailable: SCardEstablishContext/);
    pcsc.startDaemon();
    await until(() => reader.status === 'online', 'online');
    pcsc.insertCard(READER, { uid: '11223344' });
    await until(() => log.length === 1, 'a card');

    pcsc.stopDaemon();
    await until(() => reader.status !== 'online', 'the loss');
    expect(reader.detail).toMatch(/PC\/SC service (lost|unavailable)/);
    expect(log[1]).toBe('removed');
    await sleep(60); // retries while pcscd is away
    expect(reader.status).toBe('noDevice');
    pcsc.startDaemon();
    await until(() => reader.status === 'online', 'online again');
    expect(pcsc.contextsOpened).toBe(2);
  });

  it('reports noDevice for good when pcsclite cannot load', async () => {
    let loads = 0;
    const { reader } = await setup({
      pcsc: () => {
        loads++;
        return loadPcsclite(() => {
          throw new Error("Cannot find module 'pcsclite'");
        })();
      },
    });
    expect(reader.status).toBe('noDevice');
    expect(reader.detail).toBe(
      "pcsclite cannot load: Cannot find module 'pcsclite'; card readers cannot be used",
    );
    await sleep(60);
    expect(loads).toBe(1);
  });

  it('keeps reporting when a listener throws', async () => {
    const pcsc = new PcscEmulator();
    pcsc.addReader(READER);
    const { reader, log } = await setup({}, pcsc);
    reader.onCard(() => {
      throw new Error('listener bug');
    });
    pcsc.insertCard(READER, { uid: '11223344' });
    await until(() => log.length === 1, 'a card');
    pcsc.removeCard(READER);
    pcsc.insertCard(READER, { uid: '55667788' });
    await until(() => log.length === 3, 'the next card');
  });

  it('stops listening on unsubscribe and on stop', async () => {
    const pcsc = new PcscEmulator();
    pcsc.addReader(READER);
    const { reader, log } = await setup({}, pcsc);
    const other: Card[] = [];
    const off = reader.onCard((c) => other.push(c));
    off();
    await reader.stop();
    expect(reader.status).toBe('offline');
    pcsc.insertCard(READER, { uid: '11223344' });
    await sleep(20);
    expect([log, other]).toEqual([[], []]);
  });
});
