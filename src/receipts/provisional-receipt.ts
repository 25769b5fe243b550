// The provisional receipt (受理凭证): the money is safely in, the write-off at the biller is
// still pending. It says so in plain words and carries no biller transaction id; its QR code
// carries the agent serial, by which the payment can be looked up and the receipt reprinted.
import { yuan } from './amounts';
import type { ReceiptLayout } from './layout';
import {
  billBlocks,
  billsCovered,
  headerRows,
  methodRow,
  type PaymentFacts,
} from './payment-blocks';
import { verificationPayload } from './verification';
import { label, markBlocks, noteBlocks, titleBlocks, W } from './words';

export interface ProvisionalReceiptInput extends PaymentFacts {
  agentSerial: string;
  collected: number;
  /** What this payment was for (the overdue bills only, or the whole quote: the default). */
  amountDue?: number;
  copy?: boolean;
  verifyBase?: string;
}

export function provisionalReceipt(r: ProvisionalReceiptInput): ReceiptLayout {
  const lang = r.lang ?? 'zh';
  const due = r.amountDue ?? r.quote.totalDue;
  const bills = due >= r.quote.totalDue ? r.quote.bills : billsCovered(r.quote.bills, due);
  return {
    kind: 'provisional',
    copy: r.copy ?? false,
    blocks: [
      ...titleBlocks(W.provisionalTitle, lang),
      ...markBlocks(W.provisionalMark, lang),
      ...headerRows(r),
      ...(bills.length ? [{ kind: 'separator' } as const, ...billBlocks(bills, lang)] : []),
      { kind: 'separator' },
      { kind: 'row', label: label(W.amountDue, lang), value: yuan(due) },
      { kind: 'total', label: label(W.collected, lang), amount: r.collected },
      methodRow(r),
      { kind: 'separator' },
      { kind: 'row', label: label(W.serial, lang), value: r.agentSerial },
      ...noteBlocks(W.provisionalNote, lang),
      {
        kind: 'qr',
        caption: label(W.provisionalQr, lang),
        data: verificationPayload(r.agentSerial, null, r.verifyBase),
      },
    ],
  };
}
