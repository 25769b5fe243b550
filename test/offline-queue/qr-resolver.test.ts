// QR payments brought to an end through the wallet: after a crash with an attempt open (query
// first, then capture or cancel) and after the biller refused a paid one (cancel = refund).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../../offline-queue/open-journal';
import { PaymentJournal } from '../../offline-queue/payment-journal';
import { QrAttempts, type QrAttemptState } from '../../offline-queue/qr-attempts';
import { QrResolver, type QrWalletPort } from '../../offline-queue/qr-resolver';
import { recoverJournal } from '../../offline-queue/recovery';
import { StaffItems } from '../../offline-queue/staff-items';

type StatusAnswer = QrAttemptState | 'not_found' | 'unknown';
type CancelAnswer = 'cancelled' | 'refunded' | 'user_paying' | 'unknown';

function setup(wallet: { status?: StatusAnswer; cancel?: CancelAnswer }) {
  const db = openJournal(path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-qrr-')), 'j.sqlite'));
  const journal = new PaymentJournal(db);
  const qr = new QrAttempts(db);
  const calls: string[] = [];
  const port: QrWalletPort = {
    async status(id) {
      calls.push(`status ${id}`);
      return wallet.status ?? 'unknown';
    },
    async cancel(id) {
      calls.push(`cancel ${id}`);
      return wallet.cancel ?? 'unknown';
    },
  };
  const resolver = new QrResolver({
    db,
    journal,
    qr,
    wallet: port,
    buildRequest: (p, qrPaymentId) =>
      JSON.stringify({ agentSerial: p.agentSerial, amount: p.collected, qrPaymentId }),
  });
  const p = journal.create({
    terminalId: 'SH-XH-WK-0007',
    businessDay: '20261126',
    billerId: 'sh-power',
    account: '3100123456',
    quoteId: 'q_1',
    quoteJson: '{}',
    amountDue: 40_773,
    acceptsOverpayment: true,
    method: 'qr',
  });
  journal.startCollecting(p.id);
  qr.begin({ paymentId: p.id, qrPaymentId: 'qr-1', kind: 'micropay', amount: 40_773 });
  return { db, journal, qr, resolver, calls, id: p.id };
}

/** The kiosk stopped while the wallet call was out: recovery marks it PAYMENT_UNKNOWN. */
function crashed(t: ReturnType<typeof setup>) {
  recoverJournal({
    db: t.db,
    journal: t.journal,
    staff: new StaffItems(t.db),
    buildRequest: () => '{}',
    buildQrRequest: () => '{}',
  });
  expect(t.journal.get(t.id).state).toBe('PAYMENT_UNKNOWN');
}

describe('a QR payment recovered with its attempt open', () => {
  it('is captured when the wallet says it was paid, asking before anything else', async () => {
    const t = setup({ status: 'success' });
    crashed(t);
    expect(await t.resolver.resolveAll()).toEqual(new Map([[t.id, 'captured']]));
    expect(t.calls).toEqual(['status qr-1']);
    expect(t.journal.get(t.id)).toMatchObject({ state: 'FUNDS_CAPTURED', collected: 40_773 });
    expect(JSON.parse(t.journal.get(t.id).requestJson ?? '{}')).toMatchObject({
      amount: 40_773,
      qrPaymentId: 'qr-1',
    });
    expect(t.qr.get('qr-1').state).toBe('success');
  });

  it.each<[CancelAnswer, QrAttemptState]>([
    ['cancelled', 'cancelled'],
    ['refunded', 'refunded'],
  ])(
    'is cancelled when still unpaid (cancel answers %s) and the payment closed',
    async (answer, final) => {
      const t = setup({ status: 'pending', cancel: answer });
      crashed(t);
      expect((await t.resolver.resolveAll()).get(t.id)).toBe('closed');
      expect(t.calls).toEqual(['status qr-1', 'cancel qr-1']);
      expect(t.journal.get(t.id)).toMatchObject({ state: 'ABANDONED', collected: 0 });
      expect(t.qr.get('qr-1').state).toBe(final);
    },
  );

  it('is closed when the wallet refused it or never saw it', async () => {
    for (const status of ['failed', 'not_found'] as const) {
      const t = setup({ status });
      crashed(t);
      expect((await t.resolver.resolveAll()).get(t.id)).toBe('closed');
      expect(t.journal.get(t.id).state).toBe('ABANDONED');
      expect(t.qr.get('qr-1').state).toBe('failed');
    }
  });

  it.each<[StatusAnswer, CancelAnswer | undefined]>([
    ['unknown', undefined],
    ['user_paying', undefined],
    ['pending', 'user_paying'],
    ['pending', 'unknown'],
  ])(
    'waits (status %s, cancel %s): nothing changes until the wallet gives an answer',
    async (status, cancel) => {
      const t = setup({ status, ...(cancel ? { cancel } : {}) });
      crashed(t);
      expect((await t.resolver.resolveAll()).get(t.id)).toBe('retry_later');
      expect(t.journal.get(t.id).state).toBe('PAYMENT_UNKNOWN');
      expect(t.qr.get('qr-1').state).toBe('pending');
    },
  );
});

describe('a paid QR payment the biller refused', () => {
  function refused(wallet: { cancel?: CancelAnswer }) {
    const t = setup(wallet);
    t.qr.update('qr-1', 'success');
    t.journal.recordQrPaid(t.id, 40_773);
    t.journal.captureFunds(t.id, '{}');
    t.db.transaction(() => {
      t.journal.move(t.id, 'WRITEOFF_SENT', 'writeoff_sent');
      t.journal.move(t.id, 'REFUND_REQUIRED', 'writeoff_rejected', { code: 'quote_expired' });
    })();
    return t;
  }

  it('is refunded through the wallet', async () => {
    const t = refused({ cancel: 'refunded' });
    expect((await t.resolver.resolveAll()).get(t.id)).toBe('refunded');
    expect(t.calls).toEqual(['cancel qr-1']);
    expect(t.journal.get(t.id).state).toBe('REFUNDED');
    expect(t.qr.get('qr-1').state).toBe('refunded');
  });

  it('stays REFUND_REQUIRED, for the next try, while the wallet cannot be reached', async () => {
    const t = refused({ cancel: 'unknown' });
    expect((await t.resolver.resolveAll()).get(t.id)).toBe('retry_later');
    expect(t.journal.get(t.id).state).toBe('REFUND_REQUIRED');
    expect(t.qr.get('qr-1').state).toBe('success');
  });
});
