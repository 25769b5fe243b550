// Payment states and the only transitions allowed between them
// (../shared/reference/payments.md §6). Enforced in code by the journal on every change.

export const PAYMENT_STATES = [
  'CREATED',
  'COLLECTING',
  'ABANDONED',
  'PAYMENT_UNKNOWN',
  'FUNDS_CAPTURED',
  'WRITEOFF_SENT',
  'WRITEOFF_UNKNOWN',
  'AWAIT_RECON',
  'WRITTEN_OFF',
  'REFUND_REQUIRED',
  'REFUNDED',
  'PREPAID_CREDITED',
  'MANUAL_REFUND',
  'RECEIPTED',
  'RECONCILED',
  'DISCREPANCY',
] as const;

export type PaymentState = (typeof PAYMENT_STATES)[number];

const ALLOWED: Record<PaymentState, readonly PaymentState[]> = {
  CREATED: ['COLLECTING', 'ABANDONED'],
  // Cash short of the amount due at a biller that takes no partial payment: the gateway could
  // only refuse it (422 amount_below_due), so the refund slip is written at once.
  COLLECTING: ['FUNDS_CAPTURED', 'ABANDONED', 'PAYMENT_UNKNOWN', 'REFUND_REQUIRED'],
  PAYMENT_UNKNOWN: ['FUNDS_CAPTURED', 'ABANDONED'],
  FUNDS_CAPTURED: ['WRITEOFF_SENT'],
  // A re-send after the gateway answered 404 to the query goes back to WRITEOFF_SENT.
  WRITEOFF_SENT: ['WRITTEN_OFF', 'WRITEOFF_UNKNOWN', 'REFUND_REQUIRED'],
  WRITEOFF_UNKNOWN: ['WRITEOFF_SENT', 'WRITTEN_OFF', 'REFUND_REQUIRED', 'AWAIT_RECON'],
  // Unresolved past the day cut: reconciliation settles it, or a query finds it never committed
  // (then it is re-sent, within the gateway's 72-hour store-and-forward window).
  AWAIT_RECON: ['WRITTEN_OFF', 'REFUND_REQUIRED', 'WRITEOFF_SENT'],
  // A same-day reversal (冲正, staff with a second person's approval) the gateway confirmed
  // undoes the write-off: the money is the kiosk's to give back (reject code 'reversed').
  WRITTEN_OFF: ['RECEIPTED', 'RECONCILED', 'DISCREPANCY', 'REFUND_REQUIRED'],
  REFUND_REQUIRED: ['REFUNDED', 'PREPAID_CREDITED', 'MANUAL_REFUND'],
  RECEIPTED: ['RECONCILED', 'DISCREPANCY', 'REFUND_REQUIRED'],
  ABANDONED: [],
  REFUNDED: [],
  PREPAID_CREDITED: [],
  MANUAL_REFUND: [],
  RECONCILED: [],
  DISCREPANCY: [],
};

export function canTransition(from: PaymentState, to: PaymentState): boolean {
  return ALLOWED[from].includes(to);
}

/** States in which money was taken and the write-off has not been settled yet. */
export const PENDING_SYNC_STATES: readonly PaymentState[] = [
  'FUNDS_CAPTURED',
  'WRITEOFF_SENT',
  'WRITEOFF_UNKNOWN',
  'AWAIT_RECON',
];
