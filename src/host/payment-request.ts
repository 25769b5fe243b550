// The write-off body of a captured payment (cash or QR). Built once, stored with
// FUNDS_CAPTURED, and re-sent byte for byte on every retry.
import type { PaymentJournal, PaymentRow } from '../../offline-queue/payment-journal';
import type { QrAttempts } from '../../offline-queue/qr-attempts';
import type { PaymentRequest } from '../gateway/contract';
import { shanghaiIso } from '../time/shanghai';

function paymentRequest(
  p: PaymentRow,
  method: PaymentRequest['method'],
  tender: PaymentRequest['tender'],
  collectedAt: number,
): string {
  const body: PaymentRequest = {
    agentSerial: p.agentSerial,
    quoteId: p.quoteId,
    billerId: p.billerId,
    account: p.account,
    amount: p.collected,
    method,
    tender,
    collectedAt: shanghaiIso(collectedAt),
  };
  return JSON.stringify(body);
}

export function cashPaymentRequest(
  journal: PaymentJournal,
  p: PaymentRow,
  collectedAt: number,
): string {
  return paymentRequest(p, 'cash', { notes: journal.stackedNotes(p.id) }, collectedAt);
}

/** The write-off body of a QR payment whose wallet attempt succeeded. */
export function qrPaymentRequest(p: PaymentRow, qrPaymentId: string, collectedAt: number): string {
  return paymentRequest(p, 'qr', { qrPaymentId }, collectedAt);
}

/** The body captured when a session's money is in: the wallet payment that succeeded, else the notes. */
export function capturedPaymentRequest(
  journal: PaymentJournal,
  qr: QrAttempts,
  p: PaymentRow,
  collectedAt: number,
): string {
  const paidBy = p.method === 'qr' ? qr.latestFor(p.id) : null;
  return paidBy?.state === 'success'
    ? qrPaymentRequest(p, paidBy.qrPaymentId, collectedAt)
    : cashPaymentRequest(journal, p, collectedAt);
}
