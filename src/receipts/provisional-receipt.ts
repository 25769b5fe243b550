// The provisional receipt (受理凭证): the money is safely in, the write-off at the biller is
// still pending. It says so in plain words and carries no biller transaction id; its QR code
// carries the agent serial, by which the payment can be looked up and the receipt reprinted.
import { yuan } from './amounts';
import type { ReceiptLayout } from './layout';
import { billBlocks, headerRows, methodRow, type PaymentFacts } from './payment-blocks';
import { verificationPayload } from './verification';

export interface ProvisionalReceiptInput extends PaymentFacts {
  agentSerial: string;
  collected: number;
  copy?: boolean;
  verifyBase?: string;
}

export function provisionalReceipt(r: ProvisionalReceiptInput): ReceiptLayout {
  return {
    kind: 'provisional',
    copy: r.copy ?? false,
    blocks: [
      { kind: 'title', text: '受理凭证' },
      { kind: 'mark', text: '销账处理中' },
      ...headerRows(r),
      ...(r.quote.bills.length
        ? [{ kind: 'separator' } as const, ...billBlocks(r.quote.bills)]
        : []),
      { kind: 'separator' },
      { kind: 'row', label: '应缴金额', value: yuan(r.quote.totalDue) },
      { kind: 'total', label: '实收金额', amount: r.collected },
      methodRow(r),
      { kind: 'separator' },
      { kind: 'row', label: '代收流水号', value: r.agentSerial },
      {
        kind: 'note',
        text: '款项已收妥，正在向收费单位销账，完成后将自动入账，无需再次缴费。本凭证不是缴费凭证，入账后可凭代收流水号补打缴费凭证。',
      },
      {
        kind: 'qr',
        caption: '扫码查询入账进度',
        data: verificationPayload(r.agentSerial, null, r.verifyBase),
      },
    ],
  };
}
