// One payment, fixed: two electricity bills (one overdue with a late fee), 300 yuan in notes,
// 95.90 yuan over the due credited as prepayment.
import type { PaymentResult, Quote } from '../../src/gateway/contract';
import type { ReceiptInput } from '../../src/receipts/receipt-text';
import type { RefundSlipInput } from '../../src/receipts/refund-slip';

export const SERIAL = 'SH-XH-WK-0007-20261126-000123';
export const TXN = 'SGCC-20261126-000042';
export const AT = Date.parse('2026-11-26T14:05:40+08:00');

export const quote: Quote = {
  quoteId: 'Q-1',
  billerId: 'sgcc-sh',
  account: '3100123456',
  holder: '张三明',
  address: '徐汇区某路1号',
  bills: [
    {
      billId: 'B-2026-09',
      period: '2026-09',
      principal: 12_000,
      lateFee: 360,
      dueDate: '2026-10-15',
      daysOverdue: 42,
    },
    {
      billId: 'B-2026-10',
      period: '2026-10',
      principal: 8_050,
      lateFee: 0,
      dueDate: '2026-11-15',
      daysOverdue: 0,
    },
  ],
  totalDue: 20_410,
  prepaidBalance: 0,
  quotedAt: '2026-11-26T14:00:00+08:00',
  expiresAt: '2026-11-26T14:30:00+08:00',
};

export const result: PaymentResult = {
  agentSerial: SERIAL,
  status: 'written_off',
  billerTxnId: TXN,
  writtenOffAt: '2026-11-26T14:05:41+08:00',
  appliedToBills: ['B-2026-09', 'B-2026-10'],
  principalCharged: 20_050,
  lateFeeCharged: 360,
  prepaidCredited: 9_590,
};

export const paidInput: ReceiptInput = {
  terminalId: 'SH-XH-WK-0007',
  billerName: '国网上海市电力公司',
  agentSerial: SERIAL,
  quote,
  collected: 30_000,
  at: AT,
  method: 'cash',
  result,
};

export const pendingInput: ReceiptInput = { ...paidInput, result: null };

export const refundInput: RefundSlipInput = {
  terminalId: 'SH-XH-WK-0007',
  agentSerial: SERIAL,
  billerName: '国网上海市电力公司',
  account: '3100123456',
  amount: 30_000,
  reason: 'quote_expired',
  notes: [
    { value: 10_000, count: 2 },
    { value: 5_000, count: 1 },
    { value: 2_000, count: 2 },
    { value: 1_000, count: 1 },
  ],
  at: AT,
};
