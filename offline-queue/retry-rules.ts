// The retry rules every worker that takes journalled work to the gateway follows (the sync
// worker's write-offs, the community room's uploads and applications): exponential backoff with
// jitter, and a drain loop that runs one round at a time, is kicked when work arrives, sleeps
// until the next due row and stops only once the round in flight is settled in the journal.

export interface BackoffOptions {
  /** The first wait (default 1 s). */
  baseDelayMs?: number | undefined;
  /** The longest wait (default 5 minutes). */
  maxDelayMs?: number | undefined;
}

export const DEFAULT_BASE_DELAY_MS = 1_000;
export const DEFAULT_MAX_DELAY_MS = 300_000;

/** Exponential backoff, half of it random so that many terminals do not retry in step. */
export function retryBackoff(
  attempts: number,
  o: BackoffOptions,
  random: () => number = Math.random,
): number {
  const base = o.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const cap = o.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  // ×8 per attempt (1 s, 8 s, 64 s, then the cap): a fleet coming back after an outage is
  // spread over the cap instead of crowding the first seconds with its freshest failures
  // (bench P3 measures the peak ÷ average).
  const ceiling = Math.min(cap, base * 8 ** Math.min(attempts - 1, 7));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface DrainLoopOptions {
  /** One pass over the work due now; `stopped()` turns true when the loop is being stopped. */
  round(stopped: () => boolean): Promise<void>;
  /** Milliseconds until the next row is due (≤ 0: now), or null when nothing waits. */
  nextDueIn(): number | null;
  /** A round that threw: logged by the owner; the next kick or timer tries again. */
  onError(err: Error): void;
}

/** Runs rounds when kicked and when the next row falls due; one round at a time. */
export class DrainLoop {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(private readonly o: DrainLoopOptions) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Run now; a round already running goes round once more when it is done. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // A failing round must never take the host down: the owner logs it; the next kick retries.
    this.current = this.drain()
      .catch((err: Error) => this.o.onError(err))
      .finally(() => (this.current = null));
  }

  /**
   * Stops taking new work and resolves once a round already in flight has been settled in the
   * journal, so the journal may be closed after it.
   */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    return this.current ?? Promise.resolve();
  }

  /** One drain (rounds until no kick came meanwhile), its failure the caller's: kick() logs it. */
  async drain(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.o.round(() => this.stopped);
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    const wait = this.o.nextDueIn();
    if (wait === null) return;
    // setTimeout runs on the monotonic clock; timers cap at ~24.8 days; re-check hourly.
    const delay = Math.min(Math.max(0, wait), 3_600_000);
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref?.();
  }
}
