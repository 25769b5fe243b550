// The refund slip as text lines, shown on screen and handed to staff (退款凭证): the customer's
// money stays in the cash box and staff pay it back against this slip.
import { formatYuan } from '../api/money';
import { maskAccount } from '../receipts/receipt-text';
import { shanghaiLocal } from '../time/shanghai';

export interface RefundSlipInput {
  terminalId: string;
  agentSerial: string;
  account: string;
  amount: number;
  notes: { value: number; count: number }[];
  at: number;
}

export function refundSlipLines(r: RefundSlipInput): string[] {
  return [
    '退款凭证 (请交社区工作人员)',
    `终端编号: ${r.terminalId}`,
    `时间: ${shanghaiLocal(r.at)}`,
    `户号: ${maskAccount(r.account)}`,
    `流水号: ${r.agentSerial}`,
    ...r.notes.map((n) => `纸币 ${formatYuan(n.value)}元 × ${n.count}`),
    `应退金额: ${formatYuan(r.amount)}元`,
    '工作人员签字: ____________',
  ];
}
