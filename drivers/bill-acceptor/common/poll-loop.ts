// The single loop that owns an acceptor's line: one step at a time, the next one a poll interval
// later, or at once when the step asks for it or a customer's note is waiting (wake). A step that
// throws is logged and the loop goes on: nothing escapes from a timer.
import type { DriverLogger } from './driver-logger';

export interface PollLoopOptions {
  intervalMs: number;
  /** One exchange on the line; true to run the next one at once. */
  step(): Promise<boolean>;
  log: DriverLogger;
  /** Prefixes the log messages, e.g. 'id003'. */
  name: string;
}

export class PollLoop {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private active = false;

  constructor(private readonly o: PollLoopOptions) {}

  get running(): boolean {
    return this.active;
  }

  /**
   * Unless already running: marks the loop running, calls `prepare` (the driver sets up its
   * line), runs the first step and resolves after it. The loop then runs until stop().
   */
  async start(prepare: () => void): Promise<void> {
    if (this.active) return;
    this.active = true;
    prepare();
    await this.tick();
  }

  stop(): void {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs the next step now if the loop is waiting between polls. */
  wake(): void {
    if (!this.timer || !this.active) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    let next = this.o.intervalMs;
    try {
      if (await this.o.step()) next = 0;
    } catch (err) {
      this.o.log.error({ err }, `${this.o.name}: unexpected error in the poll loop`);
    }
    if (this.active) this.timer = setTimeout(() => void this.tick(), next);
  }
}
