// Drops the same text read again within a window. A customer holding a bill under the scanner
// gets it read every few hundred milliseconds; each repeat restarts the window, so one long
// hold is one scan. A different text, or the same after a pause, passes.
export interface DebouncerOptions {
  windowMs?: number;
  clock?: () => number;
}

export class Debouncer {
  private last: { text: string; at: number } | null = null;
  private readonly windowMs: number;
  private readonly clock: () => number;

  constructor(o: DebouncerOptions = {}) {
    this.windowMs = o.windowMs ?? 1500;
    this.clock = o.clock ?? Date.now;
  }

  /** True when the text is a new scan; false for a repeat within the window. */
  accept(text: string): boolean {
    const now = this.clock();
    const repeat =
      this.last !== null && this.last.text === text && now - this.last.at < this.windowMs;
    this.last = { text, at: now };
    return !repeat;
  }

  reset(): void {
    this.last = null;
  }
}
