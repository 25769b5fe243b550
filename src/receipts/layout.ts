// A receipt as data: a list of blocks built from the payment, rendered later for paper of a
// given width (render-document.ts) or for the screen (render-text.ts). Money is integer fen.
import type { ReceiptLanguage } from './words';

export type Block =
  /** Large, centred. */
  | { kind: 'title'; text: string }
  /** Bold, centred: a banner such as the provisional notice. */
  | { kind: 'mark'; text: string }
  | { kind: 'row'; label: string; value: string }
  | {
      kind: 'bill';
      period: string;
      principal: number;
      lateFee: number;
      daysOverdue: number;
      /** Its labels in Chinese, or in Chinese and English (default Chinese). */
      lang?: ReceiptLanguage;
    }
  /** Bold label and amount. */
  | { kind: 'total'; label: string; amount: number }
  | { kind: 'qr'; data: string; caption: string }
  /** CODE128, for staff to scan. */
  | { kind: 'barcode'; data: string }
  | { kind: 'separator' }
  /** Running text, wrapped. */
  | { kind: 'note'; text: string }
  /** A line to sign on. */
  | { kind: 'signature'; label: string };

export type ReceiptKind =
  | 'paid'
  | 'provisional'
  | 'refundSlip'
  | 'settlementSlip'
  | 'testPage'
  /** A community service application's receipt (受理回执): no money. */
  | 'application';

export interface ReceiptLayout {
  kind: ReceiptKind;
  /** A reprint: rendered with COPY_MARK on top. */
  copy: boolean;
  blocks: Block[];
}

/** What a reprint says at its top. Plain GBK, so every printer font has it. */
export const COPY_MARK = '重印 / 副本 COPY';
