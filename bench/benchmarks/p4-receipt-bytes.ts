// P4: the standard paid receipt (80 mm, verification QR) as native ESC/POS (GB18030 text and
// GS ( k QR) against the same receipt as a raster image (GS v 0, 576 dots wide, 1 bit a dot).
// The image is the one the printer emulator draws from the native bytes at printer resolution,
// so both jobs put the same paper out. Value: native ÷ raster bytes (target ≤ 0.1); the time on
// the wire is bytes × 10 bits (8N1) ÷ baud, and the native job must take ≤ 1.5 s at 9600 baud.
import { encodeDocument } from '../../drivers/printer/escpos/encode-document';
import * as cmd from '../../drivers/printer/escpos/commands';
import { rasterCommands } from '../../drivers/printer/escpos/raster';
import { PrinterEmulator } from '../../sim/devices/printer-emulator';
import type { PaymentResult, Quote } from '../../src/gateway/contract';
import { paidReceipt } from '../../src/receipts/paid-receipt';
import { receiptDocument } from '../../src/receipts/render-document';
import type { Benchmark } from '../harness';
import { round } from './support';

const TARGET_RATIO = 0.1;
const TARGET_SECONDS_9600 = 1.5;
const BAUDS = [9600, 115_200] as const;
const SERIAL = 'SH-XH-WK-0007-20261126-000123';

/** A typical electricity payment: an overdue bill with a late fee, a current one, change
 * credited as prepayment. */
const quote: Quote = {
  quoteId: 'Q-P4',
  billerId: 'sgcc-sh',
  account: '3100123456',
  holder: '张三明',
  address: '徐汇区某路1号',
  bills: [
    {
      billId: 'B1',
      period: '2026-09',
      principal: 12_000,
      lateFee: 360,
      dueDate: '2026-10-15',
      daysOverdue: 42,
    },
    {
      billId: 'B2',
      period: '2026-10',
      principal: 8_050,
      lateFee: 0,
      dueDate: '2026-11-15',
      daysOverdue: 0,
    },
  ],
  totalDue: 20_410,
  prepaidBalance: 0,
  quotedAt: '2026-11-26T14:00:00+08:00',
  expiresAt: '2026-11-26T14:30:00+08:00',
};
const result: PaymentResult = {
  agentSerial: SERIAL,
  status: 'written_off',
  billerTxnId: 'SGCC-20261126-000042',
  writtenOffAt: '2026-11-26T14:05:41+08:00',
  appliedToBills: ['B1', 'B2'],
  principalCharged: 20_050,
  lateFeeCharged: 360,
  prepaidCredited: 9_590,
};

const wireSeconds = (bytes: number, baud: number): number => (bytes * 10) / baud;

export const p4: Benchmark = {
  id: 'P4',
  title: 'receipt bytes: native ESC/POS vs raster image (80 mm paid receipt with QR)',
  async run() {
    const layout = paidReceipt({
      terminalId: 'SH-XH-WK-0007',
      billerName: '国网上海市电力公司',
      agentSerial: SERIAL,
      quote,
      collected: 30_000,
      at: Date.parse('2026-11-26T14:05:40+08:00'),
      method: 'cash',
      result,
    });
    const doc = receiptDocument(layout, 80);
    const t0 = performance.now();
    const native = encodeDocument(doc).bytes;
    const encodeMs = performance.now() - t0;

    // The paper the native job produces, drawn by the emulator at 8 dots/mm.
    const emulator = new PrinterEmulator(80);
    emulator.receive(native);
    const printed = emulator.receipts[0];
    if (!printed?.complete) throw new Error('the emulator did not print the native receipt');
    const image = printed.image();
    const raster = Buffer.concat([cmd.init(), rasterCommands(image), cmd.feedAndCut(24)]);

    // The raster job must put the same dots on paper.
    const check = new PrinterEmulator(80);
    check.receive(raster);
    const row = check.receipts[0]?.rows[0];
    if (row?.kind !== 'image' || !row.image.dots.every((d, i) => d === image.dots[i])) {
      throw new Error('the raster job does not reproduce the receipt image');
    }

    const ratio = native.length / raster.length;
    const seconds = (bytes: number) =>
      Object.fromEntries(BAUDS.map((b) => [`at${b}`, round(wireSeconds(bytes, b), 3)]));
    const native9600 = wireSeconds(native.length, 9600);
    return {
      value: round(ratio, 4),
      unit: 'native ÷ raster bytes',
      target: `≤ ${TARGET_RATIO}, native ≤ ${TARGET_SECONDS_9600} s at 9600 baud`,
      met: ratio <= TARGET_RATIO && native9600 <= TARGET_SECONDS_9600,
      detail: {
        nativeBytes: native.length,
        rasterBytes: raster.length,
        nativeSeconds: seconds(native.length),
        rasterSeconds: seconds(raster.length),
        native9600Seconds: round(native9600, 3),
        imageDots: { width: image.width, height: image.height },
        printedLines: printed.lines.length,
        encodeMs: round(encodeMs, 2),
        note: '8N1: 10 bits per byte on the wire; the raster job is ESC @, GS v 0 bands, GS V 66',
      },
    };
  },
};
