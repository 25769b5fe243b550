// An emulated device's transmit side of the cable, where line faults are injected: silence,
// corrupt CRCs, a frame sent in two writes, a frame held back and sent with the next one.
import type { LineFaults } from './acceptor-emulator';

/** Gap between the two halves of a split frame: far below any reply timeout, yet two reads. */
const SPLIT_GAP_MS = 3;

/** A copy of the bytes with the last one (a frame's CRC high byte) flipped. */
export function withBadCrc(bytes: Uint8Array): Buffer {
  const out = Buffer.from(bytes);
  const last = out.length - 1;
  out[last] = (out[last] ?? 0) ^ 0x5a;
  return out;
}

export class FaultyWire {
  /** Mutable: tests and the panel flip these while the emulator runs. */
  readonly faults: LineFaults = {
    silent: false,
    badCrcFrames: 0,
    splitFrames: false,
    mergeFrames: false,
  };
  private readonly transmitters = new Set<(bytes: Buffer) => void>();
  private held: Buffer | null = null;
  private splits = 0;

  onTransmit(cb: (bytes: Buffer) => void): () => void {
    this.transmitters.add(cb);
    return () => this.transmitters.delete(cb);
  }

  /**
   * Sends one frame, built by `frame`: with `badCrc` it must corrupt the CRC, and only the CRC
   * (the protocol knows where that is once the frame is encoded).
   */
  send(frame: (badCrc: boolean) => Buffer): void {
    if (this.faults.silent) return;
    const badCrc = this.faults.badCrcFrames > 0;
    if (badCrc) this.faults.badCrcFrames--;
    let out = frame(badCrc);
    if (this.faults.mergeFrames && !this.held) {
      this.held = out;
      return;
    }
    if (this.held) {
      out = Buffer.concat([this.held, out]);
      this.held = null;
    }
    if (!this.faults.splitFrames || out.length < 2) return this.emit(out);
    // Vary the cut so that every offset inside a frame gets exercised over a run.
    const cut = 1 + (this.splits++ % (out.length - 1));
    const tail = out.subarray(cut);
    this.emit(out.subarray(0, cut));
    setTimeout(() => this.emit(tail), SPLIT_GAP_MS);
  }

  /** Power cut: a frame held back never leaves. */
  drop(): void {
    this.held = null;
  }

  private emit(bytes: Buffer): void {
    for (const cb of this.transmitters) cb(Buffer.from(bytes));
  }
}
