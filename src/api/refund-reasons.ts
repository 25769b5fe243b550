// Why money goes back to a resident, in her words and both languages: the one table the refund
// slip prints (src/receipts/refund-slip.ts) and the staff screens show (ui/staff/staff-words.ts),
// so the slip in her hand and the item on the staff screen say the same thing.

export interface RefundReasonWords {
  zh: string;
  en: string;
}

export const REFUND_REASONS = {
  quote_expired: {
    zh: '账单金额已变化，这笔钱没有缴入',
    en: 'The bill changed before it was paid',
  },
  amount_below_due: { zh: '钱不够应缴金额', en: 'Less than the amount due' },
  overpayment_not_allowed: {
    zh: '这项缴费不能多收',
    en: 'This biller takes no more than the amount due',
  },
  account_locked: { zh: '这个户号要到营业厅办理', en: 'This account is paid at a service hall' },
  serial_conflict: { zh: '缴费记录需要工作人员核对', en: 'The payment record needs checking' },
  partial_payment_not_allowed: {
    zh: '这项缴费需要一次缴足',
    en: 'This bill must be paid in full at once',
  },
  reversed: { zh: '当日冲正', en: 'Reversed the same day' },
  rejected: { zh: '收费单位没有接受这笔缴费', en: 'The biller did not accept this payment' },
} as const satisfies Readonly<Record<string, RefundReasonWords>>;

export type RefundReason = keyof typeof REFUND_REASONS;

/** A refund's reason in words: a code this table does not know reads as a refusal. */
export function refundReasonWords(code: string): RefundReasonWords {
  return Object.hasOwn(REFUND_REASONS, code)
    ? REFUND_REASONS[code as RefundReason]
    : REFUND_REASONS.rejected;
}

/** Whether a code is one of the refund reasons this table has words for. */
export const isRefundReason = (code: string): code is RefundReason =>
  Object.hasOwn(REFUND_REASONS, code);
