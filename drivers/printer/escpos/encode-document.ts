// A PrintDocument as one ESC/POS job: init and Chinese mode, the lines, then feed and cut.
import type { PrintDocument } from '../document';
import { EscPosBuilder } from './builder';

/** Motion units fed past the cutter so the last line clears it. */
const CUT_FEED = 24;

export interface EncodedJob {
  bytes: Buffer;
  /** Characters outside GBK printed as `?`; empty for a well-formed receipt. */
  replaced: string[];
}

export function encodeDocument(doc: PrintDocument, strictText = false): EncodedJob {
  const b = new EscPosBuilder(strictText).init();
  for (const op of doc.ops) {
    if (op.op === 'feed') {
      b.feed(op.lines);
      continue;
    }
    b.align(op.align ?? 'left');
    if (op.op === 'text')
      b.bold(op.bold ?? false)
        .double(op.double ?? false)
        .line(op.text);
    else if (op.op === 'qr') b.qr(op.data, op.moduleSize, op.ec);
    else b.code128(op.data);
  }
  b.align('left').bold(false).double(false).cut(CUT_FEED);
  return { bytes: b.build(), replaced: b.replaced };
}
