// Builds one ESC/POS byte stream. It remembers the modes it has set, so a change of alignment,
// emphasis or size is sent only when it changes: at 9600 baud every byte is about a millisecond.
import type { Align, QrErrorLevel } from '../document';
import * as cmd from './commands';
import { encodeGbk } from './gb18030';

export class EscPosBuilder {
  private readonly parts: Buffer[] = [];
  private mode = { align: 'left' as Align, bold: false, double: false };
  /** Characters outside GBK that were printed as `?` (see gb18030.ts). */
  readonly replaced: string[] = [];

  constructor(private readonly strictText = false) {}

  /** ESC @ then, optionally, FS & (Chinese mode): the start of every job. */
  init(chinese = true): this {
    this.mode = { align: 'left', bold: false, double: false };
    this.raw(cmd.init());
    if (chinese) this.raw(cmd.chineseOn());
    return this;
  }

  chinese(on: boolean): this {
    return this.raw(on ? cmd.chineseOn() : cmd.chineseOff());
  }

  align(a: Align): this {
    if (a !== this.mode.align) this.raw(cmd.align(a));
    this.mode.align = a;
    return this;
  }

  bold(on: boolean): this {
    if (on !== this.mode.bold) this.raw(cmd.bold(on));
    this.mode.bold = on;
    return this;
  }

  double(on: boolean): this {
    if (on !== this.mode.double) this.raw(cmd.size(on));
    this.mode.double = on;
    return this;
  }

  /** Text without a line feed, encoded as GBK. */
  text(text: string): this {
    const { bytes, replaced } = encodeGbk(text, this.strictText);
    this.replaced.push(...replaced);
    return this.raw(bytes);
  }

  /** Text and a line feed. */
  line(text = ''): this {
    return this.text(text).raw(Buffer.from([cmd.LF]));
  }

  feed(lines: number): this {
    return lines > 0 ? this.raw(cmd.feedLines(lines)) : this;
  }

  /** Model 2 QR code: model, module size, error correction, store, print. */
  qr(data: string, moduleSize: number, ec: QrErrorLevel): this {
    this.raw(cmd.qrModel2());
    this.raw(cmd.qrModuleSize(moduleSize));
    this.raw(cmd.qrErrorLevel(ec));
    this.raw(cmd.qrStore(Buffer.from(data, 'utf8')));
    return this.raw(cmd.qrPrint());
  }

  /** CODE128 (set B), 80 dots high, 2-dot modules, its text printed below. */
  code128(data: string): this {
    this.raw(cmd.barcodeHeight(80));
    this.raw(cmd.barcodeModule(2));
    this.raw(cmd.barcodeHri(2));
    return this.raw(cmd.code128(data));
  }

  cut(feed = 0): this {
    return this.raw(cmd.feedAndCut(feed));
  }

  raw(bytes: Buffer): this {
    this.parts.push(bytes);
    return this;
  }

  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}
