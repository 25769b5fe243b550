// A receipt layout laid out for paper: lines fitted to the width (a CJK character is two
// columns), labels on the left and values on the right, long values on their own line.
import {
  alignRight,
  columnsFor,
  spread,
  textWidth,
  wrap,
  type PaperWidth,
  markCopy,
  type DocOp,
  type PrintDocument,
} from '../../drivers/printer';
import { yuan } from './amounts';
import { COPY_MARK, type Block, type ReceiptLayout } from './layout';

/** QR module size in dots: about 0.75 mm at 8 dots/mm, which phones read easily. */
const QR_MODULE = 6;

const text = (
  t: string,
  style: Omit<Extract<DocOp, { op: 'text' }>, 'op' | 'text'> = {},
): DocOp => ({
  op: 'text',
  text: t,
  ...style,
});

/** Label and value on one line, or the value right-aligned on the lines below. */
function labelled(label: string, value: string, columns: number, bold = false): DocOp[] {
  const one = spread(label, value, columns);
  if (one !== null) return [text(one, { bold })];
  return [
    text(label, { bold }),
    ...wrap(value, columns).map((v) => text(alignRight(v, columns), { bold })),
  ];
}

/** `label：____…` to the end of the line, with room to sign above it. */
function signatureLine(label: string, columns: number): DocOp {
  const head = `${label}：`;
  return text(head + '_'.repeat(Math.max(8, columns - textWidth(head))));
}

function blockOps(b: Block, paper: PaperWidth): DocOp[] {
  const columns = columnsFor(paper);
  switch (b.kind) {
    case 'title':
      return wrap(b.text, columnsFor(paper, true)).map((t) =>
        text(t, { align: 'center', bold: true, double: true }),
      );
    case 'mark':
      return wrap(b.text, columns).map((t) => text(t, { align: 'center', bold: true }));
    case 'row':
      return labelled(b.label, b.value, columns);
    case 'bill': {
      const overdue = b.daysOverdue > 0 ? ` 逾期${b.daysOverdue}天` : '';
      return [
        text(`账期 ${b.period}${overdue}`),
        ...labelled('  本金', yuan(b.principal), columns),
        ...(b.lateFee > 0 ? labelled('  违约金', yuan(b.lateFee), columns) : []),
      ];
    }
    case 'total':
      return labelled(b.label, yuan(b.amount), columns, true);
    case 'qr':
      return [
        ...wrap(b.caption, columns).map((t) => text(t, { align: 'center' })),
        { op: 'qr', data: b.data, moduleSize: QR_MODULE, ec: 'M', align: 'center' },
      ];
    case 'barcode':
      return [{ op: 'barcode', data: b.data, align: 'center' }];
    case 'separator':
      return [text('-'.repeat(columns))];
    case 'note':
      return wrap(b.text, columns).map((t) => text(t));
    case 'signature':
      return [{ op: 'feed', lines: 2 }, signatureLine(b.label, columns)];
  }
}

/** The layout as a document for this paper; a copy carries COPY_MARK on top. */
export function receiptDocument(layout: ReceiptLayout, paper: PaperWidth): PrintDocument {
  const doc: PrintDocument = {
    paper,
    ops: layout.blocks.flatMap((b) => blockOps(b, paper)),
    copyMark: COPY_MARK,
    copy: false,
  };
  return layout.copy ? markCopy(doc) : doc;
}
