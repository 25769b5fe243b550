// What happens to money the biller definitively refused (REFUND_REQUIRED):
// - cash whose quote expired before the write-off arrived, at a biller that takes prepayment:
//   re-applied to a fresh quote under a new serial (the rest becomes prepaid balance);
// - any other cash: a refund slip for staff (MANUAL_REFUND), in the same transaction;
// - QR: refunded through the wallet by the QR resolver (qr-resolver.ts).
import type { JournalDb } from './open-journal';
import { TransitionError, type PaymentJournal, type PaymentRow } from './payment-journal';
import type { StaffItems } from './staff-items';

export function compensateCash(
  db: JournalDb,
  journal: PaymentJournal,
  staff: StaffItems,
  paymentId: number,
): boolean {
  return db.transaction(() => {
    const p = journal.get(paymentId);
    if (p.state !== 'REFUND_REQUIRED' || p.method !== 'cash') return false;
    journal.move(p.id, 'MANUAL_REFUND', 'cash_refund_slip', { amount: p.collected });
    staff.open({
      kind: 'cash_refund',
      paymentId: p.id,
      amount: p.collected,
      reason: p.rejectCode ?? 'rejected',
      detail: {
        agentSerial: p.agentSerial,
        billerId: p.billerId,
        account: p.account,
        notes: journal.stackedNotes(p.id),
      },
    });
    return true;
  })();
}

/**
 * The customer stopped short of the amount due at a biller that takes no partial payment: the
 * notes already in the box go back by refund slip, decided now rather than by a write-off the
 * gateway could only refuse. One transaction.
 */
export function refundPartialCash(
  db: JournalDb,
  journal: PaymentJournal,
  staff: StaffItems,
  paymentId: number,
  at: number,
): void {
  db.transaction(() => {
    const p = journal.get(paymentId);
    if (p.state !== 'COLLECTING' || p.method !== 'cash' || p.collected === 0)
      throw new TransitionError(`payment ${paymentId} holds no partial cash to refund`);
    if (journal.notesInEscrow(p.id) > 0)
      throw new TransitionError(`payment ${paymentId} has a note in escrow`);
    journal.recordPartialPaymentRefused(p.id, at);
    compensateCash(db, journal, staff, p.id);
  })();
}

/** A refused cash payment whose money can pay a fresh quote instead of going back by slip. */
export function isReapplicable(p: PaymentRow): boolean {
  return (
    p.state === 'REFUND_REQUIRED' &&
    p.method === 'cash' &&
    p.acceptsOverpayment &&
    p.rejectCode === 'quote_expired'
  );
}

/**
 * Re-applies a refused cash payment to a fresh quote under a new agent serial (the old serial
 * is spent): the money pays what is due now and the rest becomes prepaid balance at the biller
 * (PREPAID_CREDITED). One transaction; returns the new payment's id.
 */
export function reapplyCash(o: {
  db: JournalDb;
  journal: PaymentJournal;
  paymentId: number;
  terminalId: string;
  businessDay: string;
  quote: { quoteId: string; quoteJson: string; totalDue: number };
  buildRequest(p: PaymentRow, at: number): string;
  at: number;
}): number {
  const { db, journal } = o;
  return db.transaction(() => {
    const p = journal.get(o.paymentId);
    if (!isReapplicable(p)) throw new TransitionError(`payment ${p.id} cannot be re-applied`);
    if (p.collected < o.quote.totalDue) {
      throw new TransitionError(
        `payment ${p.id} holds ${p.collected} fen, less than the ${o.quote.totalDue} now due`,
      );
    }
    const next = journal.create({
      terminalId: o.terminalId,
      businessDay: o.businessDay,
      billerId: p.billerId,
      account: p.account,
      quoteId: o.quote.quoteId,
      quoteJson: o.quote.quoteJson,
      amountDue: o.quote.totalDue,
      acceptsOverpayment: true,
      method: 'cash',
    });
    journal.startCollecting(next.id);
    journal.transferCollected(p.id, next.id);
    journal.captureFunds(next.id, o.buildRequest(journal.get(next.id), o.at), o.at);
    journal.move(p.id, 'PREPAID_CREDITED', 'reapplied', {
      to: next.agentSerial,
      amount: p.collected,
    });
    return next.id;
  })();
}
