// What a scanned text is: a biller's bill (account found by the gateway's patterns), a
// customer's wallet payment code, or junk. Bill patterns are tried first: a biller's format is
// specific to it, while payment-code prefixes are only a shape of digits.
import type { QrWallet } from '../gateway/contract';
import { walletOfPaymentCode } from './payment-codes';
import type { ScanPatterns } from './scan-patterns';

export type JunkReason = 'empty' | 'tooLong' | 'controlCharacters' | 'unknown';

export type ScanResult =
  | { kind: 'bill'; billerId: string; account: string }
  | { kind: 'paymentCode'; wallet: QrWallet; code: string }
  | { kind: 'junk'; reason: JunkReason; length: number };

/** The gateway's `scan` field takes at most 512 characters (BillQueryRequest). */
export const MAX_SCAN_LENGTH = 512;

// C0, DEL and C1 controls. Scanners put CR/LF/TAB at the ends (trimmed first); anywhere else
// they mean a misread, or a barcode made to smuggle keystrokes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function classifyScan(
  raw: string,
  table: ScanPatterns,
  maxLength = MAX_SCAN_LENGTH,
): ScanResult {
  const text = raw.trim();
  const junk = (reason: JunkReason): ScanResult => ({ kind: 'junk', reason, length: text.length });
  if (text.length === 0) return junk('empty');
  if (text.length > maxLength) return junk('tooLong');
  if (CONTROL.test(text)) return junk('controlCharacters');
  for (const { billerId, regex } of table.patterns) {
    const account = regex.exec(text)?.[1];
    if (account) return { kind: 'bill', billerId, account };
  }
  const wallet = walletOfPaymentCode(text);
  if (wallet) return { kind: 'paymentCode', wallet, code: text };
  return junk('unknown');
}
