// ESC/POS command bytes, one function per row of protocols.md §2. Each returns a fresh Buffer;
// the builder (builder.ts) strings them together.
import type { Align, QrErrorLevel } from '../document';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const EOT = 0x04;
export const LF = 0x0a;

const bytes = (...b: number[]): Buffer => Buffer.from(b);

function byteArg(name: string, n: number, min = 0, max = 255): number {
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new RangeError(`${name} must be an integer ${min}–${max}, got ${n}`);
  }
  return n;
}

/** ESC @: clears the print buffer and resets every mode. */
export const init = (): Buffer => bytes(ESC, 0x40);
/** FS &: two-byte (GB) characters on. */
export const chineseOn = (): Buffer => bytes(FS, 0x26);
/** FS .: two-byte characters off. */
export const chineseOff = (): Buffer => bytes(FS, 0x2e);

const ALIGN: Record<Align, number> = { left: 0, center: 1, right: 2 };
/** ESC a n. Takes effect at the start of a line. */
export const align = (a: Align): Buffer => bytes(ESC, 0x61, ALIGN[a]);
/** ESC E n: emphasis. */
export const bold = (on: boolean): Buffer => bytes(ESC, 0x45, on ? 1 : 0);
/** GS ! n: 0x11 doubles width and height (Chinese characters too); 0x00 is normal. */
export const size = (double: boolean): Buffer => bytes(GS, 0x21, double ? 0x11 : 0x00);
/** ESC d n: prints the buffer and feeds n lines. */
export const feedLines = (n: number): Buffer => bytes(ESC, 0x64, byteArg('feed lines', n));
/** GS V 66 n: feeds to the cutter plus n motion units, then cuts (partial cut). */
export const feedAndCut = (n = 0): Buffer => bytes(GS, 0x56, 0x42, byteArg('cut feed', n));
/** GS V 0: full cut, where the paper stands. */
export const cutFull = (): Buffer => bytes(GS, 0x56, 0x00);
/** GS V 1: partial cut (a tab left to hold the receipt in the presenter). */
export const cutPartial = (): Buffer => bytes(GS, 0x56, 0x01);
/** ESC c 3 n: which paper sensors signal paper end (bit 0–1 near end, bit 2–3 end). */
export const paperEndSensors = (n: number): Buffer => bytes(ESC, 0x63, 0x33, byteArg('sensors', n));
/** ESC c 4 n: which paper sensors stop printing. */
export const paperStopSensors = (n: number): Buffer =>
  bytes(ESC, 0x63, 0x34, byteArg('sensors', n));
/** GS a n: automatic status back (ASB) for the events in mask n; 0 turns it off. */
export const autoStatusBack = (n: number): Buffer => bytes(GS, 0x61, byteArg('ASB mask', n));
/** GS r 1: transmits the paper sensor status (not real-time: after the buffered data). */
export const transmitPaperStatus = (): Buffer => bytes(GS, 0x72, 0x01);
/** DLE EOT n: real-time status, answered with one byte even while the printer is stopped. */
export const statusRequest = (n: 1 | 2 | 3 | 4): Buffer => bytes(DLE, EOT, n);

/** GS ( k for QR codes (cn = 0x31), with pL pH counting cn, fn and the parameters. */
function qrFunction(fn: number, params: Buffer): Buffer {
  const len = params.length + 2;
  return Buffer.concat([bytes(GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, fn), params]);
}

/** The most data a QR symbol holds (version 40, byte mode, EC L). */
export const QR_MAX_BYTES = 2953;
const EC_BYTE: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/** fn 65: model 2. */
export const qrModel2 = (): Buffer => qrFunction(0x41, bytes(0x32, 0x00));
/** fn 67: module size in dots (1–16). */
export const qrModuleSize = (dots: number): Buffer =>
  qrFunction(0x43, bytes(byteArg('QR module size', dots, 1, 16)));
/** fn 69: error correction level. */
export const qrErrorLevel = (ec: QrErrorLevel): Buffer => qrFunction(0x45, bytes(EC_BYTE[ec]));
/** fn 80: stores the symbol data. */
export function qrStore(data: Buffer): Buffer {
  if (data.length < 1 || data.length > QR_MAX_BYTES) {
    throw new RangeError(`QR data must be 1–${QR_MAX_BYTES} bytes, got ${data.length}`);
  }
  return qrFunction(0x50, Buffer.concat([bytes(0x30), data]));
}
/** fn 81: prints the stored symbol. */
export const qrPrint = (): Buffer => qrFunction(0x51, bytes(0x30));

/** GS h n: bar height in dots. */
export const barcodeHeight = (dots: number): Buffer =>
  bytes(GS, 0x68, byteArg('barcode height', dots, 1));
/** GS w n: narrowest bar in dots. */
export const barcodeModule = (dots: number): Buffer =>
  bytes(GS, 0x77, byteArg('barcode module', dots, 1, 6));
/** GS H n: human-readable text (0 none, 1 above, 2 below). */
export const barcodeHri = (position: 0 | 1 | 2): Buffer => bytes(GS, 0x48, position);

/**
 * GS k 73 n {B data: CODE128, code set B. `{` introduces a code-set switch in the data, so a
 * literal `{` is sent as `{{`.
 */
export function code128(data: string): Buffer {
  if (!/^[\x20-\x7e]+$/.test(data)) {
    throw new RangeError('CODE128 set B data must be printable ASCII, at least one character');
  }
  const body = Buffer.from('{B' + data.replaceAll('{', '{{'), 'ascii');
  return Buffer.concat([bytes(GS, 0x6b, 0x49, byteArg('CODE128 length', body.length, 3)), body]);
}
