// Refusals at the edge are logged once each, not once per request: a flood of bad requests
// must not become a flood of log lines (or fill the disk). The first refusal of a kind in a
// minute is logged with its detail; the rest are counted and reported with the next one.
export interface RefusalLogger {
  warn(obj: object, msg: string): void;
}

const WINDOW_MS = 60_000;

export class RefusalLog {
  private readonly seen = new Map<string, { since: number; suppressed: number }>();

  constructor(
    private readonly log: RefusalLogger,
    private readonly now: () => number = () => performance.now(),
  ) {}

  note(kind: string, detail: object = {}): void {
    const now = this.now();
    const entry = this.seen.get(kind);
    if (entry && now - entry.since < WINDOW_MS) {
      entry.suppressed++;
      return;
    }
    const suppressed = entry?.suppressed ?? 0;
    this.seen.set(kind, { since: now, suppressed: 0 });
    this.log.warn({ kind, ...detail, ...(suppressed ? { suppressed } : {}) }, 'refused a request');
  }
}
