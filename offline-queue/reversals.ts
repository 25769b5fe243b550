// Same-day reversals (冲正) of written-off payments, and the only writer of the
// `payment_reversal` table. A reversal is asked by staff with a second person's approval (the
// facade in src/service/ checks both); its intent is journalled before the request leaves, so a
// crash while it is out leaves a `requested` row that is settled by asking the gateway (a
// query) before anything is sent again. A confirmed reversal undoes the write-off in the payment
// journal and sends the money back by the refund-slip path (compensation.ts), in one
// transaction with the reversal's outcome.
import { compensateCash } from './compensation';
import type { JournalDb } from './open-journal';
import type { PaymentJournal } from './payment-journal';
import type { StaffItems } from './staff-items';

export type ReversalState =
  'requested' | 'unknown' | 'reversed' | 'too_late' | 'not_found' | 'refused';

/** Outcomes after which nothing more is asked of the gateway. */
export const FINAL_REVERSAL_STATES: readonly ReversalState[] = [
  'reversed',
  'too_late',
  'not_found',
  'refused',
];

export interface Reversal {
  id: number;
  paymentId: number;
  state: ReversalState;
  /** A code from the facade's fixed list; sent to the gateway as the reason. */
  reason: string;
  /** Fen: what the payment took, to go back if it is reversed. */
  amount: number;
  /** Staff numbers: who asked, and who approved (never the same person). */
  requestedBy: string;
  approvedBy: string;
  requestedAt: number;
  attempts: number;
  lastError: string | null;
  settledAt: number | null;
}

const SELECT = `SELECT id, payment_id AS paymentId, state, reason, amount, requested_by AS requestedBy,
  approved_by AS approvedBy, requested_at AS requestedAt, attempts, last_error AS lastError,
  settled_at AS settledAt FROM payment_reversal`;

export class ReversalOpen extends Error {
  override name = 'ReversalOpen';
}

export class Reversals {
  constructor(
    private readonly db: JournalDb,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * The intent, before the request leaves. Throws ReversalOpen if the payment already has a
   * reversal under way or done (the database allows one live reversal per payment).
   */
  intend(r: {
    paymentId: number;
    reason: string;
    amount: number;
    requestedBy: string;
    approvedBy: string;
  }): number {
    if (this.liveFor(r.paymentId)) throw new ReversalOpen(`payment ${r.paymentId} has a reversal`);
    const info = this.db
      .prepare(
        `INSERT INTO payment_reversal(payment_id, state, reason, amount, requested_by, approved_by,
           requested_at) VALUES (?, 'requested', ?, ?, ?, ?, ?)`,
      )
      .run(r.paymentId, r.reason, r.amount, r.requestedBy, r.approvedBy, this.clock());
    return Number(info.lastInsertRowid);
  }

  /** An attempt is about to leave (the first, or one after a query found it not reversed). */
  attempt(id: number): void {
    this.db
      .prepare(
        `UPDATE payment_reversal SET attempts = attempts + 1 WHERE id = ? AND settled_at IS NULL`,
      )
      .run(id);
  }

  /** No answer settles it: ask the gateway (query) before anything is sent again. */
  markUnknown(id: number, error: string): void {
    this.db
      .prepare(
        `UPDATE payment_reversal SET state = 'unknown', last_error = ? WHERE id = ? AND settled_at IS NULL`,
      )
      .run(error.slice(0, 200), id);
  }

  /**
   * A final outcome other than reversed (too_late, not_found, refused): the payment stays
   * written off. Call inside the transaction that audits it.
   */
  settleUnreversed(
    id: number,
    state: Exclude<ReversalState, 'requested' | 'unknown' | 'reversed'>,
    error: string | null,
  ): void {
    const info = this.db
      .prepare(
        `UPDATE payment_reversal SET state = ?, last_error = ?, settled_at = ?
          WHERE id = ? AND settled_at IS NULL`,
      )
      .run(state, error, this.clock(), id);
    if (info.changes !== 1) throw new Error(`reversal ${id} is already settled`);
  }

  /** The gateway reversed it; call inside settleReversed's transaction. */
  private markReversed(id: number): void {
    const info = this.db
      .prepare(
        `UPDATE payment_reversal SET state = 'reversed', last_error = NULL, settled_at = ?
          WHERE id = ? AND settled_at IS NULL`,
      )
      .run(this.clock(), id);
    if (info.changes !== 1) throw new Error(`reversal ${id} is already settled`);
  }

  /**
   * The gateway confirmed the reversal: recorded, the payment's write-off undone
   * (REFUND_REQUIRED, 'reversed') and its money sent back by refund slip (MANUAL_REFUND and a
   * cash_refund staff item), in one transaction. Returns the staff item's id.
   */
  settleReversed(id: number, journal: PaymentJournal, staff: StaffItems): number {
    return this.db.transaction(() => {
      const r = this.get(id);
      if (!r) throw new Error(`no reversal ${id}`);
      this.markReversed(id);
      journal.recordReversal(r.paymentId);
      if (!compensateCash(this.db, journal, staff, r.paymentId))
        throw new Error(`payment ${r.paymentId} could not be refunded by slip`);
      const item = staff
        .openItems()
        .find((i) => i.kind === 'cash_refund' && i.paymentId === r.paymentId);
      if (!item) throw new Error(`payment ${r.paymentId} has no refund slip item`);
      return item.id;
    })();
  }

  get(id: number): Reversal | null {
    return (this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Reversal | undefined) ?? null;
  }

  /** The payment's reversal under way or done, if any. */
  liveFor(paymentId: number): Reversal | null {
    return (
      (this.db
        .prepare(`${SELECT} WHERE payment_id = ? AND state IN ('requested', 'unknown', 'reversed')`)
        .get(paymentId) as Reversal | undefined) ?? null
    );
  }

  /** Reversals still waiting for an answer that settles them, oldest first. */
  unsettled(): Reversal[] {
    return this.db.prepare(`${SELECT} WHERE settled_at IS NULL ORDER BY id`).all() as Reversal[];
  }

  /** Reversals the gateway confirmed between these wall times: count and amount (fen). */
  reversedBetween(from: number, to: number): { count: number; amount: number } {
    return this.db
      .prepare(
        `SELECT count(*) AS count, coalesce(sum(amount), 0) AS amount FROM payment_reversal
          WHERE state = 'reversed' AND settled_at >= ? AND settled_at < ?`,
      )
      .get(from, to) as { count: number; amount: number };
  }
}
