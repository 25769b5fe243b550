// The receipt for a payment the biller has written off (缴费凭证).
import type { PaymentResult } from '../gateway/contract';
import { yuan } from './amounts';
import type { ReceiptLayout } from './layout';
import { billBlocks, headerRows, methodRow, type PaymentFacts } from './payment-blocks';
import { verificationPayload } from './verification';

export interface PaidReceiptInput extends PaymentFacts {
  agentSerial: string;
  /** Fen taken from the customer. */
  collected: number;
  result: PaymentResult;
  copy?: boolean;
  verifyBase?: string;
}

export function paidReceipt(r: PaidReceiptInput): ReceiptLayout {
  const applied = new Set(r.result.appliedToBills);
  const bills = r.quote.bills.filter((b) => applied.has(b.billId));
  return {
    kind: 'paid',
    copy: r.copy ?? false,
    blocks: [
      { kind: 'title', text: '缴费凭证' },
      ...headerRows(r),
      ...(bills.length ? [{ kind: 'separator' } as const, ...billBlocks(bills)] : []),
      { kind: 'separator' },
      { kind: 'row', label: '本金合计', value: yuan(r.result.principalCharged) },
      { kind: 'row', label: '违约金合计', value: yuan(r.result.lateFeeCharged) },
      { kind: 'row', label: '转入预存', value: yuan(r.result.prepaidCredited) },
      { kind: 'total', label: '实收金额', amount: r.collected },
      methodRow(r),
      { kind: 'separator' },
      { kind: 'row', label: '代收流水号', value: r.agentSerial },
      { kind: 'row', label: '销账编号', value: r.result.billerTxnId },
      {
        kind: 'qr',
        caption: '扫码核验缴费记录',
        data: verificationPayload(r.agentSerial, r.result.billerTxnId, r.verifyBase),
      },
      { kind: 'note', text: '请妥善保管本凭证。如有疑问，请联系社区工作人员。' },
    ],
  };
}
