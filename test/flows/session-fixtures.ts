// The biller and the quote the session tests pay: State Grid Shanghai, one bill 42 days
// overdue (186.50 yuan and a 7.83 yuan late fee). Shared by the flow tests and the model.
import { ELECTRICITY } from '../../sim/gallery/fixture-data';
import type { BillerChoice, QuoteChoice } from '../../src/flows/session-types';

export const POWER: BillerChoice = {
  ...ELECTRICITY,
  acceptsOverpayment: true,
  allowsPartial: false,
  accountPattern: '^\\d{10}$',
};

export const QUOTE: QuoteChoice = {
  quoteId: 'q_1',
  billerId: 'sh-power',
  expiresAt: '2026-11-26T14:13:11+08:00',
  raw: '{}',
  account: '3100123456',
  holder: '张*明',
  address: '武康路**弄**号',
  bills: [
    {
      billId: 'b1',
      period: '2026-09',
      principal: 18650,
      lateFee: 783,
      dueDate: '2026-10-15',
      daysOverdue: 42,
    },
  ],
  totalDue: 19433,
  quotedAt: '2026-11-26T14:03:11+08:00',
};
