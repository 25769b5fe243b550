// A receipt layout as text: exactly the lines the paper shows (paperLines), or compact lines
// for the screen (screenLines), where labels and values read "label：value" — full-width
// punctuation after Chinese, ASCII after an English word (a bilingual receipt's label).
import { documentText, type PaperWidth } from '../../drivers/printer';
import { yuan } from './amounts';
import { COPY_MARK, type Block, type ReceiptLayout } from './layout';
import { receiptDocument } from './render-document';
import { colonAfter, label, overdueWords, W } from './words';

export function paperLines(layout: ReceiptLayout, paper: PaperWidth): string[] {
  return documentText(receiptDocument(layout, paper));
}

function screenLine(b: Block): string[] {
  switch (b.kind) {
    case 'title':
    case 'mark':
    case 'note':
      return [b.text];
    case 'row':
      return [`${b.label}${colonAfter(b.label)}${b.value}`];
    case 'bill': {
      const lang = b.lang ?? 'zh';
      const overdue = overdueWords(b.daysOverdue);
      const days = lang === 'zh' ? overdue.zh : `${overdue.zh} ${overdue.en}`;
      const inParens = lang === 'zh' ? `（${days}）` : `(${days})`;
      const fee = b.lateFee > 0 ? `  ${label(W.lateFee, lang)} ${yuan(b.lateFee)}${inParens}` : '';
      return [`${b.period}  ${label(W.principal, lang)} ${yuan(b.principal)}${fee}`];
    }
    case 'total':
      return [`${b.label}${colonAfter(b.label)}${yuan(b.amount)}`];
    case 'signature':
      return [`${b.label}${colonAfter(b.label)}________`];
    case 'qr':
    case 'barcode':
    case 'separator':
      return []; // the screen shows codes its own way, and needs no rules
  }
}

export function screenLines(layout: ReceiptLayout): string[] {
  const lines = layout.blocks.flatMap(screenLine);
  return layout.copy ? [COPY_MARK, ...lines] : lines;
}
