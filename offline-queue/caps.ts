// Caps on money waiting to be written off, per biller (payments.md §2, invariant 11): past any
// of them the kiosk stops taking new payments for that biller rather than pile up risk.
import type { JournalDb } from './open-journal';
import { PENDING_SYNC_STATES } from './payment-states';

export interface QueueCaps {
  maxCount: number;
  /** Fen. */
  maxTotal: number;
  /** The oldest pending write-off may not be older than this. */
  maxAgeMs: number;
}

export interface PendingFigures {
  count: number;
  total: number;
  oldestAt: number | null;
}

export type CapBreach = 'count' | 'total' | 'age';

export function pendingForBiller(db: JournalDb, billerId: string): PendingFigures {
  const marks = PENDING_SYNC_STATES.map(() => '?').join(',');
  return db
    .prepare(
      `SELECT count(*) AS count, coalesce(sum(collected), 0) AS total, min(coalesce(collected_at, created_at)) AS oldestAt
       FROM payment WHERE biller_id = ? AND state IN (${marks})`,
    )
    .get(billerId, ...PENDING_SYNC_STATES) as PendingFigures;
}

/** Which cap the figures break (count, then total, then age), or null when within all. */
export function capBreach(f: PendingFigures, caps: QueueCaps, now: number): CapBreach | null {
  if (f.count >= caps.maxCount) return 'count';
  if (f.total >= caps.maxTotal) return 'total';
  if (f.oldestAt !== null && now - f.oldestAt >= caps.maxAgeMs) return 'age';
  return null;
}
