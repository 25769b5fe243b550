// SSP framing: 7F SEQ LEN DATA CRCL CRCH. LEN counts DATA only; the CRC covers SEQ..DATA;
// every 7F after the STX is sent twice. Because of that stuffing a lone 7F can only be a new
// STX, so the parser resynchronises on it at once: garbage, split, merged and truncated frames
// cost only the frames they touch. The parser never throws.
import { crc16Ssp } from './crc';

export const STX = 0x7f;
/** SEQ bit 7 toggles per new command; SYNC always goes out with it set. */
export const SEQ_FLAG = 0x80;
/** Low bits of SEQ: the device address; a lone validator is 0. */
export const DEVICE_ID = 0x00;
export const MAX_DATA = 255;

export interface SspFrame {
  seq: number;
  data: Buffer;
}

export interface SspFrameStats {
  frames: number;
  crcErrors: number;
  /** Bytes skipped while hunting for an STX, plus frames abandoned at a new STX. */
  droppedBytes: number;
}

/** SEQ LEN DATA CRCL CRCH, unstuffed. */
export function frameBody(seq: number, data: Uint8Array): Buffer {
  if (data.length > MAX_DATA) throw new RangeError(`SSP data too long: ${data.length} bytes`);
  const body = Buffer.alloc(data.length + 4);
  body[0] = seq & 0xff;
  body[1] = data.length;
  body.set(data, 2);
  body.writeUInt16LE(crc16Ssp(body, 0, data.length + 2), data.length + 2);
  return body;
}

/** STX followed by the body with every 7F doubled. */
export function stuff(body: Uint8Array): Buffer {
  const out: number[] = [STX];
  for (const b of body) {
    out.push(b);
    if (b === STX) out.push(STX);
  }
  return Buffer.from(out);
}

export function encodeFrame(seq: number, data: Uint8Array): Buffer {
  return stuff(frameBody(seq, data));
}

export class SspFrameParser {
  readonly stats: SspFrameStats = { frames: 0, crcErrors: 0, droppedBytes: 0 };
  /** Unstuffed bytes of the frame being received, or null while hunting for an STX. */
  private body: number[] | null = null;
  /** A 7F was seen inside a frame: the next byte says whether it was data or a new STX. */
  private escape = false;

  /** Feeds a chunk; returns every complete, CRC-valid frame it completes, in order. */
  push(chunk: Uint8Array): SspFrame[] {
    const frames: SspFrame[] = [];
    for (const byte of chunk) {
      const frame = this.take(byte);
      if (frame) frames.push(frame);
    }
    return frames;
  }

  /** Forgets a partial frame, e.g. one left over from a reply that timed out. */
  reset(): void {
    if (this.body) this.stats.droppedBytes += this.body.length + 1;
    this.body = null;
    this.escape = false;
  }

  private take(byte: number): SspFrame | null {
    const body = this.body;
    if (!body) {
      if (byte === STX) this.body = [];
      else this.stats.droppedBytes++;
      return null;
    }
    if (this.escape) {
      this.escape = false;
      if (byte !== STX) {
        // The 7F was a lone STX: the frame so far was broken; a new one starts here.
        this.stats.droppedBytes += body.length + 1;
        this.body = [];
        return this.append(byte);
      }
      return this.append(STX);
    }
    if (byte === STX) {
      this.escape = true;
      return null;
    }
    return this.append(byte);
  }

  private append(byte: number): SspFrame | null {
    const body = this.body;
    if (!body) return null;
    body.push(byte);
    const length = body[1];
    if (length === undefined || body.length < length + 4) return null;
    this.body = null;
    const bytes = Buffer.from(body);
    if (bytes.readUInt16LE(length + 2) !== crc16Ssp(bytes, 0, length + 2)) {
      this.stats.crcErrors++;
      this.stats.droppedBytes += bytes.length + 1;
      return null;
    }
    this.stats.frames++;
    return { seq: bytes[0] ?? 0, data: bytes.subarray(2, length + 2) };
  }
}
