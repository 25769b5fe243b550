// The printer emulator reads ESC/POS as a printer does: any chunking, status replies from its
// state, QR codes drawn from the stored data (read back by zbarimg and jsQR), faults.
import { describe, expect, it } from 'vitest';
import { documentText, type PrintDocument } from '../../drivers/printer/document';
import * as cmd from '../../drivers/printer/escpos/commands';
import { encodeDocument } from '../../drivers/printer/escpos/encode-document';
import { rasterCommands } from '../../drivers/printer/escpos/raster';
import { PrinterEmulator } from '../../sim/devices/printer-emulator';
import { jsQrRead, zbarRead } from './qr-decoders';

const URL = 'https://verify.example/r?s=SH-XH-WK-0007-20261126-000123&t=SGCC-20261126-000042';

const doc = (paper: 58 | 80 = 80): PrintDocument => ({
  paper,
  copy: false,
  copyMark: '重印 / 副本',
  ops: [
    { op: 'text', text: '缴费凭证', align: 'center', bold: true, double: true },
    { op: 'text', text: '实收金额 ￥300.00' },
    { op: 'qr', data: URL, moduleSize: 6, ec: 'M', align: 'center' },
    { op: 'barcode', data: 'SH-{7}', align: 'center' },
    { op: 'feed', lines: 1 },
    { op: 'text', text: '请妥善保管' },
  ],
});

function withReplies(emulator: PrinterEmulator): number[] {
  const replies: number[] = [];
  emulator.onTransmit((b) => replies.push(...b));
  return replies;
}

describe('the printer emulator', () => {
  it('reads a job back to the document text, in one chunk or byte by byte', () => {
    const bytes = encodeDocument(doc()).bytes;
    const whole = new PrinterEmulator(80);
    whole.receive(bytes);
    const bytewise = new PrinterEmulator(80);
    for (const b of bytes) bytewise.receive(Buffer.from([b]));
    expect(whole.receipts).toHaveLength(1);
    expect(whole.receipts[0]?.lines).toEqual(documentText(doc()));
    expect(whole.receipts[0]?.lines).toEqual([
      '缴费凭证',
      '实收金额 ￥300.00',
      `[QR] ${URL}`,
      '[CODE128] SH-{7}',
      '',
      '请妥善保管',
    ]);
    expect(bytewise.receipts[0]?.lines).toEqual(whole.receipts[0]?.lines);
    expect(whole.receipts[0]?.complete).toBe(true);
    expect(whole.unknownCommands).toBe(0);
  });

  it('keeps the style of each row', () => {
    const e = new PrinterEmulator(80);
    e.receive(encodeDocument(doc()).bytes);
    const [title, amount] = e.receipts[0]?.rows ?? [];
    expect(title).toMatchObject({ kind: 'text', align: 'center', bold: true, double: true });
    expect(amount).toMatchObject({ kind: 'text', align: 'left', bold: false, double: false });
  });

  it.each([80, 58] as const)(
    'draws the QR code so that zbarimg and jsQR read the payload (%i mm)',
    async (paper) => {
      const e = new PrinterEmulator(paper);
      e.receive(encodeDocument(doc(paper)).bytes);
      const png = e.receipts[0]?.png() ?? Buffer.alloc(0);
      expect(await zbarRead(png)).toBe(URL);
      expect(jsQrRead(png)).toBe(URL);
      expect(e.receipts[0]?.image().width).toBe(paper === 80 ? 576 : 384);
    },
  );

  it('answers DLE EOT 1–4 from its state', () => {
    const e = new PrinterEmulator();
    const replies = withReplies(e);
    const ask = () => {
      replies.length = 0;
      for (const n of [1, 2, 3, 4] as const) e.receive(cmd.statusRequest(n));
      return [...replies];
    };
    expect(ask()).toEqual([0x12, 0x12, 0x12, 0x12]);
    e.inject('nearEnd');
    expect(ask()).toEqual([0x12, 0x12, 0x12, 0x1e]);
    e.inject('paperOut');
    expect(ask()).toEqual([0x1a, 0x32, 0x12, 0x72]);
    e.repair();
    e.inject('coverOpen');
    expect(ask()).toEqual([0x1a, 0x16, 0x12, 0x12]);
    e.repair();
    e.inject('cutterError');
    expect(ask()).toEqual([0x1a, 0x52, 0x1a, 0x12]);
    e.repair();
    e.garbledStatus = true;
    expect(ask()).toEqual([0x00, 0x00, 0x00, 0x00]);
    e.garbledStatus = false;
    e.inject('offline');
    expect(ask()).toEqual([]);
  });

  it('takes DLE EOT bytes inside QR data as data, not as a status request', () => {
    const e = new PrinterEmulator();
    const replies = withReplies(e);
    e.receive(Buffer.concat([cmd.init(), cmd.qrStore(Buffer.from([0x10, 0x04, 0x01]))]));
    expect(replies).toEqual([]);
  });

  it('stops at paper out mid-job: the rest of the job is lost and the page is incomplete', () => {
    const e = new PrinterEmulator();
    e.injectAfterRows(2, 'paperOut');
    e.receive(encodeDocument(doc()).bytes);
    expect(e.receipts).toHaveLength(1);
    expect(e.receipts[0]).toMatchObject({
      complete: false,
      lines: ['缴费凭证', '实收金额 ￥300.00'],
    });
    expect(e.paper).toBe('out');
    // A new roll: the next job prints whole.
    e.repair();
    e.receive(encodeDocument(doc()).bytes);
    expect(e.receipts[1]?.complete).toBe(true);
  });

  it('prints nothing while the cover is open', () => {
    const e = new PrinterEmulator();
    e.inject('coverOpen');
    e.receive(encodeDocument(doc()).bytes);
    expect(e.receipts).toHaveLength(0);
    expect(e.pageText).toEqual([]);
  });

  it('prints a GS v 0 raster image dot for dot', () => {
    const width = 16;
    const height = 3;
    const dots = Uint8Array.from({ length: width * height }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const e = new PrinterEmulator();
    e.receive(Buffer.concat([rasterCommands({ width, height, dots }), cmd.feedAndCut(0)]));
    const row = e.receipts[0]?.rows[0];
    expect(row?.kind).toBe('image');
    if (row?.kind === 'image') expect([...row.image.dots]).toEqual([...dots]);
  });

  it('skips commands it does not act on, by their length', () => {
    const e = new PrinterEmulator();
    const other = Buffer.from([0x1b, 0x74, 0x00, 0x1d, 0x4c, 0x00, 0x00, 0x1b, 0x63, 0x33, 0x0c]);
    e.receive(Buffer.concat([other, Buffer.from('ok\n'), cmd.feedAndCut(0)]));
    expect(e.receipts[0]?.lines).toEqual(['ok']);
    expect(e.unknownCommands).toBe(3);
  });

  it('wraps a line longer than the paper, as a printer does', () => {
    const e = new PrinterEmulator(58);
    e.receive(Buffer.concat([cmd.chineseOn(), Buffer.from('x'.repeat(40) + '\n'), cmd.cutFull()]));
    expect(e.receipts[0]?.lines).toEqual(['x'.repeat(32), 'x'.repeat(8)]);
  });
});
