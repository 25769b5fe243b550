// DLE EOT 1–4 replies (protocols.md §2) decoded into the printer's device status. Bits 1 and 4
// of every reply are always 1 (idle = 0x12); a reply without them is not a status byte.
import type { PrinterStatus } from '../printer';

export const STATUS_QUERIES = [1, 2, 3, 4] as const;
export type StatusQuery = (typeof STATUS_QUERIES)[number];

const FIXED = 0x12;

export interface StatusFlags {
  /** n=1 bit 3. */
  offline: boolean;
  /** n=1 bit 7 (kiosk models): the last receipt is still in the presenter. */
  paperNotTaken: boolean;
  /** n=2 bit 2. */
  coverOpen: boolean;
  /** n=2 bit 5: printing stopped at the end of the paper. */
  paperEndStop: boolean;
  /** n=2 bit 6. */
  error: boolean;
  /** n=3 bit 3. */
  cutterError: boolean;
  /** n=3 bit 5. */
  unrecoverable: boolean;
  /** n=3 bit 6: print head too hot; recovers on its own. */
  headTemperature: boolean;
  /** n=4 bits 2–3 (0x0C). */
  nearEnd: boolean;
  /** n=4 bits 5–6 (0x60). */
  paperEnd: boolean;
}

export type Decoded = { ok: true; flags: StatusFlags } | { ok: false; reason: string };

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

/** Decodes the four replies, in query order 1, 2, 3, 4. */
export function decodeStatus(replies: readonly number[]): Decoded {
  if (replies.length !== 4)
    return { ok: false, reason: `expected 4 replies, got ${replies.length}` };
  for (const [i, byte] of replies.entries()) {
    if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || (byte & FIXED) !== FIXED) {
      return { ok: false, reason: `malformed DLE EOT ${i + 1} reply ${hex(byte)}` };
    }
  }
  const [n1 = 0, n2 = 0, n3 = 0, n4 = 0] = replies;
  return {
    ok: true,
    flags: {
      offline: (n1 & 0x08) !== 0,
      paperNotTaken: (n1 & 0x80) !== 0,
      coverOpen: (n2 & 0x04) !== 0,
      paperEndStop: (n2 & 0x20) !== 0,
      error: (n2 & 0x40) !== 0,
      cutterError: (n3 & 0x08) !== 0,
      unrecoverable: (n3 & 0x20) !== 0,
      headTemperature: (n3 & 0x40) !== 0,
      nearEnd: (n4 & 0x0c) !== 0,
      paperEnd: (n4 & 0x60) !== 0,
    },
  };
}

/**
 * The device model's view. Precedence: hardware faults (cutter, unrecoverable, head
 * temperature) → hardwareError; cover open or paper out (a person can fix them) → userError;
 * the offline bit alone → offline. A cutter error stops on jammed paper, so paper is 'jammed'.
 */
export function toPrinterStatus(f: StatusFlags): PrinterStatus {
  const out = f.paperEnd || f.paperEndStop;
  const paper = out ? 'out' : f.cutterError ? 'jammed' : f.nearEnd ? 'low' : 'full';
  const causes = [
    f.cutterError && 'cutter error',
    f.unrecoverable && 'unrecoverable error',
    f.headTemperature && 'print head too hot',
    f.error && !f.cutterError && !f.unrecoverable && !f.headTemperature && 'error',
    f.coverOpen && 'cover open',
    out && 'paper out',
    !out && f.nearEnd && 'paper near end',
    f.paperNotTaken && 'receipt not taken',
  ].filter((c): c is string => typeof c === 'string');
  const hardware = f.cutterError || f.unrecoverable || f.headTemperature || f.error;
  const device = hardware
    ? 'hardwareError'
    : f.coverOpen || out
      ? 'userError'
      : f.offline
        ? 'offline'
        : 'online';
  const detail = causes.length ? causes.join(', ') : device === 'offline' ? 'offline' : null;
  return { device, paper, coverOpen: f.coverOpen, cutterError: f.cutterError, detail };
}
