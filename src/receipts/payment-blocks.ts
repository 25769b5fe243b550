// Blocks the paid receipt and the provisional receipt share: who, where, when, and the bills.
import type { Bill, Quote } from '../gateway/contract';
import { shanghaiLocal } from '../time/shanghai';
import type { Block } from './layout';
import { maskAccount, maskName } from './mask';

export interface PaymentFacts {
  terminalId: string;
  billerName: string;
  quote: Quote;
  /** Epoch ms of the payment; printed in Shanghai time. */
  at: number;
  /** How the money came, as journalled with the payment. */
  method: 'cash' | 'qr' | 'card';
}

const METHOD: Record<PaymentFacts['method'], string> = {
  cash: '现金',
  qr: '扫码（微信·支付宝）',
  card: '银行卡',
};

/** How she paid: notes, or her phone (a wallet), or a card. */
export function methodRow(p: PaymentFacts): Block {
  return { kind: 'row', label: '支付方式', value: METHOD[p.method] };
}

export function headerRows(p: PaymentFacts): Block[] {
  return [
    { kind: 'row', label: '终端编号', value: p.terminalId },
    { kind: 'row', label: '交易时间', value: shanghaiLocal(p.at) },
    { kind: 'row', label: '收费单位', value: p.billerName },
    { kind: 'row', label: '户号', value: maskAccount(p.quote.account) },
    { kind: 'row', label: '户名', value: maskName(p.quote.holder) },
  ];
}

export function billBlocks(bills: readonly Bill[]): Block[] {
  return bills.map((b) => ({
    kind: 'bill',
    period: b.period,
    principal: b.principal,
    lateFee: b.lateFee,
    daysOverdue: b.daysOverdue,
  }));
}
