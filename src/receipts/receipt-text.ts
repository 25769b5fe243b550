// The receipt the success screen shows: the paid receipt once the biller has written the
// payment off, else the provisional one (受理凭证). Chinese, and bilingual (each label and
// sentence with its English) for a customer who chose English.
import type { PaymentResult, Quote } from '../gateway/contract';
import type { ReceiptLayout } from './layout';
import { paidReceipt } from './paid-receipt';
import { provisionalReceipt } from './provisional-receipt';
import { screenLines } from './render-text';
import type { ReceiptLanguage } from './words';

export { maskAccount } from './mask';

export interface ReceiptInput {
  terminalId: string;
  billerName: string;
  /** The payee's English name, printed beside the Chinese on a bilingual receipt. */
  billerNameEn?: string;
  agentSerial: string;
  quote: Quote;
  collected: number;
  /** What the payment was for (journal amount_due); the whole quote when absent. */
  amountDue?: number;
  at: number;
  /** How the money came (the journal's method). */
  method: 'cash' | 'qr' | 'card';
  /** The gateway's write-off, or null while it is pending (provisional receipt, 受理凭证). */
  result: PaymentResult | null;
  /** Where the receipt QR links (config receipts.verifyBaseUrl). */
  verifyBase?: string;
  /** Chinese (default), or Chinese and English. */
  lang?: ReceiptLanguage;
}

/** The paid or the provisional receipt, whichever the payment's state calls for. */
export function paymentReceipt(r: ReceiptInput, copy = false): ReceiptLayout {
  return r.result
    ? paidReceipt({ ...r, result: r.result, copy })
    : provisionalReceipt({ ...r, copy });
}

export function receiptLines(r: ReceiptInput): string[] {
  return screenLines(paymentReceipt(r));
}
