// The reversal slip (冲正退款单): the gateway undid a written-off payment the same day, at staff
// request with a second person's approval, and the cash goes back to the resident against this
// slip (the refund-slip path: a cash_refund item staff pay out). It names both staff by their
// staff numbers, the write-off undone, the amount, a barcode of the payment serial to scan, and
// lines for the signatures.
import { shanghaiLocal } from '../time/shanghai';
import type { ReceiptLayout } from './layout';
import { maskAccount } from './mask';

export interface ReversalSlipInput {
  terminalId: string;
  agentSerial: string;
  billerName: string;
  account: string;
  /** The biller's transaction the reversal undid. */
  billerTxnId: string | null;
  /** Fen to pay back. */
  amount: number;
  /** The reason's words, as staff chose them. */
  reason: string;
  /** Staff numbers. */
  requestedBy: string;
  approvedBy: string;
  at: number;
  copy?: boolean;
}

export function reversalSlip(r: ReversalSlipInput): ReceiptLayout {
  return {
    kind: 'refundSlip',
    copy: r.copy ?? false,
    blocks: [
      { kind: 'title', text: '冲正退款单' },
      { kind: 'mark', text: '当日冲正 工作人员核对后退款' },
      { kind: 'row', label: '终端编号', value: r.terminalId },
      { kind: 'row', label: '时间', value: shanghaiLocal(r.at) },
      { kind: 'row', label: '收费单位', value: r.billerName },
      { kind: 'row', label: '户号', value: maskAccount(r.account) },
      { kind: 'row', label: '代收流水号', value: r.agentSerial },
      ...(r.billerTxnId
        ? [{ kind: 'row', label: '原销账编号', value: r.billerTxnId } as const]
        : []),
      { kind: 'row', label: '冲正原因', value: r.reason },
      { kind: 'row', label: '经办人工号', value: r.requestedBy },
      { kind: 'row', label: '复核人工号', value: r.approvedBy },
      { kind: 'separator' },
      { kind: 'total', label: '应退金额', amount: r.amount },
      { kind: 'separator' },
      { kind: 'barcode', data: r.agentSerial },
      { kind: 'signature', label: '工作人员签字' },
      { kind: 'signature', label: '居民签字' },
      { kind: 'note', text: '本单为冲正退款凭据，原缴费凭证作废。' },
    ],
  };
}
