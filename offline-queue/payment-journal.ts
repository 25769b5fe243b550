// The payment journal: the source of truth for every payment, and the only writer of the
// `payment`, `payment_event` and `serial_counter` tables. Each method is one SQLite transaction
// (a savepoint inside a caller's) that changes a payment row, appends to its event log and,
// where money moves, has the cash ledger and the outbox write their rows in the same commit.
import type { Statement } from 'better-sqlite3';
import { CashLedger } from './cash-ledger';
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
