// What the emulated printer has put on the paper since the last cut: rows of text, QR codes,
// barcodes, images and blank space; read back as text lines, and drawn at printer resolution
// (8 dots/mm) as a PNG. Characters are drawn as boxes in their cells; QR codes are drawn module
// for module from the stored data, so a decoder can read the printed image.
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { charWidth, COLUMN_DOTS, PAPER, type PaperWidth } from '../../drivers/printer/columns';
import type { Align, QrErrorLevel } from '../../drivers/printer/document';
import type { MonoBitmap } from '../../drivers/printer/escpos/raster';

export type Row =
  | { kind: 'text'; text: string; align: Align; double: boolean; bold: boolean }
  | { kind: 'qr'; data: string; moduleSize: number; ec: QrErrorLevel; align: Align }
  | { kind: 'barcode'; data: string; align: Align; height: number; module: number; hri: boolean }
  | { kind: 'image'; image: MonoBitmap; align: Align }
  | { kind: 'space'; dots: number };

const LINE_DOTS = 30;
const CHAR_DOTS = 24;
const MARGIN_DOTS = 16;
const QUIET_MODULES = 4;

/** The page as text: one string per printed line; blank space and images show nothing. */
export function rowsText(rows: readonly Row[]): string[] {
  const lines: string[] = [];
  for (const r of rows) {
    if (r.kind === 'text') lines.push(r.text);
    else if (r.kind === 'qr') lines.push(`[QR] ${r.data}`);
    else if (r.kind === 'barcode') lines.push(`[CODE128] ${r.data}`);
  }
  return lines;
}

function qrMatrix(r: Extract<Row, { kind: 'qr' }>) {
  return QRCode.create(r.data, { errorCorrectionLevel: r.ec }).modules;
}

/** CODE128 modules: start, data, check digit (11 each), stop (13). */
const barcodeDots = (r: Extract<Row, { kind: 'barcode' }>): number =>
  (11 * (r.data.length + 2) + 13) * r.module;

function rowHeight(r: Row): number {
  switch (r.kind) {
    case 'text':
      return r.double ? 2 * LINE_DOTS : LINE_DOTS;
    case 'qr':
      return (qrMatrix(r).size + 2 * QUIET_MODULES) * r.moduleSize;
    case 'barcode':
      return r.height + 8 + (r.hri ? LINE_DOTS : 0);
    case 'image':
      return r.image.height;
    case 'space':
      return r.dots;
  }
}

function left(align: Align, width: number, pageWidth: number): number {
  if (align === 'center') return Math.floor((pageWidth - width) / 2);
  if (align === 'right') return pageWidth - width;
  return 0;
}

/** Draws the rows top to bottom on paper of this width. */
export function renderRows(rows: readonly Row[], paper: PaperWidth): MonoBitmap {
  const width = PAPER[paper].dots;
  const height = 2 * MARGIN_DOTS + rows.reduce((h, r) => h + rowHeight(r), 0);
  const dots = new Uint8Array(width * height);
  const fill = (x: number, y: number, w: number, h: number): void => {
    for (let yy = Math.max(0, y); yy < Math.min(height, y + h); yy++) {
      dots.fill(1, yy * width + Math.max(0, x), yy * width + Math.min(width, x + w));
    }
  };
  const text = (t: string, align: Align, y: number, scale: number): void => {
    let x = left(
      align,
      [...t].reduce((w, ch) => w + charWidth(ch), 0) * COLUMN_DOTS * scale,
      width,
    );
    for (const ch of t) {
      const cell = charWidth(ch) * COLUMN_DOTS * scale;
      if (ch !== ' ') fill(x + scale, y + 2 * scale, cell - 2 * scale, (CHAR_DOTS - 4) * scale);
      x += cell;
    }
  };

  let y = MARGIN_DOTS;
  for (const r of rows) {
    if (r.kind === 'text') text(r.text, r.align, y, r.double ? 2 : 1);
    else if (r.kind === 'qr') {
      const m = qrMatrix(r);
      const s = r.moduleSize;
      const quiet = QUIET_MODULES * s;
      const x0 = Math.min(Math.max(left(r.align, m.size * s, width), quiet), width - m.size * s);
      for (let row = 0; row < m.size; row++) {
        for (let col = 0; col < m.size; col++) {
          if (m.get(row, col)) fill(x0 + col * s, y + quiet + row * s, s, s);
        }
      }
    } else if (r.kind === 'barcode') {
      // A frame where the bars go: the bars themselves are not drawn.
      const w = barcodeDots(r);
      const x0 = left(r.align, w, width);
      fill(x0, y + 4, w, 2);
      fill(x0, y + 2 + r.height, w, 2);
      fill(x0, y + 4, 2, r.height);
      fill(x0 + w - 2, y + 4, 2, r.height);
      if (r.hri) text(r.data, r.align, y + r.height + 8, 1);
    } else if (r.kind === 'image') {
      const x0 = left(r.align, r.image.width, width);
      for (let yy = 0; yy < r.image.height; yy++) {
        for (let xx = 0; xx < r.image.width; xx++) {
          if (r.image.dots[yy * r.image.width + xx]) fill(x0 + xx, y + yy, 1, 1);
        }
      }
    }
    y += rowHeight(r);
  }
  return { width, height, dots };
}

/** A greyscale PNG of the bitmap (white paper, black dots). */
export function bitmapPng(image: MonoBitmap): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  for (let i = 0; i < image.dots.length; i++) {
    const v = image.dots[i] ? 0 : 255;
    png.data[4 * i] = v;
    png.data[4 * i + 1] = v;
    png.data[4 * i + 2] = v;
    png.data[4 * i + 3] = 255;
  }
  return PNG.sync.write(png, { colorType: 0 });
}
