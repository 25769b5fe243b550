// Reassembles HID POS reports into scans: a code longer than 56 bytes comes as several reports,
// all but the last flagged "more". The bytes are joined before UTF-8 decoding, since a character
// may be split across reports. Bad reports are counted and dropped, never thrown.
import { type HidPosReport, parseHidPosReport } from './hid-pos-report';
import { monotonicNow } from '../monotonic';

export interface HidPosStats {
  reports: number;
  scans: number;
  /** Reports id 0x02 that do not parse (short, impossible length). */
  malformed: number;
  /** Reports with another id. */
  ignored: number;
  /** Unfinished multi-report scans given up (timed out, device lost, AIM changed). */
  partialsDropped: number;
  overLong: number;
  /** Scans whose bytes were not valid UTF-8 (decoded with U+FFFD). */
  badUtf8: number;
}

export interface AssembledScan {
  aim: string;
  text: string;
}

export interface HidPosAssemblerOptions {
  /** A scan over this many bytes is dropped (bounds memory against a stuck "more" flag). */
  maxBytes?: number;
  /** A continuation arriving later than this after the previous report starts afresh. */
  partialTimeoutMs?: number;
  /** Times the partial timeout (default: the monotonic clock). */
  monotonic?: () => number;
}

export class HidPosAssembler {
  readonly stats: HidPosStats = {
    reports: 0,
    scans: 0,
    malformed: 0,
    ignored: 0,
    partialsDropped: 0,
    overLong: 0,
    badUtf8: 0,
  };
  private partial: { aim: string; chunks: Buffer[]; bytes: number; at: number } | null = null;
  private overLong = false;
  private lastMalformed: string | null = null;

  constructor(private readonly o: HidPosAssemblerOptions = {}) {}

  /** The reason the last malformed report was dropped, for the driver's log. */
  takeMalformedReason(): string | null {
    const r = this.lastMalformed;
    this.lastMalformed = null;
    return r;
  }

  /** Feeds one input report; returns the scan it completes, if any. */
  push(bytes: Buffer): AssembledScan | null {
    this.stats.reports++;
    const parsed = parseHidPosReport(bytes);
    if (!parsed.ok) {
      if (parsed.other) this.stats.ignored++;
      else {
        this.stats.malformed++;
        this.lastMalformed = parsed.malformed;
      }
      return null;
    }
    return this.add(parsed.report);
  }

  /** Drops an unfinished scan (the device went away). */
  reset(): void {
    if (this.partial) this.stats.partialsDropped++;
    this.partial = null;
    this.overLong = false;
  }

  private add(report: HidPosReport): AssembledScan | null {
    const now = (this.o.monotonic ?? monotonicNow)();
    const stale =
      this.partial !== null &&
      (now - this.partial.at > (this.o.partialTimeoutMs ?? 1000) ||
        this.partial.aim !== report.aim);
    if (stale) this.reset();
    const partial = this.partial ?? { aim: report.aim, chunks: [], bytes: 0, at: now };
    partial.chunks.push(report.data);
    partial.bytes += report.data.length;
    partial.at = now;
    if (partial.bytes > (this.o.maxBytes ?? 4096)) {
      // Keep swallowing the rest of this scan, then count it once.
      this.overLong = true;
      partial.chunks = [];
    }
    if (report.more) {
      this.partial = partial;
      return null;
    }
    this.partial = null;
    if (this.overLong) {
      this.overLong = false;
      this.stats.overLong++;
      return null;
    }
    const bytes = Buffer.concat(partial.chunks);
    const text = bytes.toString('utf8');
    if (!Buffer.from(text, 'utf8').equals(bytes)) this.stats.badUtf8++;
    this.stats.scans++;
    return { aim: partial.aim, text };
  }
}
