// The host's money jobs wired for real: caps pause a biller on screen, the heartbeat carries the
// pending figures, and the daily reconciliation settles past days against the simulator.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/api/kiosk-api';
import { heartbeatBody, sendHeartbeat } from '../../src/host/heartbeat-job';
import { reconcilePastDays } from '../../src/host/reconciliation-job';
import { startTestKiosk, type TestKioskHandle } from '../support/kiosk-fixture';

async function until(
  kiosk: TestKioskHandle,
  check: (s: Snapshot) => boolean,
  what: string,
): Promise<Snapshot> {
  for (let i = 0; i < 200; i++) {
    const s = kiosk.host.latest();
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(
    `timed out waiting for ${what}; screen is ${JSON.stringify(kiosk.host.latest().screen)}`,
  );
}

/** A customer pays a water bill by scan with 100-yuan notes; returns the amount inserted. */
async function payWaterBill(kiosk: TestKioskHandle): Promise<number> {
  kiosk.scanner.scan('SHWATER:210012345');
  const bills = await until(kiosk, (s) => s.screen.name === 'bills', 'the bills');
  const due = bills.screen.name === 'bills' ? bills.screen.quote.totalDue : 0;
  kiosk.host.send({ type: 'PAY_CASH' });
  await until(kiosk, (s) => s.screen.name === 'confirm', 'the confirm screen');
  kiosk.host.send({ type: 'CONFIRM' });
  let inserted = 0;
  while (inserted < due) {
    await until(kiosk, () => kiosk.acceptor.insertNote(10_000), 'the acceptor to take a note');
    inserted += 10_000;
  }
  await until(
    kiosk,
    (s) => s.screen.name === 'pendingSync' || s.screen.name === 'paid',
    'the result',
  );
  return inserted;
}

describe('caps on pending write-offs', () => {
  it('pause a biller on screen once its queue is full, and release it when the queue drains', async () => {
    const kiosk = await startTestKiosk({
      queue: { maxPendingCount: 1, maxPendingTotal: 10_000_000, maxPendingAgeMinutes: 60 },
    });
    try {
      const inserted = await (async () => {
        const p = payWaterBill(kiosk);
        // Pull the network as soon as cash is being taken, so the write-off stays pending.
        await until(kiosk, (s) => s.screen.name === 'insertCash', 'cash screen');
        kiosk.network.online = false;
        return p;
      })();
      expect(inserted).toBeGreaterThan(0);
      expect(kiosk.host.latest().service.pendingSync.count).toBe(1);

      kiosk.host.send({ type: 'DONE' });
      kiosk.network.online = true; // billers load, but the write-off has not been retried yet
      kiosk.host.send({ type: 'START' });
      const choose = await until(
        kiosk,
        (s) => s.screen.name === 'chooseBiller' && s.screen.billers.length > 0,
        'billers',
      );
      const billers = choose.screen.name === 'chooseBiller' ? choose.screen.billers : [];
      expect(billers.find((b) => b.id === 'sh-water')?.paused).toBe(true);
      expect(billers.find((b) => b.id === 'sh-power')?.paused).toBe(false);
      kiosk.host.send({ type: 'CHOOSE_BILLER', billerId: 'sh-water' });
      expect(kiosk.host.latest().screen.name).toBe('chooseBiller');

      kiosk.host.syncWorker.retryNow();
      await until(kiosk, (s) => s.service.pendingSync.count === 0, 'the queue to drain');
      kiosk.host.send({ type: 'BACK' });
      kiosk.host.send({ type: 'START' });
      const again = await until(
        kiosk,
        (s) => s.screen.name === 'chooseBiller' && s.screen.billers.length > 0,
        'billers',
      );
      expect(
        again.screen.name === 'chooseBiller' && again.screen.billers.every((b) => !b.paused),
      ).toBe(true);
    } finally {
      await kiosk.stop();
    }
  });
});

describe('heartbeat and reconciliation', () => {
  it('send the pending figures, and reconcile a past day against the simulator', async () => {
    const kiosk = await startTestKiosk();
    try {
      kiosk.network.online = true;
      const payP = payWaterBill(kiosk);
      await until(kiosk, (s) => s.screen.name === 'insertCash', 'cash screen');
      kiosk.network.online = false;
      const inserted = await payP;

      const { money, acceptor } = kiosk.host;
      const body = heartbeatBody({
        money,
        acceptor,
        scanner: null,
        printer: null,
        cardReader: null,
        inService: true,
        now: Date.now(),
      });
      expect(body.pendingSync).toMatchObject({ count: 1, total: inserted });
      expect(body.cashBox.total).toBe(inserted);
      expect(body.devices.billAcceptor).toMatchObject({ status: 'online', stacker: 'ok' });
      kiosk.network.online = true;
      const log = { info: () => undefined, warn: () => undefined } as never;
      expect(await sendHeartbeat(money, body, log)).toEqual([]);

      kiosk.host.syncWorker.retryNow();
      await until(kiosk, (s) => s.service.pendingSync.count === 0, 'the write-off');
      // Tomorrow, the kiosk reconciles today's business day.
      const tomorrow = () => Date.now() + 86_400_000;
      const runs = await reconcilePastDays(money, tomorrow, log);
      const today = runs.find((r) => r.matched > 0);
      expect(today).toMatchObject({ matched: 1, differences: [] });
      expect(money.journal.inStates(['RECONCILED'])).toHaveLength(1);
      expect(await reconcilePastDays(money, tomorrow, log)).toEqual([]);
    } finally {
      await kiosk.stop();
    }
  });
});
