// The receipt for a payment the biller has written off (缴费凭证).
import type { PaymentResult } from '../gateway/contract';
import { yuan } from './amounts';
import type { ReceiptLayout } from './layout';
import { billBlocks, headerRows, methodRow, type PaymentFacts } from './payment-blocks';
import { verificationPayload } from './verification';
import { label, noteBlocks, titleBlocks, W } from './words';

export interface PaidReceiptInput extends PaymentFacts {
  agentSerial: string;
  /** Fen taken from the customer. */
  collected: number;
  result: PaymentResult;
  copy?: boolean;
  verifyBase?: string;
}

export function paidReceipt(r: PaidReceiptInput): ReceiptLayout {
  const lang = r.lang ?? 'zh';
  const applied = new Set(r.result.appliedToBills);
  const bills = r.quote.bills.filter((b) => applied.has(b.billId));
  return {
    kind: 'paid',
    copy: r.copy ?? false,
    blocks: [
      ...titleBlocks(W.paidTitle, lang),
      ...headerRows(r),
      ...(bills.length ? [{ kind: 'separator' } as const, ...billBlocks(bills, lang)] : []),
      { kind: 'separator' },
      { kind: 'row', label: label(W.principalTotal, lang), value: yuan(r.result.principalCharged) },
      { kind: 'row', label: label(W.lateFeeTotal, lang), value: yuan(r.result.lateFeeCharged) },
      { kind: 'row', label: label(W.prepaid, lang), value: yuan(r.result.prepaidCredited) },
      { kind: 'total', label: label(W.collected, lang), amount: r.collected },
      methodRow(r),
      { kind: 'separator' },
      { kind: 'row', label: label(W.serial, lang), value: r.agentSerial },
      { kind: 'row', label: label(W.billerTxn, lang), value: r.result.billerTxnId },
      {
        kind: 'qr',
        caption: label(W.paidQr, lang),
        data: verificationPayload(r.agentSerial, r.result.billerTxnId, r.verifyBase),
      },
      ...noteBlocks(W.paidNote, lang),
    ],
  };
}
