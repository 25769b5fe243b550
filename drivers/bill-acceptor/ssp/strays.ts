// Listeners for notes outside any escrow decision (StrayNote). A 'stacked' stray is money in
// the box: the driver sends the POLL that acknowledges it only once every listener succeeded.
import type { StrayNote } from '../bill-acceptor';
import type { DriverLogger } from '../id003/link';

type StrayListener = (note: StrayNote) => Promise<void> | void;

export class StrayNotes {
  private readonly listeners = new Set<StrayListener>();

  constructor(private readonly log: DriverLogger) {}

  add(listener: StrayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves true once every listener has; false if any threw or rejected. Never rejects. */
  async emit(note: StrayNote): Promise<boolean> {
    this.log.warn({ ...note }, 'ssp: stray note');
    if (this.listeners.size === 0) this.log.error({ ...note }, 'ssp: nobody took the stray note');
    const results = await Promise.allSettled(
      [...this.listeners].map(async (listener) => listener(note)),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    for (const f of failed) this.log.error({ err: f.reason }, 'ssp: stray note listener failed');
    return failed.length === 0;
  }
}
