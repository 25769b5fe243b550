// Drops the same text read again within a window. A customer holding a bill under the scanner
// gets it read every few hundred milliseconds; each repeat restarts the window, so one long
// hold is one scan. A different text, or the same after a pause, passes. The window is measured
// on the monotonic clock: on the wall clock, a step forward mid-hold would let the held bill
// through twice, and a step back would drop the same bill scanned again for as long as the step.
import { monotonicNow, type MonotonicClock } from '../time/monotonic';

export interface DebouncerOptions {
  windowMs?: number;
  monotonic?: MonotonicClock;
}

export class Debouncer {
  private last: { text: string; at: number } | null = null;
  private readonly windowMs: number;
  private readonly monotonic: MonotonicClock;

  constructor(o: DebouncerOptions = {}) {
    this.windowMs = o.windowMs ?? 1500;
    this.monotonic = o.monotonic ?? monotonicNow;
  }

  /** True when the text is a new scan; false for a repeat within the window. */
  accept(text: string): boolean {
    const now = this.monotonic();
    const repeat =
      this.last !== null && this.last.text === text && now - this.last.at < this.windowMs;
    this.last = { text, at: now };
    return !repeat;
  }

  reset(): void {
    this.last = null;
  }
}
