// Recovery at start: every unfinished payment is resumed or compensated from its journal row
// (never from a state-machine snapshot) before the kiosk takes a new customer. Each step is one
// transaction and depends only on the row's state, so a crash during recovery is recovered too.
import { compensateCash, isReapplicable } from './compensation';
import { QrAttempts } from './qr-attempts';
import type { JournalDb } from './open-journal';
import { PENDING_SYNC_STATES } from './payment-states';
import type { PaymentJournal, PaymentRow } from './payment-journal';
import type { StaffItems } from './staff-items';

export interface RecoveryReport {
  /** Nothing was taken: closed. */
  abandoned: number[];
  /** Money was taken but the payment never completed: captured as it stands and sent. */
  captured: number[];
  /** Notes whose fate is unknown (in escrow at the stop): for staff to count. */
  notesForReview: number[];
  /** Refused by the biller: compensated (cash refund slip). */
  compensated: number[];
  /** Already captured: the sync worker resumes them, querying first. */
  resumed: number[];
  /** QR payments with a wallet attempt open: PAYMENT_UNKNOWN until the attempt is queried. */
  qrToQuery: number[];
}

export function recoverJournal(o: {
  db: JournalDb;
  journal: PaymentJournal;
  staff: StaffItems;
  /** The write-off body for cash captured by recovery, collected at `at` (the host builds it). */
  buildRequest(p: PaymentRow, at: number): string;
  /** The same for a QR payment the wallet paid (attempt `qrPaymentId`). */
  buildQrRequest(p: PaymentRow, qrPaymentId: string, at: number): string;
}): RecoveryReport {
  const { db, journal, staff } = o;
  const report: RecoveryReport = {
    abandoned: [],
    captured: [],
    notesForReview: [],
    compensated: [],
    resumed: [],
    qrToQuery: [],
  };
  const qr = new QrAttempts(db);

  for (const p of journal.inStates(['CREATED'])) {
    journal.abandon(p.id, 'recovered_before_collecting');
    report.abandoned.push(p.id);
  }

  for (const p of journal.inStates(['COLLECTING'])) {
    db.transaction(() => {
      for (const note of journal.escrowedNotes(p.id)) {
        const value = journal.markNoteUnknown(p.id, note.id);
        staff.open({
          kind: 'note_review',
          paymentId: p.id,
          amount: value,
          reason: 'note_in_escrow_at_restart',
          detail: { noteId: note.id, agentSerial: p.agentSerial },
        });
        report.notesForReview.push(note.id);
      }
      const row = journal.get(p.id);
      if (qr.openFor(p.id)) {
        // The customer may have paid in the wallet: the attempt is queried before anything else.
        journal.move(p.id, 'PAYMENT_UNKNOWN', 'recovered_with_qr_attempt_open');
        report.qrToQuery.push(p.id);
        return;
      }
      const walletPaid = row.method === 'qr' ? qr.latestFor(p.id) : null;
      if (row.collected === 0) {
        journal.abandon(p.id, 'recovered_nothing_collected');
        report.abandoned.push(p.id);
      } else if (walletPaid?.state === 'success') {
        // Paid in the wallet and recorded, stopped before the capture: the wallet payment is
        // written off (its attempt, never a cash tender).
        const at = walletPaid.updatedAt;
        journal.captureFunds(p.id, o.buildQrRequest(row, walletPaid.qrPaymentId, at), at);
        report.captured.push(p.id);
      } else if (row.method === 'qr') {
        // Money recorded without a successful attempt cannot be written off as it stands: the
        // wallet is asked (PAYMENT_UNKNOWN, the QR resolver).
        journal.move(p.id, 'PAYMENT_UNKNOWN', 'recovered_qr_without_success');
        report.qrToQuery.push(p.id);
      } else {
        // Dated when the money was taken (the last note stacked), not when the kiosk came back:
        // the gateway honours a quote up to its expiry at collection time.
        const at = journal.lastStackedAt(p.id) ?? row.updatedAt;
        journal.captureFunds(p.id, o.buildRequest(row, at), at);
        report.captured.push(p.id);
      }
    })();
  }

  for (const p of journal.inStates(['REFUND_REQUIRED'])) {
    // Re-applicable money waits for a fresh quote (the host's compensation job), not a slip.
    if (isReapplicable(p)) continue;
    if (compensateCash(db, journal, staff, p.id)) report.compensated.push(p.id);
  }

  report.resumed = journal
    .inStates(PENDING_SYNC_STATES)
    .map((p) => p.id)
    .filter((id) => !report.captured.includes(id));
  return report;
}
