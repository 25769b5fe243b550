// The QR give-up time is monotonic: with the system's wall clock stepped an hour back or forward
// while the customer is still confirming in the wallet, the kiosk gives up (and cancels the
// attempt) after the configured time — neither never nor at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, createMachine, sendTo } from 'xstate';
import { QrAttempts } from '../../offline-queue/qr-attempts';
import type { GatewayClient, GatewayReply } from '../../src/gateway/client';
import type { SessionEvent } from '../../src/flows/session-types';
import { qrPayActor } from '../../src/host/qr-pay-actor';
import { monotonicNow } from '../../src/time/monotonic';
import {
  newPayment,
  openTestJournal,
  tempDir,
  type TempDir,
  type TestJournal,
} from '../offline-queue/journal-fixture';
import { steppableProcessWallClock } from '../support/stepped-clocks';

const HOUR = 3_600_000;
const GIVE_UP_MS = 400;
const PAYMENT_CODE = '134567890123456780';

let tmp: TempDir;
let t: TestJournal;
beforeEach(() => {
  tmp = tempDir();
  t = openTestJournal(tmp.file('journal.sqlite'));
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
  tmp.remove();
});

const ok = <T>(body: T): GatewayReply<T> => ({ ok: true, status: 200, body });

/** A wallet where the customer never confirms: every look says user_paying; a cancel closes it. */
function confirmingWallet() {
  const cancels: number[] = [];
  const gateway = {
    qrMicropay: (req: { qrPaymentId: string }) =>
      Promise.resolve(
        ok({ qrPaymentId: req.qrPaymentId, status: 'user_paying', wallet: 'wechat' }),
      ),
    qrStatus: (id: string) =>
      Promise.resolve(ok({ qrPaymentId: id, status: 'user_paying', amount: 40773 })),
    qrCancel: () => {
      cancels.push(monotonicNow());
      return Promise.resolve(ok({ status: 'cancelled' }));
    },
  };
  // qrPayActor calls only these three methods for a payment code.
  return { client: gateway as unknown as GatewayClient, cancels };
}

/** Scans a payment code, steps the wall clock, and returns how long until the kiosk gave up. */
async function giveUpAfterStep(stepMs: number): Promise<number> {
  const wall = steppableProcessWallClock();
  const p = t.journal.create(newPayment({ method: 'qr' }));
  t.journal.startCollecting(p.id);
  const wallet = confirmingWallet();
  const events: SessionEvent[] = [];
  const parent = createMachine({
    types: {} as { events: SessionEvent },
    invoke: {
      id: 'qr',
      src: qrPayActor({
        gateway: wallet.client,
        journal: t.journal,
        qr: new QrAttempts(t.db, t.clock),
        monotonic: monotonicNow, // as the host wires it
        log: { warn: () => undefined, info: () => undefined },
        timing: { pollMs: 20, giveUpMs: GIVE_UP_MS },
      }),
      input: { paymentId: p.id, amountDue: p.amountDue, description: '电费' },
    },
    on: {
      SCANNED: { actions: sendTo('qr', ({ event }) => event) },
      '*': { actions: ({ event }) => events.push(event) },
    },
  });
  const actor = createActor(parent).start();
  try {
    const scannedAt = monotonicNow();
    actor.send({ type: 'SCANNED', text: PAYMENT_CODE });
    await new Promise((r) => setTimeout(r, 100));
    wall.stepWall(stepMs);
    const end = scannedAt + GIVE_UP_MS + 3_000;
    while (!events.some((e) => e.type === 'QR_STEP' && e.refused)) {
      if (monotonicNow() > end) throw new Error(`never gave up: ${JSON.stringify(events)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(wallet.cancels).toHaveLength(1);
    return (wallet.cancels[0] as number) - scannedAt;
  } finally {
    actor.stop();
  }
}

describe('QR give-up with the wall clock stepped', () => {
  it('stepped back an hour while the customer confirms: gives up after the give-up time', async () => {
    const took = await giveUpAfterStep(-HOUR);
    expect(took).toBeGreaterThanOrEqual(GIVE_UP_MS);
    expect(took).toBeLessThan(GIVE_UP_MS + 1_500);
  });

  it('stepped forward an hour while the customer confirms: does not give up at once', async () => {
    const took = await giveUpAfterStep(HOUR);
    expect(took).toBeGreaterThanOrEqual(GIVE_UP_MS);
    expect(took).toBeLessThan(GIVE_UP_MS + 1_500);
  });
});
