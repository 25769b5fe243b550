// The receipt the success screen shows: the paid receipt once the biller has written the
// payment off, else the provisional one (受理凭证). Always Chinese, as printed receipts are.
import type { PaymentResult, Quote } from '../gateway/contract';
import type { ReceiptLayout } from './layout';
import { paidReceipt } from './paid-receipt';
import { provisionalReceipt } from './provisional-receipt';
import { screenLines } from './render-text';

export { maskAccount } from './mask';

export interface ReceiptInput {
  terminalId: string;
  billerName: string;
  agentSerial: string;
  quote: Quote;
  collected: number;
  at: number;
  /** How the money came (the journal's method). */
  method: 'cash' | 'qr' | 'card';
  /** The gateway's write-off, or null while it is pending (provisional receipt, 受理凭证). */
  result: PaymentResult | null;
  /** Where the receipt QR links (config receipts.verifyBaseUrl). */
  verifyBase?: string;
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
