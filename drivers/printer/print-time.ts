// How long the paper takes to come out, roughly: the driver waits this long after the bytes
// are on the wire before it asks for the status again, so a roll that runs out halfway through
// the receipt is seen as a failed job rather than after the next customer's.
import type { PrintDocument } from './document';

const DOTS_PER_MM = 8;
const LINE_DOTS = 30;
/** The cut: feed past the cutter and the blade's travel. */
const CUT_DOTS = 120;

/** QR modules for `length` bytes, roughly (version grows about one per 20 bytes at EC M). */
const qrModules = (length: number): number => 21 + 4 * Math.max(0, Math.ceil(length / 20) - 1);

export function printLengthDots(doc: PrintDocument): number {
  let dots = CUT_DOTS;
  for (const op of doc.ops) {
    if (op.op === 'text') dots += op.double ? 2 * LINE_DOTS : LINE_DOTS;
    else if (op.op === 'feed') dots += op.lines * LINE_DOTS;
    else if (op.op === 'qr') dots += (qrModules(op.data.length) + 2) * op.moduleSize;
    else dots += 80 + LINE_DOTS;
  }
  return dots;
}

export function estimatePrintMs(doc: PrintDocument, speedMmPerS: number): number {
  return Math.ceil((printLengthDots(doc) / DOTS_PER_MM / speedMmPerS) * 1000);
}
