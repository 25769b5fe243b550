// What happens to money the biller definitively refused (REFUND_REQUIRED). Cash cannot go back
// by itself: it becomes a refund slip for staff (MANUAL_REFUND) in the same transaction. QR
// payments are refunded through the wallet (cancel) by the QR flow.
import type { JournalDb } from './open-journal';
import type { PaymentJournal } from './payment-journal';
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
      detail: { agentSerial: p.agentSerial, billerId: p.billerId, account: p.account },
    });
    return true;
  })();
}
