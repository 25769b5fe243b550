// The receipt printer's face: all that code outside drivers/printer/ may use. The host prints
// through ReceiptPrinter; the receipt layer lays documents out with the column helpers and
// previews their bytes. The ESC/POS insides (commands, builder, status bytes) stay behind it
// (lint: kiosk/layer-imports); tests and emulators may still reach in.
export type {
  PaperStatus,
  PrintFailure,
  PrintJob,
  PrintOutcome,
  PrinterDiagnosis,
  PrinterStatus,
  ReceiptPrinter,
} from './printer';
export {
  markCopy,
  documentText,
  type Align,
  type DocOp,
  type PrintDocument,
  type QrErrorLevel,
} from './document';
export { alignRight, columnsFor, spread, textWidth, wrap, type PaperWidth } from './columns';
export { EscPosPrinter, type EscPosPrinterOptions } from './escpos-printer';
export type { PrinterLogger, PrinterTransport, TransportContext } from './escpos/printer-link';
export { UsblpLink, type UsblpLinkOptions } from './escpos/usblp-link';
export { encodeDocument, type EncodedJob } from './escpos/encode-document';
export { isGbk } from './escpos/gb18030';
