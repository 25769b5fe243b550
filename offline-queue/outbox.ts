// The outbox: write-offs waiting to reach the gateway, and the only writer of the `outbox`
// table. Rows are queued with FUNDS_CAPTURED (PaymentJournal.captureFunds, in its transaction)
// and closed when the payment reaches a settled state. Due times
// are wall-clock times, so that they survive a restart; the sync worker keeps them true when the
// wall clock is stepped (shiftOpen, bringIn).
import type { JournalDb } from './open-journal';

export interface OutboxRow {
  id: number;
  paymentId: number;
  attempts: number;
  nextAttemptAt: number;
}

/** An open row as staff see it. */
export interface OpenOutboxRow extends OutboxRow {
  /** The gateway's Retry-After floor (wall ms), 0 when it gave none. */
  notBefore: number;
  lastError: string | null;
}

export class Outbox {
  constructor(private readonly db: JournalDb) {}

  /**
   * A captured payment's write-off is due at `at`. Call inside the transaction that captures
   * the funds (journal before effect: the two commit together).
   */
  queueWriteOff(paymentId: number, at: number): void {
    this.db
      .prepare(`INSERT INTO outbox(payment_id, kind, next_attempt_at) VALUES (?, 'writeoff', ?)`)
      .run(paymentId, at);
  }

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

  /**
   * The next attempt `waitMs` from `now`; `notBefore` is the gateway's Retry-After floor (0 when
   * it gave none).
   */
  reschedule(
    id: number,
    attempts: number,
    next: { now: number; waitMs: number; notBefore?: number },
    error: string,
  ): void {
    this.db
      .prepare(
        `UPDATE outbox SET attempts = ?, next_attempt_at = ?, wait_ms = ?, last_error = ?,
         not_before = ? WHERE id = ?`,
      )
      .run(attempts, next.now + next.waitMs, next.waitMs, error, next.notBefore ?? 0, id);
  }

  /** The wall clock was stepped by `ms`: every open row's due times move with it. */
  shiftOpen(ms: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET next_attempt_at = next_attempt_at + @ms,
         not_before = CASE WHEN not_before > 0 THEN not_before + @ms ELSE 0 END
         WHERE done_at IS NULL`,
      )
      .run({ ms });
  }

  /**
   * A row due further from `now` than its own wait (or, for a row without one, than `capMs`;
   * never attempted: than 0) was scheduled by a wall clock ahead of this one — set back since,
   * perhaps while the kiosk was off. It is made due after that wait, counted from now.
   * Returns how many rows were brought in.
   */
  bringIn(now: number, capMs: number): number {
    const limit = `@now + coalesce(wait_ms, CASE WHEN attempts = 0 THEN 0 ELSE @capMs END)`;
    return this.db
      .prepare(
        `UPDATE outbox SET next_attempt_at = ${limit}, not_before = min(not_before, ${limit})
         WHERE done_at IS NULL AND next_attempt_at > ${limit}`,
      )
      .run({ now, capMs }).changes;
  }

  /** Every open row with its attempts, due times and last error, oldest first (staff's list). */
  openRows(): OpenOutboxRow[] {
    return this.db
      .prepare(
        `SELECT id, payment_id AS paymentId, attempts, next_attempt_at AS nextAttemptAt,
                not_before AS notBefore, last_error AS lastError
           FROM outbox WHERE done_at IS NULL ORDER BY id`,
      )
      .all() as OpenOutboxRow[];
  }

  /** A payment's open row, or undefined. */
  openRowFor(paymentId: number): OpenOutboxRow | undefined {
    return this.db
      .prepare(
        `SELECT id, payment_id AS paymentId, attempts, next_attempt_at AS nextAttemptAt,
                not_before AS notBefore, last_error AS lastError
           FROM outbox WHERE payment_id = ? AND done_at IS NULL`,
      )
      .get(paymentId) as OpenOutboxRow | undefined;
  }

  /** Makes one payment's open row due as soon as the gateway allows (as dueNow, for one row). */
  dueNowFor(paymentId: number, now: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET next_attempt_at = max(?, not_before)
          WHERE payment_id = ? AND done_at IS NULL AND next_attempt_at > ?`,
      )
      .run(now, paymentId, now);
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
