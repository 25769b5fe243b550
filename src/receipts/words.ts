// The words a resident's receipt prints, in Chinese and English. A receipt is Chinese; when she
// chose English it is bilingual: each label carries its English beside the Chinese, and each
// title and sentence is followed by its English line. Plain ASCII English, so GB18030 (and every
// printer font) has it; amounts keep 元.
import type { Block } from './layout';

/** Chinese only, or Chinese with English (a customer who chose English). */
export type ReceiptLanguage = 'zh' | 'zh+en';

export interface Words {
  zh: string;
  en: string;
}

/** The language of a customer's receipt: English adds English, Chinese stays Chinese. */
export const receiptLanguage = (locale: 'zh-CN' | 'en'): ReceiptLanguage =>
  locale === 'en' ? 'zh+en' : 'zh';

/** A label: the Chinese, and its English after a space when bilingual. */
export function label(w: Words, lang: ReceiptLanguage): string {
  return lang === 'zh' ? w.zh : `${w.zh} ${w.en}`;
}

/** The colon after a label: full-width after Chinese, ASCII after an English word. */
export const colonAfter = (label: string): string => (/[!-~]$/.test(label) ? ': ' : '：');

/** A heading: the Chinese title, then (bilingual) the English as a centred bold line. */
export function titleBlocks(w: Words, lang: ReceiptLanguage): Block[] {
  return [
    { kind: 'title', text: w.zh },
    ...(lang === 'zh' ? [] : [{ kind: 'mark' as const, text: w.en }]),
  ];
}

/** A banner, and its English below it when bilingual. */
export function markBlocks(w: Words, lang: ReceiptLanguage): Block[] {
  return [
    { kind: 'mark', text: w.zh },
    ...(lang === 'zh' ? [] : [{ kind: 'mark' as const, text: w.en }]),
  ];
}

/** Running text, and its English below it when bilingual. */
export function noteBlocks(w: Words, lang: ReceiptLanguage): Block[] {
  return [
    { kind: 'note', text: w.zh },
    ...(lang === 'zh' ? [] : [{ kind: 'note' as const, text: w.en }]),
  ];
}

/** Every label and sentence of the resident's receipts and refund slip. */
export const W = {
  terminal: { zh: '终端编号', en: 'Terminal' },
  time: { zh: '交易时间', en: 'Time' },
  slipTime: { zh: '时间', en: 'Time' },
  payee: { zh: '收费单位', en: 'Paid to' },
  account: { zh: '户号', en: 'Account' },
  holder: { zh: '户名', en: 'Holder' },
  period: { zh: '账期', en: 'Period' },
  principal: { zh: '本金', en: 'Amount' },
  lateFee: { zh: '违约金', en: 'Late fee' },
  principalTotal: { zh: '本金合计', en: 'Amount paid' },
  lateFeeTotal: { zh: '违约金合计', en: 'Late fees' },
  prepaid: { zh: '转入预存', en: 'Kept on account' },
  collected: { zh: '实收金额', en: 'Received' },
  method: { zh: '支付方式', en: 'Paid by' },
  methodCash: { zh: '现金', en: 'Cash' },
  methodQr: { zh: '扫码（微信·支付宝）', en: 'QR (WeChat, Alipay)' },
  methodCard: { zh: '银行卡', en: 'Card' },
  amountDue: { zh: '应缴金额', en: 'Amount due' },
  serial: { zh: '代收流水号', en: 'Serial' },
  billerTxn: { zh: '销账编号', en: 'Biller ref.' },
  notes: { zh: '纸币', en: 'Notes' },
  refundAmount: { zh: '应退金额', en: 'To give back' },
  reason: { zh: '原因', en: 'Reason' },
  staffSignature: { zh: '工作人员签字', en: 'Staff signature' },
  date: { zh: '日期', en: 'Date' },
  paidTitle: { zh: '缴费凭证', en: 'Payment receipt' },
  paidQr: { zh: '扫码核验缴费记录', en: 'Scan to check this payment' },
  paidNote: {
    zh: '请妥善保管本凭证。如有疑问，请联系社区工作人员。',
    en: 'Please keep this receipt. If anything is unclear, ask the committee staff.',
  },
  provisionalTitle: { zh: '受理凭证', en: 'Payment received' },
  provisionalMark: { zh: '销账处理中', en: 'Being recorded by the biller' },
  provisionalNote: {
    zh: '款项已收妥，正在向收费单位销账，完成后将自动入账，无需再次缴费。本凭证不是缴费凭证，入账后可凭代收流水号补打缴费凭证。',
    en: 'Your money is safely received and is being recorded by the biller: do not pay again. This is not the payment receipt; once recorded, staff can print it by the serial.',
  },
  provisionalQr: { zh: '扫码查询入账进度', en: 'Scan to see when it is recorded' },
  refundTitle: { zh: '退款审核单', en: 'Refund slip' },
  refundMark: { zh: '工作人员核对后退款', en: 'Staff check it and give the money back' },
  refundNote: {
    zh: '本单仅供退款审核，不作缴费凭证。',
    en: 'For the refund only: this is not a payment receipt.',
  },
} as const satisfies Record<string, Words>;

/** "逾期42天" / "42 days overdue". */
export const overdueWords = (days: number): Words => ({
  zh: `逾期${days}天`,
  en: `${days} days overdue`,
});
