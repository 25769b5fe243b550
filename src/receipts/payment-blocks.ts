// Blocks the paid receipt and the provisional receipt share: who, where, when, and the bills.
import type { Bill, Quote } from '../gateway/contract';
import { shanghaiLocal } from '../time/shanghai';
import type { Block } from './layout';
import { maskAccount, maskName } from './mask';
import { label, W, type ReceiptLanguage } from './words';

export interface PaymentFacts {
  terminalId: string;
  /** The payee; its English name is printed too on a bilingual receipt. */
  billerName: string;
  billerNameEn?: string;
  quote: Quote;
  /** Epoch ms of the payment; printed in Shanghai time. */
  at: number;
  /** Chinese (default), or Chinese and English for a customer who chose English. */
  lang?: ReceiptLanguage;
  /** How the money came, as journalled with the payment. */
  method: 'cash' | 'qr' | 'card';
}

const METHOD = { cash: W.methodCash, qr: W.methodQr, card: W.methodCard } as const;

/** How she paid: notes, or her phone (a wallet), or a card. */
export function methodRow(p: PaymentFacts): Block {
  const lang = p.lang ?? 'zh';
  return { kind: 'row', label: label(W.method, lang), value: label(METHOD[p.method], lang) };
}

export function headerRows(p: PaymentFacts): Block[] {
  const lang = p.lang ?? 'zh';
  const payee =
    lang === 'zh+en' && p.billerNameEn ? `${p.billerName} ${p.billerNameEn}` : p.billerName;
  return [
    { kind: 'row', label: label(W.terminal, lang), value: p.terminalId },
    { kind: 'row', label: label(W.time, lang), value: shanghaiLocal(p.at) },
    { kind: 'row', label: label(W.payee, lang), value: payee },
    { kind: 'row', label: label(W.account, lang), value: maskAccount(p.quote.account) },
    { kind: 'row', label: label(W.holder, lang), value: maskName(p.quote.holder) },
  ];
}

export function billBlocks(bills: readonly Bill[], lang: ReceiptLanguage = 'zh'): Block[] {
  return bills.map((b) => ({
    kind: 'bill',
    period: b.period,
    principal: b.principal,
    lateFee: b.lateFee,
    daysOverdue: b.daysOverdue,
    ...(lang === 'zh' ? {} : { lang }),
  }));
}

/**
 * The bills an amount pays: whole bills, oldest due date first, up to the first it cannot
 * cover — how a biller that takes part payments settles them (docs/ARCHITECTURE.md). All of
 * them when the amount is the whole due.
 */
export function billsCovered(bills: readonly Bill[], amount: number): Bill[] {
  const paid: Bill[] = [];
  let left = amount;
  for (const b of [...bills].sort((x, y) => x.dueDate.localeCompare(y.dueDate))) {
    if (b.principal + b.lateFee > left) break;
    paid.push(b);
    left -= b.principal + b.lateFee;
  }
  return paid;
}
