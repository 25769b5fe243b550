// A scan as it may appear in logs. A payment code is shown masked; and because a biller's
// pattern or a junk read can also carry one, every long run of digits is masked too.
import type { ScanResult } from './classify-scan';
import { maskPaymentCode } from './payment-codes';

// The shortest payment code is 16 digits (Alipay); 12-digit accounts stay readable.
const LONG_DIGITS = /[0-9]{16,}/g;

export type ScanLogEntry =
  | { kind: 'bill'; billerId: string; account: string }
  | { kind: 'paymentCode'; wallet: string; code: string }
  | { kind: 'junk'; reason: string; length: number };

export function scanForLog(result: ScanResult): ScanLogEntry {
  switch (result.kind) {
    case 'bill':
      return { kind: 'bill', billerId: result.billerId, account: maskDigitRuns(result.account) };
    case 'paymentCode':
      return { kind: 'paymentCode', wallet: result.wallet, code: maskPaymentCode(result.code) };
    case 'junk':
      // Never the text: a junk read may be a payment code with a stray character.
      return { kind: 'junk', reason: result.reason, length: result.length };
  }
}

export function maskDigitRuns(text: string): string {
  return text.replace(LONG_DIGITS, maskPaymentCode);
}
