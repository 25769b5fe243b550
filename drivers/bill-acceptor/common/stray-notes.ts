// Listeners for notes outside any escrow decision (StrayNote). A 'stacked' stray is money in the
// box: the driver acknowledges it to the acceptor only once every listener has journalled it.
import type { StrayNote } from '../bill-acceptor';
import type { DriverLogger } from './driver-logger';

type StrayListener = (note: StrayNote) => Promise<void> | void;

export class StrayNotes {
  private readonly listeners = new Set<StrayListener>();

  /** `name` prefixes the log messages, e.g. 'id003'. */
  constructor(
    private readonly log: DriverLogger,
    private readonly name: string,
  ) {}

  get count(): number {
    return this.listeners.size;
  }

  add(listener: StrayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every listener has; rejects if any threw or rejected (each one logged). */
  async emit(note: StrayNote): Promise<void> {
    const { log, name } = this;
    log.warn({ ...note }, `${name}: stray note`);
    if (this.listeners.size === 0) log.error({ ...note }, `${name}: nobody took the stray note`);
    const results = await Promise.allSettled(
      [...this.listeners].map(async (listener) => listener(note)),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    for (const f of failed)
      log.error({ err: f.reason, ...note }, `${name}: stray note listener failed`);
    if (failed[0]) throw failed[0].reason;
  }

  /** For outcomes that need no acknowledgement: failures are logged, never thrown. */
  tell(note: StrayNote): void {
    this.emit(note).catch(() => undefined);
  }
}
