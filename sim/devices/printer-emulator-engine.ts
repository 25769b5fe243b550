// The printing side of the emulated printer: modes, the line buffer, the stored QR symbol and
// barcode settings, and the rows put on the paper since the last cut. The device around it
// (printer-emulator.ts) decides whether it may print at all.
import { columnsFor, wrap, type PaperWidth } from '../../drivers/printer/columns';
import type { Align, QrErrorLevel } from '../../drivers/printer/document';
import { decodeGb } from '../../drivers/printer/escpos/gb18030';
import type { EscPosEvent } from './printer-emulator-parser';
import type { Row } from './printer-emulator-page';

/** Printing events: everything but the real-time status request and unknown commands. */
export type PrintEvent = Exclude<EscPosEvent, { t: 'status' } | { t: 'unknown' }>;

export interface EngineHooks {
  /** False once printing has stopped (paper out…): later rows are lost. */
  canPrint(): boolean;
  /** After each row reaches the paper. */
  printed(): void;
  /** The paper was cut: these rows are one receipt. */
  cut(rows: Row[]): void;
}

interface Segment {
  bytes: Buffer;
  chinese: boolean;
  bold: boolean;
  double: boolean;
}

const ALIGNS: readonly Align[] = ['left', 'center', 'right'];
const EC: Readonly<Record<number, QrErrorLevel>> = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' };

/** Text of a line: runs in one mode are decoded together, as a character may span chunks. */
function decodeLine(segments: readonly Segment[]): string {
  let text = '';
  for (let i = 0; i < segments.length;) {
    const chinese = segments[i]?.chinese ?? false;
    const run: Buffer[] = [];
    for (; i < segments.length && segments[i]?.chinese === chinese; i++) {
      run.push(segments[i]?.bytes ?? Buffer.alloc(0));
    }
    const bytes = Buffer.concat(run);
    text += chinese ? decodeGb(bytes) : bytes.toString('latin1');
  }
  return text;
}

export class PrintEngine {
  private rows: Row[] = [];
  private line: Segment[] = [];
  // Chinese models start in Chinese mode (protocols.md §2).
  private mode = { chinese: true, align: 'left' as Align, bold: false, double: false };
  private qr = { moduleSize: 3, ec: 'L' as QrErrorLevel, data: null as Buffer | null };
  private barcode = { height: 162, module: 3, hri: false };

  constructor(
    private readonly paper: PaperWidth,
    private readonly hooks: EngineHooks,
  ) {}

  /** Rows printed since the last cut. */
  get page(): readonly Row[] {
    return this.rows;
  }

  /** Takes the page off (torn or cut) and empties the line buffer. */
  tearOff(): Row[] {
    const rows = this.rows;
    this.rows = [];
    this.line = [];
    return rows;
  }

  apply(e: PrintEvent): void {
    switch (e.t) {
      case 'text':
        this.line.push({ bytes: e.bytes, chinese: this.mode.chinese, ...this.style() });
        return;
      case 'lf':
        return this.printLine(true);
      case 'init':
        this.mode = { chinese: true, align: 'left', bold: false, double: false };
        this.line = [];
        this.qr.data = null;
        return;
      case 'chinese':
        this.mode.chinese = e.on;
        return;
      case 'align':
        this.mode.align = ALIGNS[e.n] ?? 'left';
        return;
      case 'bold':
        this.mode.bold = e.on;
        return;
      case 'size':
        this.mode.double = (e.n & 0x0f) > 0 && (e.n & 0xf0) > 0;
        return;
      case 'feed':
        return this.feed(e.lines);
      case 'qr':
        return this.qrFunction(e.fn, e.params);
      case 'barcodeHeight':
        this.barcode.height = e.n;
        return;
      case 'barcodeModule':
        this.barcode.module = e.n;
        return;
      case 'hri':
        this.barcode.hri = (e.n & 0x03) === 2 || (e.n & 0x03) === 3;
        return;
      case 'barcode':
        return this.printBarcode(e.m, e.data);
      case 'raster':
        return this.printRaster(e.rowBytes, e.rows, e.data);
      case 'cut':
        return this.cut(e.feed);
    }
  }

  private style(): { bold: boolean; double: boolean } {
    return { bold: this.mode.bold, double: this.mode.double };
  }

  /** Prints the line buffer (LF prints an empty line too; other commands a non-empty one). */
  private printLine(always: boolean): void {
    const segments = this.line;
    this.line = [];
    if (segments.length === 0 && !always) return;
    const double = segments[0]?.double ?? this.mode.double;
    const bold = segments.some((s) => s.bold);
    for (const piece of wrap(decodeLine(segments), columnsFor(this.paper, double))) {
      this.push({ kind: 'text', text: piece, align: this.mode.align, double, bold });
    }
  }

  /** ESC d n: the buffered line counts as the first of the n. */
  private feed(lines: number): void {
    let left = lines;
    if (this.line.length > 0) {
      this.printLine(true);
      left--;
    }
    for (let i = 0; i < left; i++) this.printLine(true);
  }

  private qrFunction(fn: number, params: Buffer): void {
    if (fn === 0x43) this.qr.moduleSize = params[0] ?? this.qr.moduleSize;
    else if (fn === 0x45) this.qr.ec = EC[params[0] ?? 0] ?? this.qr.ec;
    else if (fn === 0x50) this.qr.data = Buffer.from(params.subarray(1));
    else if (fn === 0x51 && this.qr.data) {
      this.printLine(false);
      const { moduleSize, ec } = this.qr;
      const data = this.qr.data.toString('utf8');
      this.push({ kind: 'qr', data, moduleSize, ec, align: this.mode.align });
    }
  }

  private printBarcode(m: number, raw: Buffer): void {
    this.printLine(false);
    let data = raw.toString('latin1');
    // CODE128 (m 73): the data opens with a code set ({B); a literal { is sent as {{.
    if (m === 73) data = data.replace(/^\{[ABC]/, '').replaceAll('{{', '{');
    const { height, module, hri } = this.barcode;
    this.push({ kind: 'barcode', data, align: this.mode.align, height, module, hri });
  }

  private printRaster(rowBytes: number, rows: number, data: Buffer): void {
    this.printLine(false);
    const width = rowBytes * 8;
    const dots = new Uint8Array(width * rows);
    for (let i = 0; i < dots.length; i++) {
      dots[i] = ((data[i >> 3] ?? 0) >> (7 - (i & 7))) & 1;
    }
    this.push({ kind: 'image', image: { width, height: rows, dots }, align: this.mode.align });
  }

  private cut(feed: number): void {
    this.printLine(false);
    if (!this.hooks.canPrint()) return;
    this.rows.push({ kind: 'space', dots: feed });
    this.hooks.cut(this.tearOff());
  }

  private push(row: Row): void {
    if (!this.hooks.canPrint()) return;
    this.rows.push(row);
    this.hooks.printed();
  }
}
