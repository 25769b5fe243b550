// The receipt as lines of text: what the success screen shows now and what the printer will
// print later (issue: ESC/POS receipts). Always Chinese, as printed receipts are.
import { formatYuan } from '../api/money';
import type { Bill, PaymentResult, Quote } from '../gateway/contract';
import { shanghaiLocal } from '../time/shanghai';

export interface ReceiptInput {
  terminalId: string;
  billerName: string;
  agentSerial: string;
  quote: Quote;
  collected: number;
  at: number;
  /** The gateway's write-off, or null while it is pending (provisional receipt, 受理凭证). */
  result: PaymentResult | null;
}

/** 3100123456 → 3100****56: enough for the customer to recognise, not to reuse. */
export function maskAccount(account: string): string {
  if (account.length <= 6) return account;
  return account.slice(0, 4) + '*'.repeat(account.length - 6) + account.slice(-2);
}

function billLine(b: Bill): string {
  const fee = b.lateFee > 0 ? `  违约金 ${formatYuan(b.lateFee)}元(逾期${b.daysOverdue}天)` : '';
  return `${b.period}  本金 ${formatYuan(b.principal)}元${fee}`;
}

export function receiptLines(r: ReceiptInput): string[] {
  const paid = r.result !== null;
  const lines = [
    paid ? `${r.billerName} 缴费凭证` : `${r.billerName} 受理凭证`,
    `终端编号: ${r.terminalId}`,
    `时间: ${shanghaiLocal(r.at)}`,
    `户号: ${maskAccount(r.quote.account)}`,
    `户名: ${r.quote.holder}`,
    ...r.quote.bills.map(billLine),
    `实收金额: ${formatYuan(r.collected)}元`,
  ];
  if (r.result) {
    lines.push(`其中本金: ${formatYuan(r.result.principalCharged)}元`);
    lines.push(`其中违约金: ${formatYuan(r.result.lateFeeCharged)}元`);
    if (r.result.prepaidCredited > 0)
      lines.push(`转入预存: ${formatYuan(r.result.prepaidCredited)}元`);
    lines.push(`代收流水号: ${r.agentSerial}`);
    lines.push(`销账编号: ${r.result.billerTxnId}`);
  } else {
    lines.push(`代收流水号: ${r.agentSerial}`);
    lines.push('销账处理中: 款项已收妥, 将自动入账, 无需再次缴费');
  }
  return lines;
}
