// The customer's inactivity clock. While the session waits for the customer, 90 s without a tap
// asks "need more time?" with a deadline at least 30 s away; an unanswered deadline is
// TIMED_OUT, which the session answers safely (never dropping money). Quiet time and expiry are
// measured on the monotonic clock, so a step of the wall clock neither leaves the question up
// for ever nor cuts the customer's time short; the deadline the screen counts down to is a wall
// time, re-sent in the new wall time if the wall clock is stepped while the question is up.
import type { SessionEvent } from '../flows/session-types';
import type { MonotonicClock } from '../time/monotonic';

export interface InactivityOptions {
  /** The wall clock: only for the deadline shown on screen. */
  clock: () => number;
  /** Measures the quiet time and decides expiry. */
  monotonic: MonotonicClock;
  /** Quiet time before asking (default 90 s). */
  idleMs?: number;
  /** Time given to answer (default 30 s). */
  answerMs?: number;
  /** Whether the session is waiting for the customer right now. */
  waiting(): boolean;
  send(event: SessionEvent): void;
  tickMs?: number;
}

/** A shown deadline this far from the wall clock's reading of the real one is sent again. */
const DEADLINE_DRIFT_MS = 1_000;

export class InactivityClock {
  /** Monotonic times. */
  private lastActivity: number;
  private prompt: { expiresAt: number; shownDeadline: number } | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly idleMs: number;
  private readonly answerMs: number;

  constructor(private readonly o: InactivityOptions) {
    this.idleMs = o.idleMs ?? 90_000;
    this.answerMs = Math.max(o.answerMs ?? 30_000, 30_000);
    this.lastActivity = o.monotonic();
    this.timer = setInterval(() => this.tick(), o.tickMs ?? 1_000);
    this.timer.unref();
  }

  /** A tap (any user event): the customer is here. */
  activity(): void {
    this.lastActivity = this.o.monotonic();
    this.prompt = null;
  }

  tick(): void {
    const now = this.o.monotonic();
    if (!this.o.waiting()) {
      this.lastActivity = now;
      this.prompt = null;
      return;
    }
    if (this.prompt === null) {
      if (now - this.lastActivity < this.idleMs) return;
      const expiresAt = now + this.answerMs;
      this.prompt = { expiresAt, shownDeadline: this.wallTimeOf(expiresAt, now) };
      this.o.send({ type: 'INACTIVE', deadline: this.prompt.shownDeadline });
    } else if (now >= this.prompt.expiresAt) {
      this.prompt = null;
      this.lastActivity = now;
      this.o.send({ type: 'TIMED_OUT' });
    } else {
      const deadline = this.wallTimeOf(this.prompt.expiresAt, now);
      if (Math.abs(deadline - this.prompt.shownDeadline) < DEADLINE_DRIFT_MS) return;
      this.prompt.shownDeadline = deadline; // the wall clock was stepped: same time left
      this.o.send({ type: 'INACTIVE', deadline });
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The wall time at which a monotonic time comes, read now. */
  private wallTimeOf(monotonicAt: number, monotonicNow: number): number {
    return Math.round(this.o.clock() + (monotonicAt - monotonicNow));
  }
}
