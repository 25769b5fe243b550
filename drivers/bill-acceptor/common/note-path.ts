// Whether the acceptor's note path may hold a note, from what the device reports, and the
// onNotePathClear listeners. The host closes the evidence of its last note when the path is
// clear, so a later stray report is never taken for that note. A driver that has just started
// does not know what the device holds, so its path counts as busy until the device says
// otherwise.
import type { DriverLogger } from './driver-logger';

export class NotePath {
  private busy = true;
  private readonly listeners = new Set<() => void>();

  /** `name` prefixes the log messages, e.g. 'id003'. */
  constructor(
    private readonly log: DriverLogger,
    private readonly name: string,
  ) {}

  add(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The device reported a note in its path, or a fault that may hold one. */
  occupied(): void {
    this.busy = true;
  }

  /** The device reported its path clear: listeners hear it once per busy spell. */
  clear(): void {
    if (!this.busy) return;
    this.busy = false;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        this.log.error({ err }, `${this.name}: note path listener failed`);
      }
    }
  }
}
