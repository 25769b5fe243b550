// Splits an ESC/POS byte stream into commands and text, in any chunking: a command cut off at
// the end of a chunk waits for the rest. Lengths follow the command set, so data inside a QR
// store or an image is never mistaken for a command. Unknown commands are skipped by length
// where it is known, else one byte at a time, and reported.

export type EscPosEvent =
  | { t: 'text'; bytes: Buffer }
  | { t: 'lf' }
  | { t: 'init' }
  | { t: 'chinese'; on: boolean }
  | { t: 'align'; n: number }
  | { t: 'bold'; on: boolean }
  | { t: 'size'; n: number }
  | { t: 'feed'; lines: number }
  | { t: 'qr'; fn: number; params: Buffer }
  | { t: 'barcodeHeight'; n: number }
  | { t: 'barcodeModule'; n: number }
  | { t: 'hri'; n: number }
  | { t: 'barcode'; m: number; data: Buffer }
  | { t: 'cut'; feed: number }
  | { t: 'status'; n: number }
  | { t: 'raster'; rowBytes: number; rows: number; data: Buffer }
  | { t: 'unknown'; bytes: Buffer };

type Step = { event: EscPosEvent | null; length: number } | null;

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;

export class EscPosParser {
  private pending = Buffer.alloc(0);

  push(chunk: Buffer): EscPosEvent[] {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const events: EscPosEvent[] = [];
    let i = 0;
    while (i < buf.length) {
      const step = parseAt(buf, i);
      if (!step) break; // incomplete: wait for more bytes
      if (step.event) events.push(step.event);
      i += step.length;
    }
    this.pending = Buffer.from(buf.subarray(i));
    return events;
  }

  reset(): void {
    this.pending = Buffer.alloc(0);
  }
}

/** The command at `i`, or null when the buffer ends inside it. */
function parseAt(buf: Buffer, i: number): Step {
  const b = buf[i] ?? 0;
  if (b >= 0x20) {
    let j = i;
    while (j < buf.length && (buf[j] ?? 0) >= 0x20) j++;
    return { event: { t: 'text', bytes: Buffer.from(buf.subarray(i, j)) }, length: j - i };
  }
  if (b === 0x0a) return { event: { t: 'lf' }, length: 1 };
  if (b === 0x0d) return { event: null, length: 1 };
  if (b === DLE) return dle(buf, i);
  if (b === ESC) return esc(buf, i);
  if (b === FS) return fs(buf, i);
  if (b === GS) return gs(buf, i);
  return unknown(buf, i, 1);
}

const at = (buf: Buffer, i: number): number | undefined => buf[i];

function unknown(buf: Buffer, i: number, length: number): Step {
  if (i + length > buf.length) return null;
  return { event: { t: 'unknown', bytes: Buffer.from(buf.subarray(i, i + length)) }, length };
}

/** A fixed-length command whose last byte is its argument. */
function withArg(buf: Buffer, i: number, length: number, make: (n: number) => EscPosEvent): Step {
  const n = at(buf, i + length - 1);
  return n === undefined ? null : { event: make(n), length };
}

function dle(buf: Buffer, i: number): Step {
  const c = at(buf, i + 1);
  if (c === undefined) return null;
  if (c === 0x04) return withArg(buf, i, 3, (n) => ({ t: 'status', n }));
  if (c === 0x05) return unknown(buf, i, 3); // DLE ENQ n
  if (c === 0x14) return unknown(buf, i, 5); // DLE DC4 fn m t
  return unknown(buf, i, 1);
}

function esc(buf: Buffer, i: number): Step {
  const c = at(buf, i + 1);
  if (c === undefined) return null;
  switch (c) {
    case 0x40:
      return { event: { t: 'init' }, length: 2 };
    case 0x61:
      return withArg(buf, i, 3, (n) => ({ t: 'align', n: n & 0x03 }));
    case 0x45:
      return withArg(buf, i, 3, (n) => ({ t: 'bold', on: (n & 1) === 1 }));
    case 0x64:
      return withArg(buf, i, 3, (lines) => ({ t: 'feed', lines }));
    case 0x32:
      return unknown(buf, i, 2); // ESC 2: default line spacing
    case 0x24:
    case 0x63:
      return unknown(buf, i, 4); // ESC $ nL nH, ESC c 3/4/5 n
    default:
      return unknown(buf, i, 3); // ESC ! n, ESC - n, ESC 3 n, ESC J n, ESC t n…
  }
}

function fs(buf: Buffer, i: number): Step {
  const c = at(buf, i + 1);
  if (c === undefined) return null;
  if (c === 0x26) return { event: { t: 'chinese', on: true }, length: 2 };
  if (c === 0x2e) return { event: { t: 'chinese', on: false }, length: 2 };
  if (c === 0x53) return unknown(buf, i, 4); // FS S n1 n2
  return unknown(buf, i, 3); // FS ! n, FS - n, FS W n
}

function gs(buf: Buffer, i: number): Step {
  const c = at(buf, i + 1);
  if (c === undefined) return null;
  switch (c) {
    case 0x21:
      return withArg(buf, i, 3, (n) => ({ t: 'size', n }));
    case 0x68:
      return withArg(buf, i, 3, (n) => ({ t: 'barcodeHeight', n }));
    case 0x77:
      return withArg(buf, i, 3, (n) => ({ t: 'barcodeModule', n }));
    case 0x48:
      return withArg(buf, i, 3, (n) => ({ t: 'hri', n }));
    case 0x28:
      return gsParen(buf, i);
    case 0x6b:
      return barcode(buf, i);
    case 0x56:
      return cut(buf, i);
    case 0x76:
      return raster(buf, i);
    case 0x4c:
    case 0x57:
      return unknown(buf, i, 4); // GS L / GS W nL nH: margins
    default:
      return unknown(buf, i, 3); // GS a n, GS r n, GS f n, GS B n…
  }
}

/** GS ( fn pL pH data: QR codes are GS ( k with cn 0x31. */
function gsParen(buf: Buffer, i: number): Step {
  if (i + 5 > buf.length) return null;
  const len = (at(buf, i + 3) ?? 0) + 256 * (at(buf, i + 4) ?? 0);
  const end = i + 5 + len;
  if (end > buf.length) return null;
  const body = buf.subarray(i + 5, end);
  if (at(buf, i + 2) === 0x6b && body[0] === 0x31 && body.length >= 2) {
    const event: EscPosEvent = { t: 'qr', fn: body[1] ?? 0, params: Buffer.from(body.subarray(2)) };
    return { event, length: end - i };
  }
  return unknown(buf, i, end - i);
}

/** GS k m: m ≥ 65 is followed by a length byte, m ≤ 6 by NUL-terminated data. */
function barcode(buf: Buffer, i: number): Step {
  const m = at(buf, i + 2);
  if (m === undefined) return null;
  if (m >= 65) {
    const n = at(buf, i + 3);
    if (n === undefined || i + 4 + n > buf.length) return null;
    return {
      event: { t: 'barcode', m, data: Buffer.from(buf.subarray(i + 4, i + 4 + n)) },
      length: 4 + n,
    };
  }
  const nul = buf.indexOf(0, i + 3);
  if (nul < 0) return null;
  return {
    event: { t: 'barcode', m, data: Buffer.from(buf.subarray(i + 3, nul)) },
    length: nul + 1 - i,
  };
}

/** GS V m, or GS V m n for the feed-then-cut forms (65, 66, 97, 98, 103, 104). */
function cut(buf: Buffer, i: number): Step {
  const m = at(buf, i + 2);
  if (m === undefined) return null;
  if (![65, 66, 97, 98, 103, 104].includes(m)) return { event: { t: 'cut', feed: 0 }, length: 3 };
  return withArg(buf, i, 4, (feed) => ({ t: 'cut', feed }));
}

/** GS v 0 m xL xH yL yH d…: a raster image, xL + 256·xH bytes by yL + 256·yH rows. */
function raster(buf: Buffer, i: number): Step {
  if (i + 8 > buf.length) return null;
  const rowBytes = (at(buf, i + 4) ?? 0) + 256 * (at(buf, i + 5) ?? 0);
  const rows = (at(buf, i + 6) ?? 0) + 256 * (at(buf, i + 7) ?? 0);
  const end = i + 8 + rowBytes * rows;
  if (end > buf.length) return null;
  const data = Buffer.from(buf.subarray(i + 8, end));
  return { event: { t: 'raster', rowBytes, rows, data }, length: end - i };
}
