// The outbox: write-offs waiting to reach the gateway. Rows are created with FUNDS_CAPTURED
// (PaymentJournal.captureFunds) and closed when the payment reaches a settled state.
import type { JournalDb } from './open-journal';

export interface OutboxRow {
  id: number;
  paymentId: number;
  attempts: number;
  nextAttemptAt: number;
}

export class Outbox {
  constructor(private readonly db: JournalDb) {}

  /** Open rows whose next attempt is due, oldest first. */
  due(now: number, limit = 50): OutboxRow[] {
    return this.db
      .prepare(
        `SELECT id, payment_id AS paymentId, attempts, next_attempt_at AS nextAttemptAt FROM outbox
         WHERE done_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(now, limit) as OutboxRow[];
  }

  /** When the earliest open row is due, or null if none is open. */
  nextDueAt(): number | null {
    const row = this.db
      .prepare(`SELECT min(next_attempt_at) AS at FROM outbox WHERE done_at IS NULL`)
      .get() as { at: number | null };
    return row.at;
  }

  isOpen(id: number): boolean {
    const row = this.db.prepare(`SELECT done_at AS doneAt FROM outbox WHERE id = ?`).get(id) as
      { doneAt: number | null } | undefined;
    return row !== undefined && row.doneAt === null;
  }

  /** `notBefore` is the gateway's Retry-After floor (0 when it gave none). */
  reschedule(
    id: number,
    attempts: number,
    nextAttemptAt: number,
    error: string,
    notBefore = 0,
  ): void {
    this.db
      .prepare(
        `UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, not_before = ? WHERE id = ?`,
      )
      .run(attempts, nextAttemptAt, error, notBefore, id);
  }

  /** Makes every open row due as soon as the gateway allows (skipping backoff, never Retry-After). */
  dueNow(now: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET next_attempt_at = max(?, not_before) WHERE done_at IS NULL AND next_attempt_at > ?`,
      )
      .run(now, now);
  }

  close(id: number, at: number): void {
    this.db.prepare(`UPDATE outbox SET done_at = ? WHERE id = ?`).run(at, id);
  }

  /** Closes a payment's open row when something other than the worker settled it. */
  closeForPayment(paymentId: number, at: number): void {
    this.db
      .prepare(`UPDATE outbox SET done_at = ? WHERE payment_id = ? AND done_at IS NULL`)
      .run(at, paymentId);
  }
}
