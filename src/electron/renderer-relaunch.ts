// What the shell does when the renderer process is gone (crash, kill, out of memory, or our
// own kill of a hung page): load the app again after a growing delay; after too many failures
// in a short time, show the static out-of-service page instead of looping on a broken page.
// The decision is a pure function of the failure times; the class only holds them and a timer.

export interface RelaunchPolicy {
  /** Delay before the n-th relaunch in the window (the last one repeats). */
  backoffMs: readonly number[];
  /** This many failures within windowMs and the kiosk goes out of service. */
  maxFailures: number;
  windowMs: number;
}

export const RELAUNCH_POLICY: RelaunchPolicy = {
  backoffMs: [1_000, 5_000, 30_000],
  maxFailures: 5,
  windowMs: 10 * 60_000,
};

export type RelaunchDecision =
  | { action: 'relaunch'; delayMs: number; recent: number[] }
  | { action: 'out-of-service'; delayMs: number; recent: number[] };

export function decideAfterRendererGone(
  earlier: readonly number[],
  now: number,
  policy: RelaunchPolicy = RELAUNCH_POLICY,
): RelaunchDecision {
  const recent = [...earlier.filter((t) => now - t < policy.windowMs), now];
  const last = policy.backoffMs.length - 1;
  if (recent.length >= policy.maxFailures) {
    return { action: 'out-of-service', delayMs: policy.backoffMs[0] ?? 0, recent };
  }
  const delayMs = policy.backoffMs[Math.min(recent.length - 1, last)] ?? 0;
  return { action: 'relaunch', delayMs, recent };
}

export interface RelaunchEffects {
  loadApp(): void;
  loadOutOfService(): void;
  log(message: string): void;
}

export class RendererRelauncher {
  private failures: number[] = [];
  private outOfService = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly effects: RelaunchEffects,
    private readonly policy: RelaunchPolicy = RELAUNCH_POLICY,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The renderer is gone; `reason` is Electron's RenderProcessGoneDetails.reason. */
  gone(reason: string): void {
    if (this.disposed) return; // the window is closing: nothing to relaunch into
    if (this.timer) clearTimeout(this.timer);
    const decision = decideAfterRendererGone(this.failures, this.clock(), this.policy);
    this.failures = decision.recent;
    if (this.outOfService || decision.action === 'out-of-service') {
      // Once out of service the kiosk stays so until staff restart it; only the page is redrawn.
      if (!this.outOfService) {
        this.effects.log(
          `renderer gone (${reason}) ${decision.recent.length} times in ${this.policy.windowMs} ms; out of service`,
        );
      }
      this.outOfService = true;
      this.timer = setTimeout(() => this.effects.loadOutOfService(), decision.delayMs);
      return;
    }
    this.effects.log(`renderer gone (${reason}); relaunching in ${decision.delayMs} ms`);
    this.timer = setTimeout(() => this.effects.loadApp(), decision.delayMs);
  }

  get isOutOfService(): boolean {
    return this.outOfService;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
