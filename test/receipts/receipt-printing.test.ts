// Receipts as ESC/POS bytes: read back by the printer emulator they give the same lines as the
// text rendering; their QR codes, drawn from the printed bytes, decode to the payload; and a
// receipt printed through the driver comes out the same.
import { describe, expect, it } from 'vitest';
import { PrinterEmulator } from '../../sim/devices/printer-emulator';
import type { ReceiptLayout } from '../../src/receipts/layout';
import { paymentReceipt } from '../../src/receipts/receipt-text';
import { refundSlip } from '../../src/receipts/refund-slip';
import { receiptDocument } from '../../src/receipts/render-document';
import { receiptBytes } from '../../src/receipts/render-escpos';
import { paperLines } from '../../src/receipts/render-text';
import { printerRig } from '../printer/printer-rig';
import { jsQrRead, zbarRead } from '../printer/qr-decoders';
import { paidInput, pendingInput, refundInput, SERIAL, TXN } from './fixtures';

const BILINGUAL = { lang: 'zh+en', billerNameEn: 'State Grid Shanghai' } as const;

const LAYOUTS: [string, () => ReceiptLayout][] = [
  ['paid', () => paymentReceipt(paidInput)],
  ['paid copy', () => paymentReceipt(paidInput, true)],
  ['provisional', () => paymentReceipt(pendingInput)],
  ['refund slip', () => refundSlip(refundInput)],
  // A resident who chose English: GB18030 Chinese and ASCII English, read back line for line.
  ['bilingual paid', () => paymentReceipt({ ...paidInput, ...BILINGUAL })],
  ['bilingual provisional', () => paymentReceipt({ ...pendingInput, ...BILINGUAL })],
  [
    'bilingual refund slip',
    () => refundSlip({ ...refundInput, ...BILINGUAL, reason: 'partial_payment_not_allowed' }),
  ],
];

function printOnEmulator(layout: ReceiptLayout, paper: 58 | 80) {
  const { bytes, replaced } = receiptBytes(layout, paper);
  const emulator = new PrinterEmulator(paper);
  emulator.receive(bytes);
  expect(replaced).toEqual([]);
  expect(emulator.unknownCommands).toBe(0);
  expect(emulator.receipts).toHaveLength(1);
  return { bytes, receipt: emulator.receipts[0] };
}

describe('receipts as ESC/POS', () => {
  for (const [name, layout] of LAYOUTS) {
    for (const paper of [80, 58] as const) {
      it(`the ${name} receipt reads back as its text (${paper} mm)`, () => {
        const { receipt } = printOnEmulator(layout(), paper);
        expect(receipt?.lines).toEqual(paperLines(layout(), paper));
        expect(receipt?.complete).toBe(true);
      });
    }
  }

  it('uses ￥ and 元 only: no ¥ and no four-byte GB18030 sequence in the bytes', () => {
    const withYen = { ...paidInput, billerName: '电力¥公司' };
    const { bytes } = receiptBytes(paymentReceipt(withYen), 80);
    expect(bytes.includes(Buffer.from([0x81, 0x30, 0x84, 0x36]))).toBe(false);
    expect(bytes.includes(Buffer.from([0xa3, 0xa4]))).toBe(true); // ￥
  });

  it('prints the paid receipt QR so that zbarimg reads the verification link', async () => {
    const { receipt } = printOnEmulator(paymentReceipt(paidInput), 80);
    const png = receipt?.png() ?? Buffer.alloc(0);
    const expected = `https://verify.example/r?s=${SERIAL}&t=${TXN}`;
    expect(await zbarRead(png)).toBe(expected);
    expect(jsQrRead(png)).toBe(expected);
  });

  it('prints the provisional receipt QR with the agent serial alone (58 mm)', async () => {
    const { receipt } = printOnEmulator(paymentReceipt(pendingInput), 58);
    expect(await zbarRead(receipt?.png() ?? Buffer.alloc(0))).toBe(
      `https://verify.example/r?s=${SERIAL}`,
    );
  });

  it('keeps the standard paid receipt under 1.5 s at 9600 baud (10 bits a byte)', () => {
    const { bytes } = receiptBytes(paymentReceipt(paidInput), 80);
    expect((bytes.length * 10) / 9600).toBeLessThan(1.5);
  });

  it('prints through the driver and comes out as the text rendering', async () => {
    const rig = printerRig(80);
    await rig.printer.start();
    const layout = paymentReceipt(paidInput);
    const outcome = await rig.printer.print(receiptDocument(layout, 80)).done;
    expect(outcome.result).toBe('printed');
    expect(rig.emulator.receipts[0]?.lines).toEqual(paperLines(layout, 80));
    // A reprint through the driver reads as the copy layout.
    await rig.printer.reprint(receiptDocument(layout, 80)).done;
    expect(rig.emulator.receipts[1]?.lines).toEqual(
      paperLines(paymentReceipt(paidInput, true), 80),
    );
  });
});
