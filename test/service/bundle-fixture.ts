// What the diagnostic bundle's tests share with the process they run the bundle in.
import type { JournalFigures } from '../../src/service/bundle-journal';

/** The figures of a journal that has seen nothing yet. */
export function emptyFigures(): JournalFigures {
  const none = { count: 0, total: 0 };
  return {
    schemaVersion: 0,
    paymentsByState: {
      CREATED: none,
      COLLECTING: none,
      ABANDONED: none,
      PAYMENT_UNKNOWN: none,
      FUNDS_CAPTURED: none,
      WRITEOFF_SENT: none,
      WRITEOFF_UNKNOWN: none,
      AWAIT_RECON: none,
      WRITTEN_OFF: none,
      REFUND_REQUIRED: none,
      REFUNDED: none,
      PREPAID_CREDITED: none,
      MANUAL_REFUND: none,
      RECEIPTED: none,
      RECONCILED: none,
      DISCREPANCY: none,
    },
    pendingSync: { count: 0, total: 0, oldestAt: null },
    cashBox: { notes: {}, total: 0 },
    openStaffItems: { cash_refund: none, discrepancy: none, note_review: none },
    lastReconciliation: null,
  };
}
