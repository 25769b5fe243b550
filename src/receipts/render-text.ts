// A receipt layout as text: exactly the lines the paper shows (paperLines), or compact lines
// for the screen (screenLines), where labels and values read "label：value" (Chinese text, so
// full-width punctuation).
import { documentText, type PaperWidth } from '../../drivers/printer';
import { yuan } from './amounts';
import { COPY_MARK, type Block, type ReceiptLayout } from './layout';
import { receiptDocument } from './render-document';

export function paperLines(layout: ReceiptLayout, paper: PaperWidth): string[] {
  return documentText(receiptDocument(layout, paper));
}

function screenLine(b: Block): string | null {
  switch (b.kind) {
    case 'title':
    case 'mark':
    case 'note':
      return b.text;
    case 'row':
      return `${b.label}：${b.value}`;
    case 'bill': {
      const fee = b.lateFee > 0 ? `  违约金 ${yuan(b.lateFee)}（逾期${b.daysOverdue}天）` : '';
      return `${b.period}  本金 ${yuan(b.principal)}${fee}`;
    }
    case 'total':
      return `${b.label}：${yuan(b.amount)}`;
    case 'signature':
      return `${b.label}：________`;
    case 'qr':
    case 'barcode':
    case 'separator':
      return null; // the screen shows codes its own way, and needs no rules
  }
}

export function screenLines(layout: ReceiptLayout): string[] {
  const lines = layout.blocks.map(screenLine).filter((l): l is string => l !== null);
  return layout.copy ? [COPY_MARK, ...lines] : lines;
}
