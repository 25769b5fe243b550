// The refund slip (退款审核单) for staff review: the biller refused the payment (or the resident
// stopped short where the bill must be paid in full) and the cash stays in the box until staff
// pay it back against this slip. It lists the notes taken, the amount, the reason in the
// resident's words (never a code), a barcode of the payment serial to scan, and a line for the
// staff signature. Bilingual for a resident who chose English.
import { refundReasonWords } from '../api/refund-reasons';
import { shanghaiLocal } from '../time/shanghai';
import { noteValue, yuan } from './amounts';
import type { Block, ReceiptLayout } from './layout';
import { maskAccount } from './mask';
import {
  label,
  markBlocks,
  noteBlocks,
  titleBlocks,
  W,
  type ReceiptLanguage,
  type Words,
} from './words';

export interface RefundSlipInput {
  terminalId: string;
  /** The refused payment's agent serial. */
  agentSerial: string;
  billerName: string;
  /** The payee's English name, beside the Chinese on a bilingual slip. */
  billerNameEn?: string;
  account: string;
  /** Fen to pay back. */
  amount: number;
  /** The rejection code (e.g. quote_expired); printed in words, never as the code. */
  reason: string;
  /** Notes taken, by denomination (fen). */
  notes: readonly { value: number; count: number }[];
  at: number;
  copy?: boolean;
  /** Chinese (default), or Chinese and English. */
  lang?: ReceiptLanguage;
}

/** The reason in words for the slip (src/api/refund-reasons.ts, shared with the staff screens). */
export function reasonWords(code: string): Words {
  return refundReasonWords(code);
}

export function refundSlip(r: RefundSlipInput): ReceiptLayout {
  const lang = r.lang ?? 'zh';
  const payee =
    lang === 'zh+en' && r.billerNameEn ? `${r.billerName} ${r.billerNameEn}` : r.billerName;
  const notes: Block[] = r.notes.map((n) => ({
    kind: 'row',
    label: `${label(W.notes, lang)} ${noteValue(n.value)} × ${n.count}`,
    value: yuan(n.value * n.count),
  }));
  return {
    kind: 'refundSlip',
    copy: r.copy ?? false,
    blocks: [
      ...titleBlocks(W.refundTitle, lang),
      ...markBlocks(W.refundMark, lang),
      { kind: 'row', label: label(W.terminal, lang), value: r.terminalId },
      { kind: 'row', label: label(W.slipTime, lang), value: shanghaiLocal(r.at) },
      { kind: 'row', label: label(W.payee, lang), value: payee },
      { kind: 'row', label: label(W.account, lang), value: maskAccount(r.account) },
      { kind: 'row', label: label(W.serial, lang), value: r.agentSerial },
      { kind: 'separator' },
      ...notes,
      { kind: 'total', label: label(W.refundAmount, lang), amount: r.amount },
      { kind: 'row', label: label(W.reason, lang), value: reasonWords(r.reason).zh },
      ...(lang === 'zh' ? [] : [{ kind: 'note' as const, text: reasonWords(r.reason).en }]),
      { kind: 'separator' },
      { kind: 'barcode', data: r.agentSerial },
      { kind: 'signature', label: label(W.staffSignature, lang) },
      { kind: 'signature', label: label(W.date, lang) },
      ...noteBlocks(W.refundNote, lang),
    ],
  };
}
