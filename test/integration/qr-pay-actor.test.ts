// The session's QR effect against the gateway simulator: the customer's payment code is
// journalled as an attempt before the wallet call and polled to its end; a refused attempt is
// ended and another offered; giving up cancels it at the wallet; a Native order shows its code.
// Every attempt ends in success, cancelled, refunded or failed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActor, createMachine, sendTo } from 'xstate';
import { QrAttempts } from '../../offline-queue/qr-attempts';
import type { SessionEvent } from '../../src/flows/session-types';
import { qrPayActor } from '../../src/host/qr-pay-actor';
import { monotonicNow } from '../../src/time/monotonic';
import { collectingQrPayment, startHarness, type Harness } from './sync-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

async function run() {
  const p = await collectingQrPayment(h);
  const qr = new QrAttempts(h.db);
  const events: SessionEvent[] = [];
  const logic = qrPayActor({
    gateway: h.client,
    journal: h.journal,
    qr,
    monotonic: monotonicNow,
    log: { warn: () => undefined, info: () => undefined },
    timing: { pollMs: 20, giveUpMs: 2_000 },
  });
  const parent = createMachine({
    types: {} as { events: SessionEvent | { type: 'STOP' } | { type: 'USE_PAYMENT_CODE' } },
    invoke: {
      id: 'qr',
      src: logic,
      input: { paymentId: p.id, amountDue: p.due, description: '燃气费' },
    },
    on: {
      SCANNED: { actions: sendTo('qr', ({ event }) => event) },
      SHOW_KIOSK_CODE: { actions: sendTo('qr', { type: 'SHOW_KIOSK_CODE' }) },
      USE_PAYMENT_CODE: { actions: sendTo('qr', { type: 'USE_PAYMENT_CODE' }) },
      STOP: { actions: sendTo('qr', { type: 'STOP' }) },
      '*': { actions: ({ event }) => events.push(event as SessionEvent) },
    },
  });
  const actor = createActor(parent).start();
  const until = async (type: string) => {
    const end = Date.now() + 5_000;
    while (!events.some((e) => e.type === type)) {
      if (Date.now() > end) throw new Error(`no ${type}: ${JSON.stringify(events)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  /** Waits for a step the screen would show. */
  const step = async (match: (e: Extract<SessionEvent, { type: 'QR_STEP' }>) => boolean) => {
    const end = Date.now() + 5_000;
    for (;;) {
      const found = events.find((e) => e.type === 'QR_STEP' && match(e));
      if (found) return found;
      if (Date.now() > end) throw new Error(`no such step: ${JSON.stringify(events)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { id: p.id, due: p.due, qr, events, actor, until, step };
}

/** The wallet customer of the simulator: scans the kiosk's code, or pays. */
async function customer(action: 'scan' | 'pay', qrPaymentId: string): Promise<void> {
  const res = await fetch(new URL(`/__sim/qr/${qrPaymentId}/${action}`, h.sim.url), {
    method: 'POST',
  });
  expect(res.status).toBe(200);
}

describe('QR payment actor', () => {
  it('a payment code that pays: attempt journalled, success, amount collected', async () => {
    const r = await run();
    r.actor.send({ type: 'SCANNED', text: '134567890123456780' });
    await r.until('QR_PAID');
    const attempt = r.qr.latestFor(r.id);
    expect(attempt).toMatchObject({ kind: 'micropay', state: 'success', amount: r.due });
    expect(h.journal.get(r.id).collected).toBe(r.due);
    expect(r.events.find((e) => e.type === 'QR_STEP')).toMatchObject({ step: 'paying' });
  });

  it('pays after the customer confirms in the wallet (polled)', async () => {
    const r = await run();
    r.actor.send({ type: 'SCANNED', text: '28777777777777777771' });
    await r.until('QR_PAID');
    expect(r.qr.latestFor(r.id)?.state).toBe('success');
  });

  it('insufficient funds: the attempt ends failed and another scan is offered', async () => {
    const r = await run();
    r.actor.send({ type: 'SCANNED', text: '6277777777777777773' });
    const end = Date.now() + 5_000;
    while (!r.events.some((e) => e.type === 'QR_STEP' && e.refused)) {
      if (Date.now() > end) throw new Error('not refused');
      await new Promise((res) => setTimeout(res, 10));
    }
    expect(r.qr.latestFor(r.id)?.state).toBe('failed');
    expect(h.journal.get(r.id).collected).toBe(0);
    r.actor.send({ type: 'SCANNED', text: '134567890123456780' });
    await r.until('QR_PAID');
  });

  it('giving up while the customer is still confirming: the wallet refuses the cancel, so the payment is left to the resolver, never called unpaid', async () => {
    const r = await run();
    r.actor.send({ type: 'SCANNED', text: '137777777777777774' });
    await new Promise((res) => setTimeout(res, 100));
    r.actor.send({ type: 'STOP' });
    await r.until('QR_UNKNOWN');
    expect(r.events.some((e) => e.type === 'QR_CANCELLED')).toBe(false);
    expect(h.journal.get(r.id).state).toBe('PAYMENT_UNKNOWN');
    expect(r.qr.openFor(r.id)?.state).toBe('user_paying'); // queried first by the resolver
  });

  it('junk is not sent to the wallet; a Native order shows its code, and cancelling closes it', async () => {
    const r = await run();
    r.actor.send({ type: 'SCANNED', text: 'hello' });
    await new Promise((res) => setTimeout(res, 50));
    expect(r.qr.latestFor(r.id)).toBeNull();
    r.actor.send({ type: 'SHOW_KIOSK_CODE' });
    const end = Date.now() + 5_000;
    while (!r.events.some((e) => e.type === 'QR_STEP' && e.kioskCodeUrl)) {
      if (Date.now() > end) throw new Error('no code');
      await new Promise((res) => setTimeout(res, 10));
    }
    expect(r.qr.latestFor(r.id)).toMatchObject({ kind: 'native', state: 'pending' });
    r.actor.send({ type: 'STOP' });
    await r.until('QR_CANCELLED');
    expect(r.qr.latestFor(r.id)?.state).toBe('cancelled');
  });

  it("her phone scans the kiosk's code: the screen says to confirm on the phone, then paid", async () => {
    const r = await run();
    r.actor.send({ type: 'SHOW_KIOSK_CODE' });
    await r.step((e) => e.kioskCodeUrl !== null);
    const attempt = r.qr.latestFor(r.id);
    await customer('scan', attempt?.qrPaymentId ?? '');
    // The gateway's user_paying: the wallet waits for her; the code is gone from the screen.
    expect(await r.step((e) => e.step === 'confirming')).toMatchObject({ kioskCodeUrl: null });
    expect(r.qr.latestFor(r.id)?.state).toBe('user_paying');
    await customer('pay', attempt?.qrPaymentId ?? '');
    await r.until('QR_PAID');
    expect(r.qr.latestFor(r.id)).toMatchObject({ kind: 'native', state: 'success' });
  });

  it("a payment code that needs her password: 'confirm on your phone' while the wallet waits", async () => {
    const r = await run();
    r.actor.send({ type: 'SCANNED', text: '28777777777777777771' }); // confirms after polls
    await r.step((e) => e.step === 'confirming');
    await r.until('QR_PAID');
  });

  it("she would rather show her own code: the kiosk's is closed at the wallet, and hers pays", async () => {
    const r = await run();
    r.actor.send({ type: 'SHOW_KIOSK_CODE' });
    await r.step((e) => e.kioskCodeUrl !== null);
    const shown = r.qr.latestFor(r.id)?.qrPaymentId ?? '';
    r.actor.send({ type: 'USE_PAYMENT_CODE' });
    await r.step((e) => e.step === 'showYourCode' && e.kioskCodeUrl === null && !e.refused);
    expect(r.qr.get(shown).state).toBe('cancelled');
    r.actor.send({ type: 'SCANNED', text: '134567890123456780' });
    await r.until('QR_PAID');
    expect(r.qr.latestFor(r.id)).toMatchObject({ kind: 'micropay', state: 'success' });
  });

  it("a payment code held to the scanner while the kiosk's code is up: that closes, hers pays", async () => {
    const r = await run();
    r.actor.send({ type: 'SHOW_KIOSK_CODE' });
    await r.step((e) => e.kioskCodeUrl !== null);
    const shown = r.qr.latestFor(r.id)?.qrPaymentId ?? '';
    r.actor.send({ type: 'SCANNED', text: '134567890123456780' });
    await r.until('QR_PAID');
    expect(r.qr.get(shown).state).toBe('cancelled');
    expect(r.qr.latestFor(r.id)).toMatchObject({ kind: 'micropay', state: 'success' });
  });

  it('asking to switch after her phone already scanned the code: that payment goes on', async () => {
    const r = await run();
    r.actor.send({ type: 'SHOW_KIOSK_CODE' });
    await r.step((e) => e.kioskCodeUrl !== null);
    const shown = r.qr.latestFor(r.id)?.qrPaymentId ?? '';
    await customer('scan', shown);
    r.actor.send({ type: 'USE_PAYMENT_CODE' });
    await r.step((e) => e.step === 'confirming');
    await customer('pay', shown);
    await r.until('QR_PAID');
    expect(r.qr.get(shown).state).toBe('success');
  });
});
