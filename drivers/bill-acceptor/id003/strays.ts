// Listeners for notes outside any escrow decision (StrayNote). A 'stacked' stray is money in
// the box: the driver acknowledges the acceptor only once every listener has journalled it.
import type { StrayNote } from '../bill-acceptor';
import type { DriverLogger } from './link';

type StrayListener = (note: StrayNote) => Promise<void> | void;

export class StrayNotes {
  private readonly listeners = new Set<StrayListener>();

  constructor(private readonly log: DriverLogger) {}

  get count(): number {
    return this.listeners.size;
  }

  add(listener: StrayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every listener has; rejects if any threw or rejected. */
  async emit(note: StrayNote): Promise<void> {
    this.log.warn({ ...note }, 'id003: stray note');
    const results = await Promise.allSettled(
      [...this.listeners].map(async (listener) => listener(note)),
    );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** For outcomes that need no acknowledgement: failures are logged, never thrown. */
  tell(note: StrayNote): void {
    this.emit(note).catch((err: unknown) =>
      this.log.error({ err, ...note }, 'id003: stray note listener failed'),
    );
  }
}
