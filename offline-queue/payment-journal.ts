// The payment journal: the source of truth for every payment, and the only writer of the
// `payment`, `payment_event` and `serial_counter` tables. Each method is one SQLite transaction
// (a savepoint inside a caller's) that changes a payment row, appends to its event log and,
// where money moves, has the cash ledger and the outbox write their rows in the same commit.
import type { Statement } from 'better-sqlite3';
import { CashLedger, type ReviewedNote } from './cash-ledger';
import type { JournalDb } from './open-journal';
import { Outbox } from './outbox';
import { canTransition, PENDING_SYNC_STATES, type PaymentState } from './payment-states';

export interface PaymentRow {
  id: number;
  agentSerial: string;
  state: PaymentState;
  billerId: string;
  account: string;
  quoteId: string;
  quoteJson: string;
  amountDue: number;
  acceptsOverpayment: boolean;
  method: 'cash' | 'qr' | 'card';
  collected: number;
  requestJson: string | null;
  resultJson: string | null;
  billerTxnId: string | null;
  rejectCode: string | null;
  collectedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewPayment {
  terminalId: string;
  /** Business day (Asia/Shanghai) as YYYYMMDD; part of the agent serial. */
  businessDay: string;
  billerId: string;
  account: string;
  quoteId: string;
  quoteJson: string;
  amountDue: number;
  acceptsOverpayment: boolean;
  method: 'cash' | 'qr' | 'card';
}

export class TransitionError extends Error {
  override name = 'TransitionError';
}

const SELECT_PAYMENT = `SELECT id, agent_serial AS agentSerial, state, biller_id AS billerId,
  account, quote_id AS quoteId, quote_json AS quoteJson, amount_due AS amountDue,
  accepts_overpayment AS acceptsOverpayment, method, collected, request_json AS requestJson,
  result_json AS resultJson, biller_txn_id AS billerTxnId, reject_code AS rejectCode,
  collected_at AS collectedAt, created_at AS createdAt, updated_at AS updatedAt FROM payment`;

type RawPayment = Omit<PaymentRow, 'acceptsOverpayment'> & { acceptsOverpayment: number };

/** Why a found note cannot be credited to its payment now (PaymentJournal.foundNoteProblem). */
export type FoundNoteProblem =
  | 'note_settled'
  | 'not_cash'
  | 'payment_in_progress'
  | 'overpayment_not_allowed'
  | 'store_and_forward_expired';

/** The gateway honours an expired quote this long after the money was collected (contract). */
export const STORE_AND_FORWARD_MS = 72 * 3600_000;

/** A payment still taking money, or deciding how: a visit is on, nothing may be added to it. */
const IN_PROGRESS: readonly PaymentState[] = ['CREATED', 'COLLECTING', 'PAYMENT_UNKNOWN'];

/** States whose money the gateway wrote off (and no reversal undid). */
export const WRITTEN_OFF_STATES: readonly PaymentState[] = [
  'WRITTEN_OFF',
  'RECEIPTED',
  'RECONCILED',
  'DISCREPANCY',
];

/** States with a receipt to print again: paid, provisional (write-off pending) or refund slip. */
const RECEIPTABLE: readonly PaymentState[] = [
  ...WRITTEN_OFF_STATES,
  ...PENDING_SYNC_STATES,
  'MANUAL_REFUND',
];

export interface DayFigure {
  billerId: string;
  method: 'cash' | 'qr' | 'card';
  count: number;
  /** Fen. */
  amount: number;
}

export interface DayFigures {
  writtenOff: DayFigure[];
  pending: DayFigure[];
}

export class PaymentJournal {
  /** Prepared once, reused: parsing SQL on every commit would cost more than the commit's CPU. */
  private readonly statements = new Map<string, Statement>();
  /** The notes of payments are the cash ledger's rows; the journal asks it for them. */
  private readonly cash: CashLedger;
  private readonly outbox: Outbox;

  constructor(
    private readonly db: JournalDb,
    private readonly clock: () => number = Date.now,
  ) {
    this.cash = new CashLedger(db);
    this.outbox = new Outbox(db);
  }

  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Creates the record and its agent serial before any money moves. */
  create(p: NewPayment): PaymentRow {
    const now = this.clock();
    const id = this.db.transaction(() => {
      const seq = this.sql(
        `INSERT INTO serial_counter(day, last) VALUES (?, 1)
           ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last`,
      ).get(p.businessDay) as { last: number };
      const agentSerial = `${p.terminalId}-${p.businessDay}-${String(seq.last).padStart(6, '0')}`;
      const info = this.sql(
        `INSERT INTO payment(agent_serial, state, biller_id, account, quote_id, quote_json,
             amount_due, accepts_overpayment, method, created_at, updated_at)
           VALUES (?, 'CREATED', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        agentSerial,
        p.billerId,
        p.account,
        p.quoteId,
        p.quoteJson,
        p.amountDue,
        p.acceptsOverpayment ? 1 : 0,
        p.method,
        now,
        now,
      );
      const paymentId = Number(info.lastInsertRowid);
      this.appendEvent(paymentId, now, 'created', null, 'CREATED', { agentSerial });
      return paymentId;
    })();
    return this.get(id);
  }

  get(id: number): PaymentRow {
    const raw = this.sql(`${SELECT_PAYMENT} WHERE id = ?`).get(id) as RawPayment | undefined;
    if (!raw) throw new Error(`no payment ${id}`);
    return { ...raw, acceptsOverpayment: raw.acceptsOverpayment === 1 };
  }

  bySerial(agentSerial: string): PaymentRow | null {
    const raw = this.sql(`${SELECT_PAYMENT} WHERE agent_serial = ?`).get(agentSerial) as
      RawPayment | undefined;
    return raw ? { ...raw, acceptsOverpayment: raw.acceptsOverpayment === 1 } : null;
  }

  /** Payments the gateway wrote off on a business day (YYYY-MM-DD), whatever became of them since. */
  writtenOffOn(day: string): PaymentRow[] {
    const rows = this.sql(`${SELECT_PAYMENT} WHERE written_off_day = ? ORDER BY id`).all(
      day,
    ) as RawPayment[];
    return rows.map((raw) => ({ ...raw, acceptsOverpayment: raw.acceptsOverpayment === 1 }));
  }

  dayTotals(day: string): { count: number; total: number } {
    return this.sql(
      `SELECT count(*) AS count, coalesce(sum(collected), 0) AS total FROM payment WHERE written_off_day = ?`,
    ).get(day) as { count: number; total: number };
  }

  inStates(states: readonly PaymentState[]): PaymentRow[] {
    const marks = states.map(() => '?').join(',');
    const rows = this.sql(`${SELECT_PAYMENT} WHERE state IN (${marks}) ORDER BY id`).all(
      ...states,
    ) as RawPayment[];
    return rows.map((raw) => ({ ...raw, acceptsOverpayment: raw.acceptsOverpayment === 1 }));
  }

  startCollecting(id: number): void {
    this.db.transaction(() => this.move(id, 'COLLECTING', 'collecting'))();
  }

  /** A note is held in escrow: journalled before the acceptor is told to stack it. */
  recordEscrow(id: number, value: number): number {
    return this.db.transaction(() => {
      const p = this.get(id);
      if (p.state !== 'COLLECTING')
        throw new TransitionError(`payment ${id} is ${p.state}, not collecting`);
      const now = this.clock();
      const noteId = this.cash.escrowNote(id, value, now);
      this.appendEvent(id, now, 'note_escrowed', null, null, { noteId, value });
      return noteId;
    })();
  }

  /** The acceptor reached its credit point: the note is money in the box, journalled before ACK. */
  recordStacked(id: number, noteId: number): PaymentRow {
    this.db.transaction(() => {
      const now = this.clock();
      const note = this.escrowedNote(id, noteId);
      this.cash.stackNote(noteId, note.value, now);
      this.sql(`UPDATE payment SET collected = collected + ?, updated_at = ? WHERE id = ?`).run(
        note.value,
        now,
        id,
      );
      this.appendEvent(id, now, 'note_stacked', null, null, { noteId, value: note.value });
    })();
    return this.get(id);
  }

  /** The note in escrow went back to the customer: nothing is credited. */
  recordReturned(id: number, noteId: number): void {
    this.db.transaction(() => {
      const now = this.clock();
      this.escrowedNote(id, noteId);
      this.cash.returnNote(noteId, now);
      this.appendEvent(id, now, 'note_returned', null, null, { noteId });
    })();
  }

  /** The note, which must be in escrow for this payment while the payment is collecting. */
  private escrowedNote(id: number, noteId: number): { value: number } {
    const p = this.get(id);
    if (p.state !== 'COLLECTING')
      throw new TransitionError(`payment ${id} is ${p.state}, not collecting`);
    const note = this.cash.noteOf(id, noteId);
    if (!note) throw new TransitionError(`note ${noteId} is not part of payment ${id}`);
    if (note.state !== 'escrowed')
      throw new TransitionError(`note ${noteId} is already ${note.state}`);
    return note;
  }

  /**
   * A note was in escrow when the kiosk stopped: whether it reached the box is unknown until
   * staff count it (or the acceptor reports it). It is never credited to anyone silently.
   */
  markNoteUnknown(id: number, noteId: number): number {
    return this.db.transaction(() => {
      const now = this.clock();
      const value = this.cash.escrowedValue(id, noteId);
      if (value === undefined)
        throw new TransitionError(`note ${noteId} of payment ${id} is not in escrow`);
      this.cash.markNoteUnknown(noteId, now);
      this.appendEvent(id, now, 'note_unknown', null, null, { noteId, value });
      return value;
    })();
  }

  /** When the payment's last note reached the box, or null if none did. */
  lastStackedAt(id: number): number | null {
    return this.cash.lastStackedAt(id);
  }

  escrowedNotes(id: number): { id: number; value: number }[] {
    return this.cash.escrowedNotes(id);
  }

  /** A QR payment's wallet attempt succeeded: the amount is collected (no cash involved). */
  recordQrPaid(id: number, amount: number): PaymentRow {
    this.db.transaction(() => {
      const p = this.get(id);
      if (p.method !== 'qr') throw new TransitionError(`payment ${id} is not a QR payment`);
      if (p.state !== 'COLLECTING' && p.state !== 'PAYMENT_UNKNOWN') {
        throw new TransitionError(
          `payment ${id} is ${p.state}; a wallet payment cannot be recorded`,
        );
      }
      if (p.collected > 0)
        throw new TransitionError(`payment ${id} already holds ${p.collected} fen`);
      const now = this.clock();
      this.sql(`UPDATE payment SET collected = ?, updated_at = ? WHERE id = ?`).run(
        amount,
        now,
        id,
      );
      this.appendEvent(id, now, 'qr_paid', null, null, { amount });
    })();
    return this.get(id);
  }

  /** Notes of a payment still in escrow: while any is, the payment can be neither closed nor captured. */
  notesInEscrow(id: number): number {
    return this.cash.notesInEscrow(id);
  }

  /**
   * Stacked notes of a payment, by value, for the write-off tender. A payment that re-applies
   * another's money tenders the notes of the payment that took them.
   */
  stackedNotes(id: number): { value: number; count: number }[] {
    return this.cash.stackedNotes(this.notesHolder(id));
  }

  /** The payment whose notes pay this one: the one it re-applies, else itself. */
  private notesHolder(id: number): number {
    const row = this.sql(`SELECT replaces_payment_id AS r FROM payment WHERE id = ?`).get(id) as
      { r: number | null } | undefined;
    return row?.r ?? id;
  }

  /**
   * Moves the money of a refused cash payment to a new payment (its own serial, a fresh quote):
   * the new one is collecting with that amount, and points at the payment holding the notes.
   * Call inside the transaction that captures the new one and closes the old one.
   */
  transferCollected(fromId: number, toId: number): void {
    const from = this.get(fromId);
    const to = this.get(toId);
    if (to.state !== 'COLLECTING' || to.collected !== 0) {
      throw new TransitionError(`payment ${toId} cannot receive money in state ${to.state}`);
    }
    const root = this.notesHolder(fromId);
    const now = this.clock();
    this.sql(
      `UPDATE payment SET collected = ?, replaces_payment_id = ?, updated_at = ? WHERE id = ?`,
    ).run(from.collected, root, now, toId);
    this.appendEvent(toId, now, 'money_transferred_in', null, null, {
      from: from.agentSerial,
      amount: from.collected,
    });
  }

  /** Funds captured and the write-off queued: one transaction (journal before effect). */
  captureFunds(id: number, requestJson: string, collectedAt?: number): PaymentRow {
    this.db.transaction(() => {
      const now = this.clock();
      if (this.notesInEscrow(id) > 0)
        throw new TransitionError(`payment ${id} has a note in escrow`);
      this.move(id, 'FUNDS_CAPTURED', 'funds_captured', { requestJson });
      this.sql(`UPDATE payment SET request_json = ?, collected_at = ? WHERE id = ?`).run(
        requestJson,
        collectedAt ?? now,
        id,
      );
      this.outbox.queueWriteOff(id, now);
    })();
    return this.get(id);
  }

  /** A wallet attempt whose end could not be learnt: the QR resolver queries it first. */
  markPaymentUnknown(id: number, reason: string): void {
    this.db.transaction(() => this.move(id, 'PAYMENT_UNKNOWN', 'payment_unknown', { reason }))();
  }

  /** The paid receipt came out of the printer (a receipt never blocks the write-off). */
  markReceipted(id: number): void {
    this.db.transaction(() => this.move(id, 'RECEIPTED', 'receipt_printed'))();
  }

  abandon(id: number, reason: string): void {
    this.db.transaction(() => {
      const p = this.get(id);
      if (p.collected > 0)
        throw new TransitionError(`payment ${id} holds ${p.collected} fen; it cannot be abandoned`);
      this.move(id, 'ABANDONED', 'abandoned', { reason });
    })();
  }

  /**
   * The gateway wrote the payment off: WRITTEN_OFF, with the biller's transaction, the reply and
   * the gateway's business day of the write-off (reconciliation reads it). The sync worker calls
   * it inside the transaction that closes the outbox row, so the two commit together.
   */
  recordWriteOff(
    id: number,
    w: { billerTxnId: string; resultJson: string; writtenOffDay: string },
  ): void {
    this.db.transaction(() => {
      this.move(id, 'WRITTEN_OFF', 'written_off', { billerTxnId: w.billerTxnId });
      this.sql(
        `UPDATE payment SET biller_txn_id = ?, result_json = ?, written_off_day = ? WHERE id = ?`,
      ).run(w.billerTxnId, w.resultJson, w.writtenOffDay, id);
    })();
  }

  /**
   * The biller refused the write-off for good: REFUND_REQUIRED, with its reject code. The sync
   * worker calls it inside the transaction that closes the outbox row.
   */
  recordRejection(id: number, code: string): void {
    this.db.transaction(() => {
      this.move(id, 'REFUND_REQUIRED', 'writeoff_rejected', { code });
      this.sql(`UPDATE payment SET reject_code = ? WHERE id = ?`).run(code, id);
    })();
  }

  /**
   * The customer stopped short of the amount due at a biller that takes no part payment: the
   * money taken is to be refunded (REFUND_REQUIRED, reject code partial_payment_not_allowed),
   * collected at `collectedAt`.
   */
  recordPartialPaymentRefused(id: number, collectedAt: number): void {
    this.db.transaction(() => {
      const p = this.get(id);
      this.move(id, 'REFUND_REQUIRED', 'partial_cash', { collected: p.collected });
      this.sql(`UPDATE payment SET reject_code = ?, collected_at = ? WHERE id = ?`).run(
        'partial_payment_not_allowed',
        collectedAt,
        id,
      );
    })();
  }

  /**
   * Reconciliation found the gateway wrote off on `day` (YYYY-MM-DD) a payment whose reply
   * never arrived: WRITTEN_OFF on the gateway's word, counted in that day.
   */
  recordWrittenOffByReconciliation(id: number, day: string): void {
    this.db.transaction(() => {
      this.move(id, 'WRITTEN_OFF', 'written_off_by_reconciliation', { day });
      this.sql(`UPDATE payment SET written_off_day = ? WHERE id = ?`).run(day, id);
    })();
  }

  // --- Staff at the kiosk (assisted mode) -----------------------------------------------------

  /** A journalled note as staff review it, or undefined. */
  reviewedNote(noteId: number): ReviewedNote | undefined {
    return this.cash.reviewedNote(noteId);
  }

  /**
   * Why a note of unknown fate, found in the box, cannot be credited now (or null when it can):
   * its fate is settled, its payment is still taking money (the visit is on), it is not cash,
   * the biller takes no more than is due and nothing more is due, or the gateway's
   * store-and-forward window since the note was taken has passed (the write-off would be
   * refused as quote_expired).
   */
  foundNoteProblem(noteId: number, now: number): FoundNoteProblem | null {
    const note = this.cash.reviewedNote(noteId);
    if (!note || note.state !== 'unknown') return 'note_settled';
    const p = this.get(note.paymentId);
    if (p.method !== 'cash') return 'not_cash';
    if (IN_PROGRESS.includes(p.state)) return 'payment_in_progress';
    if (!p.acceptsOverpayment && note.value > Math.max(0, p.amountDue - p.collected))
      return 'overpayment_not_allowed';
    if (now - note.escrowedAt > STORE_AND_FORWARD_MS) return 'store_and_forward_expired';
    return null;
  }

  /**
   * Staff found a note of unknown fate in the cash box, after its payment went on without it
   * (captured with the notes that were credited, or closed with none). The first payment's
   * write-off body is fixed (its agent serial answers one body for ever), so the note pays a
   * follow-up payment of its own: a new agent serial, the same biller, account and quote,
   * collected when the note was escrowed (the gateway honours an expired quote for money
   * collected before its expiry, for 72 hours), the note stacked for it and its write-off
   * queued in the outbox. One transaction: the note can be credited once; a second call finds
   * it settled and changes nothing. Returns the follow-up payment.
   */
  creditFoundNote(o: {
    noteId: number;
    terminalId: string;
    /** Business day (Asia/Shanghai) as YYYYMMDD, for the new serial. */
    businessDay: string;
    /** The write-off body of the follow-up payment (its tender is the found note). */
    buildRequest(p: PaymentRow, collectedAt: number): string;
  }): PaymentRow {
    return this.db.transaction(() => {
      const now = this.clock();
      const problem = this.foundNoteProblem(o.noteId, now);
      if (problem) throw new TransitionError(`note ${o.noteId} cannot be credited: ${problem}`);
      const note = this.cash.reviewedNote(o.noteId) as ReviewedNote;
      const first = this.get(note.paymentId);
      const next = this.create({
        terminalId: o.terminalId,
        businessDay: o.businessDay,
        billerId: first.billerId,
        account: first.account,
        quoteId: first.quoteId,
        quoteJson: first.quoteJson,
        amountDue: Math.max(0, first.amountDue - first.collected),
        acceptsOverpayment: first.acceptsOverpayment,
        method: 'cash',
      });
      this.move(next.id, 'COLLECTING', 'collecting');
      if (!this.cash.creditFoundNote(o.noteId, next.id, now))
        throw new TransitionError(`note ${o.noteId} is no longer of unknown fate`);
      this.sql(`UPDATE payment SET collected = collected + ?, updated_at = ? WHERE id = ?`).run(
        note.value,
        now,
        next.id,
      );
      this.appendEvent(next.id, now, 'note_stacked', null, null, {
        noteId: o.noteId,
        value: note.value,
        foundByStaff: true,
        from: first.agentSerial,
      });
      this.appendEvent(first.id, now, 'note_found_credited', null, null, {
        noteId: o.noteId,
        value: note.value,
        to: next.agentSerial,
      });
      const row = this.get(next.id);
      this.captureFunds(next.id, o.buildRequest(row, note.escrowedAt), note.escrowedAt);
      return this.get(next.id);
    })();
  }

  /**
   * Staff recorded a note of unknown fate as given back to the resident: the note itself when
   * the box ledger does not hold it (it is 'returned'), else its value from the committee's
   * petty cash, the note staying in the box credited to no one. Returns which.
   */
  recordNoteReturnedByStaff(noteId: number): 'note' | 'petty_cash' {
    return this.db.transaction(() => {
      const note = this.cash.reviewedNote(noteId);
      if (!note || note.state !== 'unknown')
        throw new TransitionError(`note ${noteId} is not of unknown fate`);
      const now = this.clock();
      const from = note.boxed === 1 ? 'petty_cash' : 'note';
      if (from === 'note') this.cash.returnNote(noteId, now);
      this.appendEvent(note.paymentId, now, 'note_returned_by_staff', null, null, {
        noteId,
        value: note.value,
        from,
      });
      return from;
    })();
  }

  /** A copy of the payment's receipt was issued (副本); returns how many have been, this one included. */
  recordReceiptCopy(id: number): number {
    return this.db.transaction(() => {
      this.get(id);
      this.appendEvent(id, this.clock(), 'receipt_copy_issued', null, null);
      return this.receiptCopies(id);
    })();
  }

  /** Copies of the payment's receipt issued so far. */
  receiptCopies(id: number): number {
    const row = this.sql(
      `SELECT count(*) AS n FROM payment_event WHERE payment_id = ? AND type = 'receipt_copy_issued'`,
    ).get(id) as { n: number };
    return row.n;
  }

  /**
   * The gateway confirmed a same-day reversal (冲正) of the write-off: the money is the kiosk's
   * to give back (REFUND_REQUIRED, reject code 'reversed'). Call inside the transaction that
   * records the reversal's outcome and opens the refund.
   */
  recordReversal(id: number): void {
    this.db.transaction(() => {
      this.move(id, 'REFUND_REQUIRED', 'reversed');
      this.sql(`UPDATE payment SET reject_code = ? WHERE id = ?`).run('reversed', id);
    })();
  }

  /** The gateway's business day (YYYY-MM-DD) of the payment's write-off, or null. */
  writtenOffDayOf(id: number): string | null {
    const row = this.sql(`SELECT written_off_day AS day FROM payment WHERE id = ?`).get(id) as
      { day: string | null } | undefined;
    return row?.day ?? null;
  }

  /**
   * Payments with money taken since `since` (wall ms, by when it was collected) whose receipt
   * could be printed again, newest first: by agent serial, or by the last 4 digits of the account.
   */
  receiptable(since: number, by: { agentSerial: string } | { accountTail: string }): PaymentRow[] {
    const marks = RECEIPTABLE.map(() => '?').join(',');
    const rows = this.sql(
      `${SELECT_PAYMENT} WHERE coalesce(collected_at, created_at) >= ? AND collected > 0
         AND state IN (${marks})
         AND (agent_serial = @serial OR (@tail IS NOT NULL AND substr(account, -4) = @tail))
       ORDER BY id DESC LIMIT 50`,
    ).all(since, ...RECEIPTABLE, {
      serial: 'agentSerial' in by ? by.agentSerial : null,
      tail: 'accountTail' in by ? by.accountTail : null,
    }) as RawPayment[];
    return rows.map((raw) => ({ ...raw, acceptsOverpayment: raw.acceptsOverpayment === 1 }));
  }

  /**
   * A business day's payments (YYYY-MM-DD) by biller and method: written off that day (the
   * gateway's day; reversed ones not counted), and captured that day still waiting for the
   * gateway.
   */
  daySummary(day: string): DayFigures {
    const written = this.sql(
      `SELECT biller_id AS billerId, method, count(*) AS count, coalesce(sum(collected), 0) AS amount
         FROM payment WHERE written_off_day = ? AND state IN (${WRITTEN_OFF_STATES.map(() => '?').join(',')})
        GROUP BY biller_id, method ORDER BY biller_id, method`,
    ).all(day, ...WRITTEN_OFF_STATES) as DayFigure[];
    const pending = this.sql(
      `SELECT biller_id AS billerId, method, count(*) AS count, coalesce(sum(collected), 0) AS amount
         FROM payment WHERE state IN (${PENDING_SYNC_STATES.map(() => '?').join(',')})
          AND date(coalesce(collected_at, created_at) / 1000 + 8 * 3600, 'unixepoch') = ?
        GROUP BY biller_id, method ORDER BY biller_id, method`,
    ).all(...PENDING_SYNC_STATES, day) as DayFigure[];
    return { writtenOff: written, pending };
  }

  /** Moves a payment along an allowed edge and logs it; call inside a transaction. */
  move(id: number, to: PaymentState, type: string, data?: object): void {
    const p = this.get(id);
    if (!canTransition(p.state, to)) {
      throw new TransitionError(`payment ${id}: ${p.state} → ${to} is not allowed`);
    }
    const now = this.clock();
    this.sql(`UPDATE payment SET state = ?, updated_at = ? WHERE id = ?`).run(to, now, id);
    this.appendEvent(id, now, type, p.state, to, data);
  }

  events(id: number): { type: string; fromState: string | null; toState: string | null }[] {
    return this.sql(
      `SELECT type, from_state AS fromState, to_state AS toState FROM payment_event WHERE payment_id = ? ORDER BY id`,
    ).all(id) as { type: string; fromState: string | null; toState: string | null }[];
  }

  pendingSync(): { count: number; total: number; oldestAt: number | null } {
    const marks = PENDING_SYNC_STATES.map(() => '?').join(',');
    const row = this.sql(
      `SELECT count(*) AS count, coalesce(sum(collected), 0) AS total, min(created_at) AS oldestAt
         FROM payment WHERE state IN (${marks})`,
    ).get(...PENDING_SYNC_STATES) as { count: number; total: number; oldestAt: number | null };
    return row;
  }

  private appendEvent(
    id: number,
    at: number,
    type: string,
    from: PaymentState | null,
    to: PaymentState | null,
    data?: object,
  ): void {
    this.sql(
      `INSERT INTO payment_event(payment_id, at, type, from_state, to_state, data_json) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(id, at, type, from, to, data ? JSON.stringify(data) : null);
  }
}
