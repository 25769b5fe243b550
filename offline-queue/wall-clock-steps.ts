// Notices steps of the wall clock (NTP, an operator, a clock corrected after boot): between two
// readings, the wall clock should move as far as the monotonic clock; the difference is a step.
// Differences under the tolerance (NTP slewing, timer jitter) are not steps.

export class WallClockSteps {
  private last: { wall: number; monotonic: number };

  constructor(
    private readonly wall: () => number,
    private readonly monotonic: () => number,
    private readonly toleranceMs = 2_000,
  ) {
    this.last = this.read();
  }

  /** How far (ms, + forward, − back) the wall clock was stepped since the last call, or 0. */
  take(): number {
    const now = this.read();
    const step = now.wall - this.last.wall - (now.monotonic - this.last.monotonic);
    this.last = now;
    return Math.abs(step) < this.toleranceMs ? 0 : Math.round(step);
  }

  private read(): { wall: number; monotonic: number } {
    return { wall: this.wall(), monotonic: this.monotonic() };
  }
}
