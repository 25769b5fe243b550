// The card reader on the real stack: pcsclite → pcscd → vsmartcard's vpcd reader driver, with
// a card played by sim/devices/vpcd-card.ts (and one by vpicc's own `vicc`). Needs the Debian
// packages pcscd, libpcsclite-dev (to build pcsclite) and vsmartcard-vpcd; the vicc case also
// vsmartcard-vpicc, python3-virtualsmartcard and python3-pycryptodome. Skipped where they are
// missing, except in CI, where a missing piece fails the test.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card, CardReadFailure } from '../../drivers/card-reader/card-reader';
import { PcscCardReader } from '../../drivers/card-reader/pcsc-reader';
import { VpcdCard } from '../../sim/devices/vpcd-card';
import { PcscdRig, pcscStackMissing } from './pcscd-rig';

const inCi = Boolean(process.env['CI']);
const missing = pcscStackMissing();
if (missing && !inCi) console.warn(`skipping the pcscd + vpcd tests: ${missing}`);

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(missing !== null && !inCi)('the PC/SC card reader on pcscd + vpcd', () => {
  const rig = new PcscdRig();
  let reader: PcscCardReader;
  const log: (Card | CardReadFailure | 'removed')[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`the PC/SC stack is required in CI: ${missing}`);
    await rig.configure();
    await rig.start();
    reader = new PcscCardReader({ readerName: 'Virtual PCD 00 00', retryMs: 200 });
    reader.onCard((c) => log.push(c));
    reader.onRemoved(() => log.push('removed'));
    reader.onUnreadable((f) => log.push(f));
    await reader.start();
    await until(() => reader.status === 'online', 'the vpcd reader');
  });
  afterAll(async () => {
    await reader?.stop();
    await rig.dispose();
  });

  it('reads the UID of a card through pcscd, and sees it taken away', async () => {
    log.length = 0;
    const card = new VpcdCard({ uid: '04A1B2C3D4E5F6' });
    await card.insert(rig.port);
    await until(() => log.length === 1, 'the card');
    expect(log[0]).toEqual({
      uid: '04A1B2C3D4E5F6',
      atr: '3B8F8001804F0CA000000306030001000000006A',
    });
    expect(card.card.apdus).toEqual(['FFCA000000']);
    await card.remove();
    await until(() => log.length === 2, 'the removal');
    expect(log[1]).toBe('removed');
  });

  it('reports a card that refuses GET DATA as unreadable', async () => {
    log.length = 0;
    const card = new VpcdCard({ uid: '11223344', refuseWith: '6A81' });
    await card.insert(rig.port);
    await until(() => log.length === 1, 'the failure');
    expect(log[0]).toMatchObject({ reason: 'card answered SW 6A81' });
    await card.remove();
    await until(() => log.length === 2, 'the removal');
  });

  it('loses pcscd, and reads cards again once it is back', async () => {
    log.length = 0;
    await rig.stop();
    await until(() => reader.status !== 'online', 'the loss');
    expect(reader.detail).toMatch(/PC\/SC service (lost|unavailable)/);
    await rig.start();
    await until(() => reader.status === 'online', 'the reader again');
    const card = new VpcdCard({ uid: '55667788' });
    await card.insert(rig.port);
    await until(() => log.length === 1, 'the card');
    expect(log[0]).toMatchObject({ uid: '55667788' });
    await card.remove();
    await until(() => log.length === 2, 'the removal');
  });

  it("survives vpicc's ISO 7816 card, which has no UID to give", async (ctx) => {
    const env = rig.viccEnv();
    if (!env) {
      if (inCi) throw new Error('vicc cannot run (vsmartcard-vpicc, python3-pycryptodome)');
      ctx.skip();
      return;
    }
    log.length = 0;
    const vicc = spawn('vicc', ['-t', 'iso7816', '-P', String(rig.port)], { env, stdio: 'ignore' });
    const exited = new Promise((r) => vicc.once('exit', r));
    try {
      await until(() => log.length >= 1, 'the card');
      expect(log[0]).toMatchObject({
        atr: expect.stringMatching(/^3B/),
        reason: expect.any(String),
      });
      expect(log[0]).not.toHaveProperty('uid');
      expect(reader.status).toBe('online');
    } finally {
      vicc.kill('SIGTERM');
      await exited;
    }
    await until(() => log.at(-1) === 'removed', 'the removal');
  });
});
