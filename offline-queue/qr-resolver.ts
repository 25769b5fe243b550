// Brings QR payments to an end after a crash or a refused write-off, through the wallet:
// - PAYMENT_UNKNOWN (recovered with an attempt open): the attempt is queried first; paid →
//   the payment is captured and written off; unpaid → it is cancelled and the payment closed.
// - REFUND_REQUIRED (a paid QR payment the biller refused): the attempt is cancelled, which
//   refunds it, and the payment becomes REFUNDED.
// Every attempt ends in success, cancelled, refunded or failed (payments.md §6, invariant 4).
import type { JournalDb } from './open-journal';
import type { PaymentJournal, PaymentRow } from './payment-journal';
import type { QrAttempts, QrAttemptState } from './qr-attempts';

/** What the resolver needs of the wallet side of the gateway. */
export interface QrWalletPort {
  /**
   * The attempt's state at the gateway, or 'unknown' when it could not be asked, or the answer
   * was not about this attempt and its amount.
   */
  status(qrPaymentId: string, amount: number): Promise<QrAttemptState | 'not_found' | 'unknown'>;
  /** Cancel (撤销): 'cancelled' if unpaid, 'refunded' if it had been paid. */
  cancel(qrPaymentId: string): Promise<'cancelled' | 'refunded' | 'user_paying' | 'unknown'>;
}

export type QrResolution = 'captured' | 'closed' | 'refunded' | 'retry_later';

export class QrResolver {
  constructor(
    private readonly o: {
      db: JournalDb;
      journal: PaymentJournal;
      qr: QrAttempts;
      wallet: QrWalletPort;
      /** The write-off body of a QR payment that turned out paid. */
      buildRequest(p: PaymentRow, qrPaymentId: string, at: number): string;
      clock?: () => number;
    },
  ) {}

  /** Resolves every QR payment that needs it; returns what happened to each. */
  async resolveAll(): Promise<Map<number, QrResolution>> {
    const done = new Map<number, QrResolution>();
    for (const p of this.o.journal.inStates(['PAYMENT_UNKNOWN', 'REFUND_REQUIRED'])) {
      if (p.method !== 'qr') continue;
      done.set(
        p.id,
        p.state === 'PAYMENT_UNKNOWN' ? await this.resolveUnknown(p) : await this.refund(p),
      );
    }
    return done;
  }

  private async resolveUnknown(p: PaymentRow): Promise<QrResolution> {
    const { db, journal, qr } = this.o;
    const attempt = qr.openFor(p.id) ?? qr.latestFor(p.id);
    if (!attempt) {
      db.transaction(() => journal.move(p.id, 'ABANDONED', 'qr_no_attempt'))();
      return 'closed';
    }
    let state = await this.o.wallet.status(attempt.qrPaymentId, attempt.amount);
    if (state === 'unknown' || state === 'user_paying') return 'retry_later';
    if (state === 'not_found') state = 'failed'; // the wallet call never reached the gateway
    if (state === 'pending') {
      const cancelled = await this.o.wallet.cancel(attempt.qrPaymentId);
      if (cancelled === 'unknown' || cancelled === 'user_paying') return 'retry_later';
      state = cancelled;
    }
    const at = (this.o.clock ?? Date.now)();
    const final = state;
    return db.transaction((): QrResolution => {
      // A cancel that refunds means the customer paid meanwhile: record both steps.
      if (final === 'refunded') qr.update(attempt.qrPaymentId, 'success');
      qr.update(attempt.qrPaymentId, final);
      if (final === 'success') {
        // Recorded already when the kiosk saw the success itself before it stopped.
        if (journal.get(p.id).collected === 0) journal.recordQrPaid(p.id, attempt.amount);
        journal.captureFunds(p.id, this.o.buildRequest(journal.get(p.id), attempt.qrPaymentId, at));
        return 'captured';
      }
      journal.move(p.id, 'ABANDONED', `qr_${final}`);
      return 'closed';
    })();
  }

  private async refund(p: PaymentRow): Promise<QrResolution> {
    const { db, journal, qr } = this.o;
    const attempt = qr.latestFor(p.id);
    if (!attempt) return 'retry_later';
    const result = await this.o.wallet.cancel(attempt.qrPaymentId);
    if (result !== 'refunded') return 'retry_later';
    db.transaction(() => {
      qr.update(attempt.qrPaymentId, 'refunded');
      journal.move(p.id, 'REFUNDED', 'qr_refunded', {
        qrPaymentId: attempt.qrPaymentId,
        amount: p.collected,
      });
    })();
    return 'refunded';
  }
}
