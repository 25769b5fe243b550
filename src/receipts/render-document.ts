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
import { colonAfter, label, overdueWords, W } from './words';

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
    ...wrapText(value, columns).map((v) => text(alignRight(v, columns), { bold })),
  ];
}

/**
 * Text broken into lines. Chinese character by character, as the printer does; where the text
 * holds English words (a bilingual receipt) between words, so that no word is cut.
 */
export function wrapText(t: string, columns: number): string[] {
  if (!/[A-Za-z]/.test(t)) return wrap(t, columns);
  const lines: string[] = [];
  let line = '';
  for (const token of t.match(/[!-~]+| +|[^ -~]/gu) ?? []) {
    if (token.startsWith(' ')) {
      if (line) line += ' ';
      continue;
    }
    if (textWidth(line + token) <= columns) {
      line += token;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    if (textWidth(token) <= columns) line = token;
    else {
      const parts = wrap(token, columns);
      line = parts.pop() ?? '';
      lines.push(...parts);
    }
  }
  if (line.trim() || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** `label：____…` to the end of the line, with room to sign above it. */
function signatureLines(label: string, columns: number): DocOp[] {
  const head = `${label}${colonAfter(label)}`;
  const room = columns - textWidth(head);
  // A long (bilingual) label gets the line to itself, and the rule the whole width below.
  if (room < 8) return [text(head.trimEnd()), text('_'.repeat(columns))];
  return [text(head + '_'.repeat(room))];
}

function blockOps(b: Block, paper: PaperWidth): DocOp[] {
  const columns = columnsFor(paper);
  switch (b.kind) {
    case 'title':
      return wrapText(b.text, columnsFor(paper, true)).map((t) =>
        text(t, { align: 'center', bold: true, double: true }),
      );
    case 'mark':
      return wrapText(b.text, columns).map((t) => text(t, { align: 'center', bold: true }));
    case 'row':
      return labelled(b.label, b.value, columns);
    case 'bill': {
      const lang = b.lang ?? 'zh';
      const overdue = b.daysOverdue > 0 ? overdueWords(b.daysOverdue) : null;
      return [
        text(`账期 ${b.period}${overdue ? ` ${overdue.zh}` : ''}`),
        ...(lang === 'zh'
          ? []
          : wrapText(`Period ${b.period}${overdue ? `, ${overdue.en}` : ''}`, columns).map((t) =>
              text(t),
            )),
        ...labelled(`  ${label(W.principal, lang)}`, yuan(b.principal), columns),
        ...(b.lateFee > 0 ? labelled(`  ${label(W.lateFee, lang)}`, yuan(b.lateFee), columns) : []),
      ];
    }
    case 'total':
      return labelled(b.label, yuan(b.amount), columns, true);
    case 'qr':
      return [
        ...wrapText(b.caption, columns).map((t) => text(t, { align: 'center' })),
        { op: 'qr', data: b.data, moduleSize: QR_MODULE, ec: 'M', align: 'center' },
      ];
    case 'barcode':
      return [{ op: 'barcode', data: b.data, align: 'center' }];
    case 'separator':
      return [text('-'.repeat(columns))];
    case 'note':
      return wrapText(b.text, columns).map((t) => text(t));
    case 'signature':
      return [{ op: 'feed', lines: 2 }, ...signatureLines(b.label, columns)];
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
