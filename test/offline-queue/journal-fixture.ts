// Journals on real files in a throw-away folder (openJournal refuses ':memory:': no WAL there).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CashLedger } from '../../offline-queue/cash-ledger';
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import { Outbox } from '../../offline-queue/outbox';
import { PaymentJournal, type NewPayment } from '../../offline-queue/payment-journal';
import {
  canTransition,
  PAYMENT_STATES,
  type PaymentState,
} from '../../offline-queue/payment-states';
import {
  SyncWorker,
  type QueryOutcome,
  type SyncWorkerOptions,
  type WriteOffOutcome,
  type WriteOffPort,
} from '../../offline-queue/sync-worker';
import { expect } from 'vitest';

export const TERMINAL = 'SH-XH-WK-0007';
export const DAY = '20261126';

export interface TempDir {
  dir: string;
  file(name: string): string;
  remove(): void;
}

export function tempDir(prefix = 'kiosk-journal-'): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A hand-driven clock in ms. */
export interface TestClock {
  (): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function testClock(start = Date.parse('2026-11-26T14:03:11+08:00')): TestClock {
  let t = start;
  const clock = (() => t) as TestClock;
  clock.advance = (ms) => {
    t += ms;
  };
  clock.set = (ms) => {
    t = ms;
  };
  return clock;
}

export interface TestJournal {
  db: JournalDb;
  journal: PaymentJournal;
  outbox: Outbox;
  /** The cash tables (notes, the box, strays, collections), read as the kiosk reads them. */
  cash: CashLedger;
  clock: TestClock;
  close(): void;
}

export function openTestJournal(file: string, clock: TestClock = testClock()): TestJournal {
  const db = openJournal(file);
  return {
    db,
    journal: new PaymentJournal(db, clock),
    outbox: new Outbox(db),
    cash: new CashLedger(db),
    clock,
    close: () => db.close(),
  };
}

export function newPayment(overrides: Partial<NewPayment> = {}): NewPayment {
  return {
    terminalId: TERMINAL,
    businessDay: DAY,
    billerId: 'sh-power',
    account: '3100123456',
    quoteId: 'q_test',
    quoteJson: '{"quoteId":"q_test","totalDue":40773}',
    amountDue: 40773,
    acceptsOverpayment: true,
    method: 'cash',
    ...overrides,
  };
}

/** The write-off body the host would store at capture: fixed once, re-sent byte for byte. */
export function requestBody(agentSerial: string, notes: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const v of notes) counts.set(v, (counts.get(v) ?? 0) + 1);
  return JSON.stringify({
    agentSerial,
    quoteId: 'q_test',
    billerId: 'sh-power',
    account: '3100123456',
    amount: notes.reduce((s, v) => s + v, 0),
    method: 'cash',
    tender: { notes: [...counts].map(([value, count]) => ({ value, count })) },
    collectedAt: '2026-11-26T14:05:40+08:00',
  });
}

/** A cash payment with the given notes stacked and its funds captured (outbox row written). */
export function capturedPayment(t: TestJournal, notes: readonly number[] = [10000, 10000]): number {
  const p = t.journal.create(newPayment());
  t.journal.startCollecting(p.id);
  for (const value of notes) t.journal.recordStacked(p.id, t.journal.recordEscrow(p.id, value));
  t.journal.captureFunds(p.id, requestBody(p.agentSerial, notes));
  return p.id;
}

// ---------------------------------------------------------------------------------------------
// Helpers for recovery, compensation, caps, reconciliation and AWAIT_RECON tests.

/** Shortest allowed path of states from CREATED to `target` (CREATED itself excluded). */
export function statesPathTo(target: PaymentState): PaymentState[] {
  const prev = new Map<PaymentState, PaymentState | null>([['CREATED', null]]);
  const queue: PaymentState[] = ['CREATED'];
  while (queue.length > 0) {
    const s = queue.shift() as PaymentState;
    if (s === target) break;
    for (const next of PAYMENT_STATES) {
      if (!prev.has(next) && canTransition(s, next)) {
        prev.set(next, s);
        queue.push(next);
      }
    }
  }
  if (!prev.has(target)) throw new Error(`${target} is unreachable from CREATED`);
  const path: PaymentState[] = [];
  for (let s: PaymentState | null = target; s !== null && s !== 'CREATED'; s = prev.get(s) ?? null)
    path.unshift(s);
  return path;
}

/** Moves a payment along allowed edges, one transaction per edge (journal.move checks each). */
export function moveAlong(t: TestJournal, id: number, states: readonly PaymentState[]): void {
  for (const to of states) {
    t.db.transaction(() => t.journal.move(id, to, `test_${to.toLowerCase()}`))();
  }
}

/**
 * A payment in `state`. From FUNDS_CAPTURED on it holds the given stacked notes, a stored body
 * and an outbox row (as the session would leave it); before, it is walked there empty.
 */
export function paymentInState(
  t: TestJournal,
  state: PaymentState,
  o: { notes?: readonly number[]; payment?: Partial<NewPayment> } = {},
): number {
  const notes = o.notes ?? [10000, 10000];
  const path = statesPathTo(state);
  const capturedAt = path.indexOf('FUNDS_CAPTURED');
  if (capturedAt < 0) {
    const p = t.journal.create(newPayment(o.payment));
    moveAlong(t, p.id, path);
    return p.id;
  }
  const p = t.journal.create(newPayment(o.payment));
  t.journal.startCollecting(p.id);
  for (const value of notes) t.journal.recordStacked(p.id, t.journal.recordEscrow(p.id, value));
  t.journal.captureFunds(p.id, requestBody(p.agentSerial, notes));
  moveAlong(t, p.id, path.slice(capturedAt + 1));
  return p.id;
}

/** A payment collecting cash: notes stacked, returned, and left in escrow, in that order. */
export function collectingPayment(
  t: TestJournal,
  o: {
    stacked?: readonly number[];
    returned?: readonly number[];
    escrowed?: readonly number[];
    payment?: Partial<NewPayment>;
  } = {},
): { id: number; escrowedNoteIds: number[] } {
  const p = t.journal.create(newPayment(o.payment));
  t.journal.startCollecting(p.id);
  for (const value of o.stacked ?? []) {
    t.journal.recordStacked(p.id, t.journal.recordEscrow(p.id, value));
  }
  for (const value of o.returned ?? []) {
    t.journal.recordReturned(p.id, t.journal.recordEscrow(p.id, value));
  }
  const escrowedNoteIds = (o.escrowed ?? []).map((value) => t.journal.recordEscrow(p.id, value));
  return { id: p.id, escrowedNoteIds };
}

/** A write-off the gateway confirmed, on the given business day (YYYY-MM-DD). */
export function writtenOffOutcome(serial: string, day = '2026-11-26'): WriteOffOutcome {
  return {
    kind: 'written_off',
    billerTxnId: `TXN-${serial}`,
    resultJson: JSON.stringify({ agentSerial: serial, status: 'written_off' }),
    writtenOffDay: day,
  };
}

export type PortCall =
  { op: 'submit'; serial: string; body: string } | { op: 'query'; serial: string };

/** A WriteOffPort that records every call in order and answers with the handlers a test sets. */
export class RecordingPort implements WriteOffPort {
  readonly calls: PortCall[] = [];
  onSubmit: (serial: string, body: string) => WriteOffOutcome | Promise<WriteOffOutcome> = (s) =>
    writtenOffOutcome(s);
  onQuery: (serial: string) => QueryOutcome | Promise<QueryOutcome> = () => ({
    kind: 'not_found',
  });

  submit(agentSerial: string, requestJson: string): Promise<WriteOffOutcome> {
    this.calls.push({ op: 'submit', serial: agentSerial, body: requestJson });
    return Promise.resolve(this.onSubmit(agentSerial, requestJson));
  }

  query(agentSerial: string): Promise<QueryOutcome> {
    this.calls.push({ op: 'query', serial: agentSerial });
    return Promise.resolve(this.onQuery(agentSerial));
  }

  ops(serial?: string): string[] {
    return this.calls.filter((c) => serial === undefined || c.serial === serial).map((c) => c.op);
  }
}

/** A sync worker on a test journal: deterministic jitter, 1 s base delay, 16 s cap. */
export function testWorker(
  t: TestJournal,
  port: WriteOffPort,
  extra: Partial<SyncWorkerOptions> = {},
): SyncWorker {
  return new SyncWorker({
    db: t.db,
    journal: t.journal,
    outbox: t.outbox,
    port,
    clock: t.clock,
    random: () => 0.5,
    baseDelayMs: 1_000,
    maxDelayMs: 16_000,
    ...extra,
  });
}

/** Lets a worker drain the due outbox rows against a port that answers at once. */
export async function drain(worker: SyncWorker): Promise<void> {
  worker.kick();
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

/** One worker pass over what is due now, then the worker is stopped (no timers left behind). */
export async function workerPass(
  t: TestJournal,
  port: WriteOffPort,
  extra: Partial<SyncWorkerOptions> = {},
): Promise<void> {
  const worker = testWorker(t, port, extra);
  try {
    await drain(worker);
  } finally {
    await worker.stop();
  }
}

export interface StaffRow {
  id: number;
  kind: string;
  payment_id: number | null;
  amount: number;
  reason: string;
  detail_json: string | null;
  closed_at: number | null;
  closed_by: string | null;
}

/** Every staff item, open or closed, in order. */
export function staffRows(t: TestJournal): StaffRow[] {
  return t.db
    .prepare(
      'SELECT id, kind, payment_id, amount, reason, detail_json, closed_at, closed_by FROM staff_item ORDER BY id',
    )
    .all() as StaffRow[];
}

export interface OutboxRowState {
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  done_at: number | null;
}

export function outboxRowOf(t: TestJournal, paymentId: number): OutboxRowState | undefined {
  return t.db
    .prepare(
      'SELECT attempts, next_attempt_at, last_error, done_at FROM outbox WHERE payment_id = ?',
    )
    .get(paymentId) as OutboxRowState | undefined;
}

/** The state changes of a payment's event log as "FROM→TO" ("∅" for the first). */
export function transitionsOf(t: TestJournal, id: number): string[] {
  return t.journal
    .events(id)
    .filter((e) => e.toState !== null)
    .map((e) => `${e.fromState ?? '∅'}→${e.toState}`);
}

/** Every logged state change follows an allowed edge and starts where the previous one ended. */
export function expectAllowedTransitions(t: TestJournal, id: number): void {
  const moves = t.journal.events(id).filter((e) => e.toState !== null);
  expect(moves[0], `payment ${id} starts CREATED`).toMatchObject({
    fromState: null,
    toState: 'CREATED',
  });
  moves.forEach((e, i) => {
    if (i === 0) return;
    expect(e.fromState, `payment ${id} event ${i} chains`).toBe(moves[i - 1]?.toState);
    expect(
      canTransition(e.fromState as PaymentState, e.toState as PaymentState),
      `payment ${id}: ${e.fromState} → ${e.toState}`,
    ).toBe(true);
  });
}
