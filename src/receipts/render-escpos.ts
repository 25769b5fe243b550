// A receipt layout as the ESC/POS bytes of one print job.
import type { PaperWidth } from '../../drivers/printer/columns';
import { encodeDocument, type EncodedJob } from '../../drivers/printer/escpos/encode-document';
import type { ReceiptLayout } from './layout';
import { receiptDocument } from './render-document';

/** The job's bytes, and any character outside GBK that had to print as `?` (normally none). */
export function receiptBytes(layout: ReceiptLayout, paper: PaperWidth): EncodedJob {
  return encodeDocument(receiptDocument(layout, paper));
}
