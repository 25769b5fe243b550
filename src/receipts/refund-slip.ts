// The refund slip (退款审核单) for staff review: the biller refused the payment and the cash stays
// in the box until staff pay it back against this slip. It lists the notes taken, the amount,
// the reason, a barcode of the payment serial to scan, and a line for the staff signature.
import { shanghaiLocal } from '../time/shanghai';
import { noteValue, yuan } from './amounts';
import type { Block, ReceiptLayout } from './layout';
import { maskAccount } from './mask';

export interface RefundSlipInput {
  terminalId: string;
  /** The refused payment's agent serial. */
  agentSerial: string;
  billerName: string;
  account: string;
  /** Fen to pay back. */
  amount: number;
  /** The rejection code (e.g. quote_expired), shown in words with the code beside it. */
  reason: string;
  /** Notes taken, by denomination (fen). */
  notes: readonly { value: number; count: number }[];
  at: number;
  copy?: boolean;
}

const REASONS: Readonly<Record<string, string>> = {
  quote_expired: '账单已过期',
  amount_below_due: '金额不足应缴',
  overpayment_not_allowed: '该单位不收多缴款',
  account_locked: '户号已锁定',
  serial_conflict: '流水号冲突',
  partial_payment_not_allowed: '该单位不收部分缴费',
  reversed: '当日冲正',
  rejected: '收费单位拒绝',
};

export function reasonText(code: string): string {
  const words = REASONS[code];
  return words ? `${words} (${code})` : code;
}

export function refundSlip(r: RefundSlipInput): ReceiptLayout {
  const notes: Block[] = r.notes.map((n) => ({
    kind: 'row',
    label: `纸币 ${noteValue(n.value)} × ${n.count}`,
    value: yuan(n.value * n.count),
  }));
  return {
    kind: 'refundSlip',
    copy: r.copy ?? false,
    blocks: [
      { kind: 'title', text: '退款审核单' },
      { kind: 'mark', text: '工作人员核对后退款' },
      { kind: 'row', label: '终端编号', value: r.terminalId },
      { kind: 'row', label: '时间', value: shanghaiLocal(r.at) },
      { kind: 'row', label: '收费单位', value: r.billerName },
      { kind: 'row', label: '户号', value: maskAccount(r.account) },
      { kind: 'row', label: '代收流水号', value: r.agentSerial },
      { kind: 'separator' },
      ...notes,
      { kind: 'total', label: '应退金额', amount: r.amount },
      { kind: 'row', label: '原因', value: reasonText(r.reason) },
      { kind: 'separator' },
      { kind: 'barcode', data: r.agentSerial },
      { kind: 'signature', label: '工作人员签字' },
      { kind: 'signature', label: '日期' },
      { kind: 'note', text: '本单仅供退款审核，不作缴费凭证。' },
    ],
  };
}
