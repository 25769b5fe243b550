// The customer's inactivity clock. While the session waits for the customer, 90 s without a tap
// asks "need more time?" with a deadline at least 30 s away; an unanswered deadline is
// TIMED_OUT, which the session answers safely (never dropping money). Deadlines are absolute
// times, so a slow tick or a busy host never shortens the customer's time.
import type { SessionEvent } from '../flows/session-machine';

export interface InactivityOptions {
  clock: () => number;
  /** Quiet time before asking (default 90 s). */
  idleMs?: number;
  /** Time given to answer (default 30 s). */
  answerMs?: number;
  /** Whether the session is waiting for the customer right now. */
  waiting(): boolean;
  send(event: SessionEvent): void;
  tickMs?: number;
}

export class InactivityClock {
  private lastActivity: number;
  private deadline: number | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly idleMs: number;
  private readonly answerMs: number;

  constructor(private readonly o: InactivityOptions) {
    this.idleMs = o.idleMs ?? 90_000;
    this.answerMs = Math.max(o.answerMs ?? 30_000, 30_000);
    this.lastActivity = o.clock();
    this.timer = setInterval(() => this.tick(), o.tickMs ?? 1_000);
    this.timer.unref();
  }

  /** A tap (any user event): the customer is here. */
  activity(): void {
    this.lastActivity = this.o.clock();
    this.deadline = null;
  }

  tick(): void {
    const now = this.o.clock();
    if (!this.o.waiting()) {
      this.lastActivity = now;
      this.deadline = null;
      return;
    }
    if (this.deadline === null) {
      if (now - this.lastActivity < this.idleMs) return;
      this.deadline = now + this.answerMs;
      this.o.send({ type: 'INACTIVE', deadline: this.deadline });
    } else if (now >= this.deadline) {
      this.deadline = null;
      this.lastActivity = now;
      this.o.send({ type: 'TIMED_OUT' });
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
