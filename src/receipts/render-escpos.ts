// A receipt layout as the ESC/POS bytes of one print job.
import { encodeDocument, type EncodedJob, type PaperWidth } from '../../drivers/printer';
import type { ReceiptLayout } from './layout';
import { receiptDocument } from './render-document';

/** The job's bytes, and any character outside GBK that had to print as `?` (normally none). */
export function receiptBytes(layout: ReceiptLayout, paper: PaperWidth): EncodedJob {
  return encodeDocument(receiptDocument(layout, paper));
}
