// What the shell does when the page stops answering ('unresponsive'): give it a grace period,
// then reload it; if it still does not answer, kill its renderer process, after which the
// renderer-gone path relaunches it with backoff. 'responsive' at any point calls it off.
// A hung page must never freeze the kiosk's screen for good.

export interface HangRecoveryEffects {
  reload(): void;
  /** webContents.forcefullyCrashRenderer(): 'render-process-gone' follows. */
  killRenderer(): void;
  log(message: string): void;
}

export const HANG_GRACE_MS = 10_000;

export class HangRecovery {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(
    private readonly effects: HangRecoveryEffects,
    private readonly graceMs = HANG_GRACE_MS,
  ) {}

  unresponsive(): void {
    if (this.timer || this.disposed) return; // already counting down, or closing
    this.effects.log(`page unresponsive; reloading it in ${this.graceMs} ms unless it recovers`);
    this.timer = setTimeout(() => {
      this.effects.log('page still unresponsive; reloading');
      this.effects.reload();
      this.timer = setTimeout(() => {
        this.timer = null;
        this.effects.log('page unresponsive after reload; killing its renderer');
        this.effects.killRenderer();
      }, this.graceMs);
    }, this.graceMs);
  }

  responsive(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.effects.log('page responsive again');
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
