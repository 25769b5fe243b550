// ESC/POS golden vectors: every byte row of protocols.md §2, and the builder that strings them.
import { describe, expect, it } from 'vitest';
import { EscPosBuilder } from '../../drivers/printer/escpos/builder';
import * as cmd from '../../drivers/printer/escpos/commands';

const hex = (s: string): string => s.replace(/\s+/g, '').toLowerCase();

/** [row of the §2 table, bytes we produce, bytes the table gives]. */
const ROWS: [string, () => Buffer, string][] = [
  ['init', cmd.init, '1B 40'],
  ['Chinese mode on (FS &)', cmd.chineseOn, '1C 26'],
  ['Chinese mode off (FS .)', cmd.chineseOff, '1C 2E'],
  ['align left', () => cmd.align('left'), '1B 61 00'],
  ['align centre', () => cmd.align('center'), '1B 61 01'],
  ['align right', () => cmd.align('right'), '1B 61 02'],
  ['bold on', () => cmd.bold(true), '1B 45 01'],
  ['bold off', () => cmd.bold(false), '1B 45 00'],
  ['size 2×2', () => cmd.size(true), '1D 21 11'],
  ['size normal', () => cmd.size(false), '1D 21 00'],
  ['QR model 2', cmd.qrModel2, '1D 28 6B 04 00 31 41 32 00'],
  ['QR module size 6', () => cmd.qrModuleSize(6), '1D 28 6B 03 00 31 43 06'],
  ['QR EC L', () => cmd.qrErrorLevel('L'), '1D 28 6B 03 00 31 45 30'],
  ['QR EC M', () => cmd.qrErrorLevel('M'), '1D 28 6B 03 00 31 45 31'],
  ['QR EC Q', () => cmd.qrErrorLevel('Q'), '1D 28 6B 03 00 31 45 32'],
  ['QR EC H', () => cmd.qrErrorLevel('H'), '1D 28 6B 03 00 31 45 33'],
  [
    'QR store "1234"',
    () => cmd.qrStore(Buffer.from('1234')),
    '1D 28 6B 07 00 31 50 30 31 32 33 34',
  ],
  ['QR print', cmd.qrPrint, '1D 28 6B 03 00 31 51 30'],
  ['CODE128 height', () => cmd.barcodeHeight(80), '1D 68 50'],
  ['CODE128 module', () => cmd.barcodeModule(2), '1D 77 02'],
  ['CODE128 HRI below', () => cmd.barcodeHri(2), '1D 48 02'],
  ['CODE128 "AB12"', () => cmd.code128('AB12'), '1D 6B 49 06 7B 42 41 42 31 32'],
  ['cut full', cmd.cutFull, '1D 56 00'],
  ['cut partial', cmd.cutPartial, '1D 56 01'],
  ['feed 3 units then cut', () => cmd.feedAndCut(3), '1D 56 42 03'],
  ['DLE EOT 1', () => cmd.statusRequest(1), '10 04 01'],
  ['DLE EOT 2', () => cmd.statusRequest(2), '10 04 02'],
  ['DLE EOT 3', () => cmd.statusRequest(3), '10 04 03'],
  ['DLE EOT 4', () => cmd.statusRequest(4), '10 04 04'],
  ['ASB off', () => cmd.autoStatusBack(0), '1D 61 00'],
  ['GS r 1', cmd.transmitPaperStatus, '1D 72 01'],
  ['paper sensors for paper end', () => cmd.paperEndSensors(0x0c), '1B 63 33 0C'],
  ['paper sensors to stop', () => cmd.paperStopSensors(0x0c), '1B 63 34 0C'],
  ['feed 2 lines (ESC d)', () => cmd.feedLines(2), '1B 64 02'],
];

describe('ESC/POS commands (protocols.md §2)', () => {
  for (const [name, make, bytes] of ROWS) {
    it(name, () => expect(make().toString('hex')).toBe(hex(bytes)));
  }

  it('builds the golden vector qr("1234"), size 3, EC L byte for byte', () => {
    const golden =
      '1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 03 1D 28 6B 03 00 31 45 30 ' +
      '1D 28 6B 07 00 31 50 30 31 32 33 34 1D 28 6B 03 00 31 51 30';
    expect(new EscPosBuilder().qr('1234', 3, 'L').build().toString('hex')).toBe(hex(golden));
  });

  it('counts pL pH over two bytes for long QR data', () => {
    const store = cmd.qrStore(Buffer.alloc(300, 0x41));
    expect([...store.subarray(0, 8)]).toEqual([
      0x1d,
      0x28,
      0x6b,
      303 & 0xff,
      303 >> 8,
      0x31,
      0x50,
      0x30,
    ]);
    expect(store.length).toBe(8 + 300);
  });

  it('sends a literal { in CODE128 data as {{', () => {
    expect(cmd.code128('A{B').toString('hex')).toBe(hex('1D 6B 49 06 7B 42 41 7B 7B 42'));
  });

  it('refuses arguments the printer cannot take', () => {
    expect(() => cmd.qrModuleSize(0)).toThrow(RangeError);
    expect(() => cmd.qrModuleSize(17)).toThrow(RangeError);
    expect(() => cmd.qrStore(Buffer.alloc(0))).toThrow(RangeError);
    expect(() => cmd.qrStore(Buffer.alloc(cmd.QR_MAX_BYTES + 1))).toThrow(RangeError);
    expect(() => cmd.code128('')).toThrow(RangeError);
    expect(() => cmd.code128('户号')).toThrow(RangeError);
    expect(() => cmd.code128('x'.repeat(254))).toThrow(RangeError);
    expect(() => cmd.feedLines(256)).toThrow(RangeError);
  });
});

describe('the ESC/POS builder', () => {
  it('opens a job with init and Chinese mode and sends GB text', () => {
    const bytes = new EscPosBuilder().init().line('户号 1').build();
    expect(bytes.toString('hex')).toBe(hex('1B 40 1C 26 BBA7 BAC5 20 31 0A'));
  });

  it('sends a mode only when it changes', () => {
    const bytes = new EscPosBuilder()
      .align('center')
      .align('center')
      .bold(true)
      .bold(true)
      .double(true)
      .line('A')
      .double(true)
      .align('left')
      .bold(false)
      .double(false)
      .build();
    expect(bytes.toString('hex')).toBe(
      hex('1B 61 01 1B 45 01 1D 21 11 41 0A 1B 61 00 1B 45 00 1D 21 00'),
    );
  });

  it('forgets the modes at init, as the printer does', () => {
    const bytes = new EscPosBuilder().bold(true).init(false).bold(true).build();
    expect(bytes.toString('hex')).toBe(hex('1B 45 01 1B 40 1B 45 01'));
  });

  it('prints CODE128 with the §2 set-up and feeds and cuts', () => {
    const bytes = new EscPosBuilder().code128('S1').feed(2).feed(0).cut(24).build();
    expect(bytes.toString('hex')).toBe(
      hex('1D 68 50 1D 77 02 1D 48 02 1D 6B 49 04 7B 42 53 31 1B 64 02 1D 56 42 18'),
    );
  });
});
