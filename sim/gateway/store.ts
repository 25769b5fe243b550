// SQLite store of the gateway simulator: billers, accounts, bills, quotes, payments (with the
// request hash and the stored answer, for idempotent replays), QR (wallet) attempts, nonces and
// last heartbeats.
// Business rules live in quotes.ts / payments.ts; this file only reads and writes rows.
import Database from 'better-sqlite3';
import type { QrStatus, QrWallet } from '../../src/gateway/contract';
import { CommunityStore } from './community-store';
import type { QrScript } from './qr-script';
import { DEMO_ACCOUNTS, DEMO_BILLERS, type SeedBiller } from './seed';
import { addDays, businessDate } from './shanghai-time';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS billers (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL, body TEXT NOT NULL, nextTxn INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
  billerId TEXT NOT NULL REFERENCES billers(id), account TEXT NOT NULL,
  holder TEXT NOT NULL, address TEXT NOT NULL, locked INTEGER NOT NULL,
  prepaidBalance INTEGER NOT NULL, PRIMARY KEY (billerId, account));
CREATE TABLE IF NOT EXISTS bills (
  billerId TEXT NOT NULL, account TEXT NOT NULL, billId TEXT NOT NULL, period TEXT NOT NULL,
  principal INTEGER NOT NULL, dueDate TEXT NOT NULL, paidSerial TEXT,
  PRIMARY KEY (billerId, account, billId), FOREIGN KEY (billerId, account) REFERENCES accounts);
CREATE TABLE IF NOT EXISTS quotes (
  quoteId TEXT PRIMARY KEY, billerId TEXT NOT NULL, account TEXT NOT NULL,
  billIds TEXT NOT NULL, expiresAtMs INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS payments (
  agentSerial TEXT PRIMARY KEY, terminalId TEXT NOT NULL, request TEXT NOT NULL,
  requestHash TEXT NOT NULL, httpStatus INTEGER NOT NULL, response TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('written_off', 'reversed', 'rejected')),
  billerId TEXT NOT NULL, account TEXT NOT NULL, amount INTEGER NOT NULL,
  prepaidCredited INTEGER NOT NULL, writtenOffAt TEXT, businessDate TEXT,
  reversalReason TEXT);
CREATE INDEX IF NOT EXISTS paymentsByDay ON payments (terminalId, businessDate);
CREATE TABLE IF NOT EXISTS nonces (
  terminalId TEXT NOT NULL, nonce TEXT NOT NULL, seenAtMs INTEGER NOT NULL,
  PRIMARY KEY (terminalId, nonce));
CREATE INDEX IF NOT EXISTS noncesByTime ON nonces (seenAtMs);
CREATE TABLE IF NOT EXISTS qr_attempts (
  qrPaymentId TEXT PRIMARY KEY, terminalId TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('micropay', 'native')),
  requestHash TEXT NOT NULL, amount INTEGER NOT NULL, description TEXT NOT NULL,
  wallet TEXT, script TEXT, codeUrl TEXT, expiresAt TEXT, expiresAtMs INTEGER,
  status TEXT NOT NULL CHECK (status IN
    ('pending', 'user_paying', 'success', 'failed', 'cancelled', 'refunded')),
  polls INTEGER NOT NULL, createdAtMs INTEGER NOT NULL, confirmingSinceMs INTEGER,
  updatedAtMs INTEGER NOT NULL, usedBySerial TEXT);
CREATE TABLE IF NOT EXISTS heartbeats (
  terminalId TEXT PRIMARY KEY, receivedAt TEXT NOT NULL, body TEXT NOT NULL);
`;

export interface AccountRow {
  billerId: string;
  account: string;
  holder: string;
  address: string;
  locked: 0 | 1;
  prepaidBalance: number;
}

export interface BillRow {
  billId: string;
  period: string;
  principal: number;
  dueDate: string;
  paidSerial: string | null;
}

export interface QuoteRow {
  quoteId: string;
  billerId: string;
  account: string;
  /** JSON array of billIds. */
  billIds: string;
  expiresAtMs: number;
  body: string;
}

export interface PaymentRow {
  agentSerial: string;
  terminalId: string;
  request: string;
  requestHash: string;
  httpStatus: number;
  /** The JSON answer: a PaymentResult, or the ErrorBody of a stored rejection. */
  response: string;
  outcome: 'written_off' | 'reversed' | 'rejected';
  billerId: string;
  account: string;
  amount: number;
  prepaidCredited: number;
  writtenOffAt: string | null;
  businessDate: string | null;
  reversalReason: string | null;
}

/** One wallet attempt. The auth code itself is never stored: only its wallet and script. */
export interface QrAttemptRow {
  qrPaymentId: string;
  terminalId: string;
  kind: 'micropay' | 'native';
  /** SHA-256 of the canonical request (with its kind), for idempotent replays. */
  requestHash: string;
  amount: number;
  description: string;
  /** Known from the auth code (micropay) or once the customer scans or pays (Native). */
  wallet: QrWallet | null;
  /** Micropay only: what the simulated customer does. */
  script: QrScript | null;
  /** Native only. */
  codeUrl: string | null;
  expiresAt: string | null;
  expiresAtMs: number | null;
  status: QrStatus;
  /** GET /v1/qr/{id} polls so far. */
  polls: number;
  createdAtMs: number;
  /** When the attempt became user_paying (the customer started confirming), else null. */
  confirmingSinceMs: number | null;
  updatedAtMs: number;
  /** The agentSerial of the written-off payment this money paid for, else null. */
  usedBySerial: string | null;
}

/** Remembered nonces are replays for this long (contract: 10 minutes). */
const NONCE_WINDOW_MS = 10 * 60_000;

export class GatewayStore {
  private readonly db: Database.Database;
  /** The community service routes' tables (community-store.ts), in the same database. */
  readonly community: CommunityStore;

  constructor(dbPath: string, seedAt: Date) {
    this.db = new Database(dbPath);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    const { n } = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM billers').get() ?? {
      n: 0,
    };
    if (n === 0) this.transaction(() => this.seed(seedAt));
    this.community = new CommunityStore(this.db, seedAt);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }

  /** Demo billers and accounts; due dates relative to the seed day (see seed.ts). */
  private seed(at: Date): void {
    const today = businessDate(at);
    const biller = this.db.prepare('INSERT INTO billers VALUES (?, ?, ?, ?)');
    DEMO_BILLERS.forEach((b, seq) => biller.run(b.id, seq, JSON.stringify(b), b.txnStart));
    const account = this.db.prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?, 0)');
    const bill = this.db.prepare('INSERT INTO bills VALUES (?, ?, ?, ?, ?, ?, NULL)');
    for (const a of DEMO_ACCOUNTS) {
      account.run(a.billerId, a.account, a.holder, a.address, a.locked ? 1 : 0);
      for (const b of a.bills) {
        const due = addDays(today, b.dueInDays);
        // A bill falls due in the month after its period, e.g. period 2026-09 due 2026-10-15.
        const period = addDays(`${due.slice(0, 7)}-01`, -1).slice(0, 7);
        bill.run(a.billerId, a.account, `b_${period.replace('-', '_')}`, period, b.principal, due);
      }
    }
  }

  billers(): SeedBiller[] {
    const rows = this.db
      .prepare<[], { body: string }>('SELECT body FROM billers ORDER BY seq')
      .all();
    return rows.map((r) => JSON.parse(r.body) as SeedBiller);
  }

  biller(id: string): SeedBiller | undefined {
    const row = this.db
      .prepare<[string], { body: string }>('SELECT body FROM billers WHERE id = ?')
      .get(id);
    return row && (JSON.parse(row.body) as SeedBiller);
  }

  /** The next billerTxnId of a biller, e.g. SGCC-889120001. */
  nextTxnId(billerId: string): string {
    const row = this.db
      .prepare<[string], { n: number; body: string }>(
        'UPDATE billers SET nextTxn = nextTxn + 1 WHERE id = ? RETURNING nextTxn - 1 AS n, body',
      )
      .get(billerId);
    if (!row) throw new Error(`unknown biller ${billerId}`);
    return `${(JSON.parse(row.body) as SeedBiller).txnPrefix}-${row.n}`;
  }

  account(billerId: string, account: string): AccountRow | undefined {
    return this.db
      .prepare<[string, string], AccountRow>(
        'SELECT * FROM accounts WHERE billerId = ? AND account = ?',
      )
      .get(billerId, account);
  }

  addPrepaid(billerId: string, account: string, delta: number): void {
    this.db
      .prepare(
        'UPDATE accounts SET prepaidBalance = prepaidBalance + ? WHERE billerId = ? AND account = ?',
      )
      .run(delta, billerId, account);
  }

  unpaidBills(billerId: string, account: string): BillRow[] {
    return this.db
      .prepare<[string, string], BillRow>(
        `SELECT billId, period, principal, dueDate, paidSerial FROM bills
         WHERE billerId = ? AND account = ? AND paidSerial IS NULL ORDER BY dueDate, billId`,
      )
      .all(billerId, account);
  }

  /** Every bill of an account, paid or not, oldest first. */
  billsOf(billerId: string, account: string): BillRow[] {
    return this.db
      .prepare<[string, string], BillRow>(
        `SELECT billId, period, principal, dueDate, paidSerial FROM bills
         WHERE billerId = ? AND account = ? ORDER BY dueDate, billId`,
      )
      .all(billerId, account);
  }

  markPaid(billerId: string, account: string, billIds: string[], serial: string): void {
    const stmt = this.db.prepare(
      'UPDATE bills SET paidSerial = ? WHERE billerId = ? AND account = ? AND billId = ?',
    );
    for (const id of billIds) stmt.run(serial, billerId, account, id);
  }

  /** Undo markPaid for a reversed payment. */
  markUnpaid(serial: string): void {
    this.db.prepare('UPDATE bills SET paidSerial = NULL WHERE paidSerial = ?').run(serial);
  }

  insertQuote(q: QuoteRow): void {
    this.db
      .prepare(
        'INSERT INTO quotes VALUES (@quoteId, @billerId, @account, @billIds, @expiresAtMs, @body)',
      )
      .run(q);
  }

  quote(quoteId: string): QuoteRow | undefined {
    return this.db
      .prepare<[string], QuoteRow>('SELECT * FROM quotes WHERE quoteId = ?')
      .get(quoteId);
  }

  payment(serial: string): PaymentRow | undefined {
    return this.db
      .prepare<[string], PaymentRow>('SELECT * FROM payments WHERE agentSerial = ?')
      .get(serial);
  }

  insertPayment(p: PaymentRow): void {
    this.db
      .prepare(
        `INSERT INTO payments VALUES (@agentSerial, @terminalId, @request, @requestHash, @httpStatus,
         @response, @outcome, @billerId, @account, @amount, @prepaidCredited, @writtenOffAt,
         @businessDate, @reversalReason)`,
      )
      .run(p);
  }

  markReversed(serial: string, response: string, reason: string): void {
    this.db
      .prepare(
        `UPDATE payments SET outcome = 'reversed', response = ?, reversalReason = ?
         WHERE agentSerial = ?`,
      )
      .run(response, reason, serial);
  }

  /** Committed (written-off or reversed) payments of one terminal on one business day. */
  paymentsOfDay(terminalId: string, day: string): PaymentRow[] {
    return this.db
      .prepare<[string, string], PaymentRow>(
        `SELECT * FROM payments WHERE terminalId = ? AND businessDate = ?
         AND outcome <> 'rejected' ORDER BY writtenOffAt, agentSerial`,
      )
      .all(terminalId, day);
  }

  /** Every stored payment (committed, reversed or a stored rejection), for /__sim/stats. */
  paymentOutcomes(): Pick<PaymentRow, 'agentSerial' | 'outcome' | 'amount'>[] {
    return this.db
      .prepare<[], Pick<PaymentRow, 'agentSerial' | 'outcome' | 'amount'>>(
        'SELECT agentSerial, outcome, amount FROM payments ORDER BY rowid',
      )
      .all();
  }

  qrAttempt(qrPaymentId: string): QrAttemptRow | undefined {
    return this.db
      .prepare<[string], QrAttemptRow>('SELECT * FROM qr_attempts WHERE qrPaymentId = ?')
      .get(qrPaymentId);
  }

  /** Every QR attempt, newest first, for the admin endpoint. */
  qrAttempts(): QrAttemptRow[] {
    return this.db.prepare<[], QrAttemptRow>('SELECT * FROM qr_attempts ORDER BY rowid DESC').all();
  }

  insertQrAttempt(a: QrAttemptRow): void {
    this.db
      .prepare(
        `INSERT INTO qr_attempts VALUES (@qrPaymentId, @terminalId, @kind, @requestHash, @amount,
         @description, @wallet, @script, @codeUrl, @expiresAt, @expiresAtMs, @status, @polls,
         @createdAtMs, @confirmingSinceMs, @updatedAtMs, @usedBySerial)`,
      )
      .run(a);
  }

  /** Writes an attempt's changing fields back. */
  updateQrAttempt(a: QrAttemptRow): void {
    this.db
      .prepare(
        `UPDATE qr_attempts SET status = @status, wallet = @wallet, polls = @polls,
         confirmingSinceMs = @confirmingSinceMs, updatedAtMs = @updatedAtMs,
         usedBySerial = @usedBySerial WHERE qrPaymentId = @qrPaymentId`,
      )
      .run(a);
  }

  /** The QR money of a reversed payment is free again. */
  releaseQr(serial: string): void {
    this.db
      .prepare('UPDATE qr_attempts SET usedBySerial = NULL WHERE usedBySerial = ?')
      .run(serial);
  }

  /** Records a nonce; false when it was already seen within the window (a replay). */
  rememberNonce(terminalId: string, nonce: string, nowMs: number): boolean {
    this.db.prepare('DELETE FROM nonces WHERE seenAtMs <= ?').run(nowMs - NONCE_WINDOW_MS);
    const { changes } = this.db
      .prepare('INSERT OR IGNORE INTO nonces VALUES (?, ?, ?)')
      .run(terminalId, nonce, nowMs);
    return changes === 1;
  }

  saveHeartbeat(terminalId: string, receivedAt: string, body: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO heartbeats VALUES (?, ?, ?)')
      .run(terminalId, receivedAt, body);
  }

  lastHeartbeat(terminalId: string): { receivedAt: string; body: string } | undefined {
    return this.db
      .prepare<[string], { receivedAt: string; body: string }>(
        'SELECT receivedAt, body FROM heartbeats WHERE terminalId = ?',
      )
      .get(terminalId);
  }
}
