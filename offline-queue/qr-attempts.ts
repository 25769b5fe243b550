// Wallet attempts of QR payments (payments.md §4, invariant 4). Each attempt row is committed
// before the wallet call; a payment may have at most one open attempt (pending or user_paying),
// which the database enforces; every attempt must end in success, cancelled or refunded
// (failed when the wallet refused it outright).
import type { JournalDb } from './open-journal';
import { TransitionError } from './payment-journal';

export type QrAttemptState =
  'pending' | 'user_paying' | 'success' | 'failed' | 'cancelled' | 'refunded';

export interface QrAttempt {
  id: number;
  paymentId: number;
  qrPaymentId: string;
  kind: 'micropay' | 'native';
  amount: number;
  state: QrAttemptState;
  createdAt: number;
  updatedAt: number;
}

const NEXT: Record<QrAttemptState, readonly QrAttemptState[]> = {
  pending: ['user_paying', 'success', 'failed', 'cancelled'],
  user_paying: ['success', 'failed', 'cancelled'],
  success: ['refunded'],
  failed: [],
  cancelled: [],
  refunded: [],
};

export const OPEN_QR_STATES: readonly QrAttemptState[] = ['pending', 'user_paying'];

const SELECT = `SELECT id, payment_id AS paymentId, qr_payment_id AS qrPaymentId, kind, amount, state,
  created_at AS createdAt, updated_at AS updatedAt FROM qr_attempt`;

export class QrAttempts {
  constructor(
    private readonly db: JournalDb,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Journals a new attempt; refuses while the payment's previous attempt is still open. */
  begin(a: {
    paymentId: number;
    qrPaymentId: string;
    kind: 'micropay' | 'native';
    amount: number;
  }): QrAttempt {
    return this.db.transaction(() => {
      const open = this.openFor(a.paymentId);
      if (open)
        throw new TransitionError(
          `payment ${a.paymentId} still has QR attempt ${open.qrPaymentId} open`,
        );
      const now = this.clock();
      this.db
        .prepare(
          `INSERT INTO qr_attempt(payment_id, qr_payment_id, kind, amount, state, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
        )
        .run(a.paymentId, a.qrPaymentId, a.kind, a.amount, now, now);
      return this.get(a.qrPaymentId);
    })();
  }

  get(qrPaymentId: string): QrAttempt {
    const row = this.db.prepare(`${SELECT} WHERE qr_payment_id = ?`).get(qrPaymentId) as
      QrAttempt | undefined;
    if (!row) throw new Error(`no QR attempt ${qrPaymentId}`);
    return row;
  }

  openFor(paymentId: number): QrAttempt | null {
    const marks = OPEN_QR_STATES.map(() => '?').join(',');
    const row = this.db
      .prepare(`${SELECT} WHERE payment_id = ? AND state IN (${marks})`)
      .get(paymentId, ...OPEN_QR_STATES) as QrAttempt | undefined;
    return row ?? null;
  }

  /** The payment's most recent attempt, whatever its state. */
  latestFor(paymentId: number): QrAttempt | null {
    const row = this.db
      .prepare(`${SELECT} WHERE payment_id = ? ORDER BY id DESC LIMIT 1`)
      .get(paymentId) as QrAttempt | undefined;
    return row ?? null;
  }

  /** Every attempt still open, e.g. to query and cancel at recovery. */
  allOpen(): QrAttempt[] {
    const marks = OPEN_QR_STATES.map(() => '?').join(',');
    return this.db
      .prepare(`${SELECT} WHERE state IN (${marks}) ORDER BY id`)
      .all(...OPEN_QR_STATES) as QrAttempt[];
  }

  /** Records what the wallet said; the same state again is a no-op (polls repeat). */
  update(qrPaymentId: string, state: QrAttemptState): QrAttempt {
    return this.db.transaction(() => {
      const a = this.get(qrPaymentId);
      if (a.state === state) return a;
      if (!NEXT[a.state].includes(state)) {
        throw new TransitionError(
          `QR attempt ${qrPaymentId}: ${a.state} → ${state} is not allowed`,
        );
      }
      this.db
        .prepare(`UPDATE qr_attempt SET state = ?, updated_at = ? WHERE qr_payment_id = ?`)
        .run(state, this.clock(), qrPaymentId);
      return this.get(qrPaymentId);
    })();
  }
}
