import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../../offline-queue/open-journal';
import { PaymentJournal, TransitionError } from '../../offline-queue/payment-journal';
import { QrAttempts, type QrAttemptState } from '../../offline-queue/qr-attempts';

function setup() {
  const db = openJournal(path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-qr-')), 'j.sqlite'));
  const journal = new PaymentJournal(db);
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
  return { db, qr: new QrAttempts(db), paymentId: p.id };
}

describe('QR attempts', () => {
  it('journals an attempt as pending and follows the wallet to success', () => {
    const { qr, paymentId } = setup();
    const a = qr.begin({ paymentId, qrPaymentId: 'qr-1', kind: 'micropay', amount: 40_773 });
    expect(a).toMatchObject({ state: 'pending', amount: 40_773 });
    expect(qr.update('qr-1', 'user_paying').state).toBe('user_paying');
    expect(qr.update('qr-1', 'user_paying').state).toBe('user_paying'); // a repeated poll
    expect(qr.update('qr-1', 'success').state).toBe('success');
    expect(qr.openFor(paymentId)).toBeNull();
  });

  it('refuses a second attempt while the first is open, and allows it once it has ended', () => {
    const { qr, paymentId } = setup();
    qr.begin({ paymentId, qrPaymentId: 'qr-1', kind: 'micropay', amount: 100 });
    expect(() =>
      qr.begin({ paymentId, qrPaymentId: 'qr-2', kind: 'micropay', amount: 100 }),
    ).toThrow(TransitionError);
    expect(qr.allOpen().map((a) => a.qrPaymentId)).toEqual(['qr-1']);
    qr.update('qr-1', 'cancelled');
    expect(qr.begin({ paymentId, qrPaymentId: 'qr-2', kind: 'native', amount: 100 }).state).toBe(
      'pending',
    );
  });

  it('the database itself refuses two open attempts for one payment', () => {
    const { db, qr, paymentId } = setup();
    qr.begin({ paymentId, qrPaymentId: 'qr-1', kind: 'micropay', amount: 100 });
    expect(() =>
      db
        .prepare(
          `INSERT INTO qr_attempt(payment_id, qr_payment_id, kind, amount, state, created_at, updated_at)
           VALUES (?, 'qr-x', 'micropay', 100, 'user_paying', 0, 0)`,
        )
        .run(paymentId),
    ).toThrow(/UNIQUE/);
  });

  it.each<[QrAttemptState, QrAttemptState]>([
    ['success', 'cancelled'],
    ['cancelled', 'success'],
    ['failed', 'success'],
    ['refunded', 'success'],
    ['pending', 'refunded'],
  ])('never moves %s → %s', (from, to) => {
    const { qr, paymentId } = setup();
    qr.begin({ paymentId, qrPaymentId: 'qr-1', kind: 'micropay', amount: 100 });
    const path: Record<QrAttemptState, QrAttemptState[]> = {
      pending: [],
      user_paying: ['user_paying'],
      success: ['success'],
      failed: ['failed'],
      cancelled: ['cancelled'],
      refunded: ['success', 'refunded'],
    };
    for (const s of path[from]) qr.update('qr-1', s);
    expect(() => qr.update('qr-1', to)).toThrow(TransitionError);
    expect(qr.get('qr-1').state).toBe(from);
  });
});
