// QR payments ended through the real gateway simulator: a crash while the customer was still
// confirming (query first, then capture once paid), and a paid QR payment the biller refused
// (cancelled at the wallet, which refunds it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QrAttempts } from '../../offline-queue/qr-attempts';
import { QrResolver } from '../../offline-queue/qr-resolver';
import { recoverJournal } from '../../offline-queue/recovery';
import { StaffItems } from '../../offline-queue/staff-items';
import { gatewayQrWalletPort } from '../../src/gateway/qr-wallet-port';
import { qrPaymentRequest } from '../../src/host/payment-request';
import { collectingQrPayment, startHarness, type Harness } from './sync-harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

/** A QR payment for a real quote, with its wallet attempt journalled and sent. */
async function qrPayment(authCode: string, amountOf: (due: number) => number) {
  const p = await collectingQrPayment(h);
  const qr = new QrAttempts(h.db);
  const amount = amountOf(p.due);
  const qrPaymentId = `qr-${h.journal.get(p.id).agentSerial}`;
  qr.begin({ paymentId: p.id, qrPaymentId, kind: 'micropay', amount }); // journal before the call
  const reply = await h.client.qrMicropay({ qrPaymentId, authCode, amount, description: '燃气费' });
  return { id: p.id, qr, qrPaymentId, reply };
}

function resolver(qr: QrAttempts) {
  return new QrResolver({
    db: h.db,
    journal: h.journal,
    qr,
    wallet: gatewayQrWalletPort(h.client),
    buildRequest: qrPaymentRequest,
    clock: h.clock,
  });
}

async function drain() {
  for (let i = 0; i < 50 && h.journal.pendingSync().count > 0; i++) {
    h.worker.kick();
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('QR payments through the gateway simulator', () => {
  it('a crash while the customer confirms: queried, left open, then captured and written off once paid', async () => {
    // WeChat code ending in 4: the customer keeps confirming until paid through the admin route.
    const t = await qrPayment('134567890123456784', (due) => due);
    expect(t.reply).toMatchObject({ ok: true, body: { status: 'user_paying' } });

    recoverJournal({
      db: h.db,
      journal: h.journal,
      staff: new StaffItems(h.db),
      buildRequest: () => '{}',
      buildQrRequest: () => '{}',
    });
    expect(h.journal.get(t.id).state).toBe('PAYMENT_UNKNOWN');
    expect((await resolver(t.qr).resolveAll()).get(t.id)).toBe('retry_later');

    const paid = await fetch(new URL(`/__sim/qr/${t.qrPaymentId}/pay`, h.sim.url), {
      method: 'POST',
    });
    expect(paid.status).toBe(200);
    expect((await resolver(t.qr).resolveAll()).get(t.id)).toBe('captured');
    await drain();

    const p = h.journal.get(t.id);
    expect(p.state).toBe('WRITTEN_OFF');
    expect(h.sim.stats().payments[p.agentSerial]).toMatchObject({
      commits: 1,
      amount: p.collected,
    });
    expect(t.qr.get(t.qrPaymentId).state).toBe('success');
  });

  it('a paid QR payment the biller refuses is refunded at the wallet', async () => {
    // Paid at once (code ending 0), but for less than is due: the write-off is refused.
    const t = await qrPayment('134567890123456780', (due) => due - 100);
    expect(t.reply).toMatchObject({ ok: true, body: { status: 'success' } });
    t.qr.update(t.qrPaymentId, 'success');
    h.journal.recordQrPaid(t.id, h.journal.get(t.id).amountDue - 100);
    h.journal.captureFunds(t.id, qrPaymentRequest(h.journal.get(t.id), t.qrPaymentId, h.clock()));
    await drain();
    expect(h.journal.get(t.id)).toMatchObject({
      state: 'REFUND_REQUIRED',
      rejectCode: 'amount_below_due',
    });

    expect((await resolver(t.qr).resolveAll()).get(t.id)).toBe('refunded');
    expect(h.journal.get(t.id).state).toBe('REFUNDED');
    expect(await h.client.qrStatus(t.qrPaymentId, t.qr.get(t.qrPaymentId).amount)).toMatchObject({
      ok: true,
      body: { status: 'refunded' },
    });
  });
});
