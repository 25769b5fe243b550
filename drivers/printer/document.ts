// A print job as data, independent of the printer's command language: the receipt layer lays
// out lines for a paper width and the driver encodes them (ESC/POS today). Plain data, so it
// can cross a process boundary when the drivers move into a utility process.
import { columnsFor, wrap, type PaperWidth } from './columns';

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

export type DocOp =
  /** One printed line; the author fits it to the paper (the printer wraps what does not fit). */
  | { op: 'text'; text: string; align?: Align; bold?: boolean; double?: boolean }
  /** A QR code (model 2) printed by the printer itself from `data`. */
  | { op: 'qr'; data: string; moduleSize: number; ec: QrErrorLevel; align?: Align }
  /** A CODE128 barcode (code set B: printable ASCII). */
  | { op: 'barcode'; data: string; align?: Align }
  | { op: 'feed'; lines: number };

export interface PrintDocument {
  paper: PaperWidth;
  ops: DocOp[];
  /** The words a reprint carries at its top (e.g. 重印 / 副本); chosen by the author. */
  copyMark: string;
  /** True once the copy mark is on it, so a copy is never marked twice. */
  copy: boolean;
}

/** The same document marked as a copy: the mark, bold and centred, above everything else. */
export function markCopy(doc: PrintDocument): PrintDocument {
  if (doc.copy) return doc;
  const mark: DocOp = { op: 'text', text: doc.copyMark, align: 'center', bold: true };
  return { ...doc, ops: [mark, ...doc.ops], copy: true };
}

/**
 * The document as the lines of text the paper shows, one string per printed line: what tests
 * compare with the printer emulator's reading of the bytes. Alignment is not shown; a QR code
 * reads `[QR] <data>` and a barcode `[CODE128] <data>`.
 */
export function documentText(doc: PrintDocument): string[] {
  const lines: string[] = [];
  for (const op of doc.ops) {
    if (op.op === 'text') lines.push(...wrap(op.text, columnsFor(doc.paper, op.double)));
    else if (op.op === 'qr') lines.push(`[QR] ${op.data}`);
    else if (op.op === 'barcode') lines.push(`[CODE128] ${op.data}`);
    else for (let i = 0; i < op.lines; i++) lines.push('');
  }
  return lines;
}
