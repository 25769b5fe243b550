// ID-003 framing: FC LNG CMD [DATA] CRCL CRCH, LNG counting every byte, CRC over FC..DATA.
// The parser never throws: a serial line delivers garbage, split and merged frames, and
// the driver must keep polling through all of it.
import { crc16Kermit } from './crc';

export const SYNC = 0xfc;
/** FC LNG CMD CRCL CRCH: the shortest frame. */
export const MIN_FRAME = 5;
export const MAX_FRAME = 255;

export interface Frame {
  cmd: number;
  data: Buffer;
}

export interface FrameStats {
  frames: number;
  /** Bytes discarded while hunting for a sync, including the sync of each rejected frame. */
  droppedBytes: number;
  crcErrors: number;
}

export function encodeFrame(cmd: number, data: Uint8Array = Buffer.alloc(0)): Buffer {
  const length = MIN_FRAME + data.length;
  if (length > MAX_FRAME) throw new RangeError(`ID-003 frame too long: ${length} bytes`);
  const frame = Buffer.alloc(length);
  frame[0] = SYNC;
  frame[1] = length;
  frame[2] = cmd & 0xff;
  frame.set(data, 3);
  frame.writeUInt16LE(crc16Kermit(frame, 0, length - 2), length - 2);
  return frame;
}

export class FrameParser {
  private buf: Buffer = Buffer.alloc(0);
  readonly stats: FrameStats = { frames: 0, droppedBytes: 0, crcErrors: 0 };

  constructor(private readonly maxFrame = MAX_FRAME) {}

  /** Bytes held while a frame is incomplete. */
  get pending(): number {
    return this.buf.length;
  }

  /** Feeds a chunk; returns every complete, CRC-valid frame it completes, in order. */
  push(chunk: Uint8Array): Frame[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const frames: Frame[] = [];
    for (;;) {
      const sync = this.buf.indexOf(SYNC);
      if (sync < 0) {
        this.drop(this.buf.length);
        return frames;
      }
      this.drop(sync);
      if (this.buf.length < 2) return frames;
      const length = this.buf[1] ?? 0;
      if (length < MIN_FRAME || length > this.maxFrame) {
        this.drop(1); // a false sync: hunt again from the next byte
        continue;
      }
      if (this.buf.length < length) return frames;
      const crc = this.buf.readUInt16LE(length - 2);
      if (crc !== crc16Kermit(this.buf, 0, length - 2)) {
        // The length byte may itself be corrupt, so resync right after this sync, not after LNG.
        this.stats.crcErrors++;
        this.drop(1);
        continue;
      }
      frames.push({ cmd: this.buf[2] ?? 0, data: Buffer.from(this.buf.subarray(3, length - 2)) });
      this.stats.frames++;
      this.buf = this.buf.subarray(length);
    }
  }

  /** Discards a partial frame, e.g. one left by a reply that timed out. */
  reset(): void {
    this.drop(this.buf.length);
  }

  private drop(count: number): void {
    if (count <= 0) return;
    this.stats.droppedBytes += count;
    this.buf = this.buf.subarray(count);
  }
}
