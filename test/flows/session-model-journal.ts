// The session machine driven along the cash path with stand-in actors that write to a REAL
// journal (as src/host/session-actors.ts would): startPayment creates the payment, the cash-in
// stand-in journals each note in escrow and stacked, captureFunds captures, the write-off is a
// sync-worker pass against a gateway that commits. Used for crash equivalence (payments.md §6
// invariant 9): run k steps, drop everything, reopen, recover.
import { createActor, fromCallback, fromPromise, waitFor, type EventObject } from 'xstate';
import type { PaymentRow } from '../../offline-queue/payment-journal';
import { recoverJournal, type RecoveryReport } from '../../offline-queue/recovery';
import { StaffItems } from '../../offline-queue/staff-items';
import {
  sessionMachine,
  type BillerChoice,
  type CashInInput,
  type QuoteChoice,
  type LookupResult,
  type ReceiptInput,
  type ReceiptOutcome,
  type SessionEvent,
  type StartResult,
} from '../../src/flows/session-machine';
import type { PaymentMethod } from '../../src/api/kiosk-api';
import { cashPaymentRequest } from '../../src/host/payment-request';
import {
  newPayment,
  openTestJournal,
  RecordingPort,
  testClock,
  workerPass,
  type TestJournal,
} from '../offline-queue/journal-fixture';
import { MODEL_BILLER, MODEL_QUOTE, NOTE, TIMING } from './session-model-graph';

export interface CashRun {
  t: TestJournal;
  state(): string;
  stop(): void;
}

interface Driver {
  cash?: (e: SessionEvent) => void;
  settle?: (e: SessionEvent) => void;
  paymentId: number | null;
  escrowed: number | null;
}

/** A session on journal `t` whose every effect is journalled by a stand-in actor. */
function startSession(t: TestJournal, d: Driver) {
  const machine = sessionMachine.provide({
    actors: {
      loadBillers: fromPromise(async () => [MODEL_BILLER]),
      lookUpBills: fromPromise<LookupResult, { billerId: string; account: string }>(async () => ({
        ok: true,
        quote: MODEL_QUOTE,
      })),
      startPayment: fromPromise<
        StartResult,
        { biller: BillerChoice; quote: QuoteChoice; method: PaymentMethod }
      >(async () => {
        const p = t.journal.create(
          newPayment({
            quoteId: MODEL_QUOTE.quoteId,
            quoteJson: MODEL_QUOTE.raw,
            amountDue: MODEL_QUOTE.totalDue,
          }),
        );
        t.journal.startCollecting(p.id);
        d.paymentId = p.id;
        return { ok: true, paymentId: p.id };
      }),
      cashIn: fromCallback<EventObject, CashInInput>(({ sendBack }) => {
        d.cash = sendBack;
        return () => (d.cash = undefined);
      }),
      captureFunds: fromPromise(async ({ input }: { input: { paymentId: number } }) => {
        const p = t.journal.get(input.paymentId);
        t.journal.captureFunds(p.id, cashPaymentRequest(t.journal, p, t.clock()));
        return undefined;
      }),
      watchWriteOff: fromCallback<EventObject, { paymentId: number }>(({ sendBack }) => {
        d.settle = sendBack;
        return () => (d.settle = undefined);
      }),
      receipt: fromPromise<ReceiptOutcome, ReceiptInput>(async ({ input }) => {
        t.journal.markReceipted(input.paymentId);
        return { prepaidCredited: 0, receiptLines: ['缴费凭证'], printed: true, eReceiptUrl: null };
      }),
    },
  });
  return createActor(machine, { input: TIMING }).start();
}

export interface CashStep {
  name: string;
  run(actor: ReturnType<typeof startSession>, t: TestJournal, d: Driver): Promise<void>;
}

const reach = (actor: ReturnType<typeof startSession>, value: string) =>
  waitFor(actor, (s) => s.value === value, { timeout: 2000 }).then(() => undefined);

const send = (name: string, event: SessionEvent, then: string): CashStep => ({
  name,
  run: async (actor) => {
    actor.send(event);
    await reach(actor, then);
  },
});

const escrow: CashStep = {
  name: 'note escrowed',
  run: async (actor, t, d) => {
    d.escrowed = t.journal.recordEscrow(d.paymentId as number, NOTE);
    d.cash?.({ type: 'NOTE_ESCROWED' });
    await reach(actor, 'insertCash');
  },
};

const stack = (then: string): CashStep => ({
  name: 'note stacked',
  run: async (actor, t, d) => {
    const p = t.journal.recordStacked(d.paymentId as number, d.escrowed as number);
    d.escrowed = null;
    d.cash?.({ type: 'NOTE_STACKED', collected: p.collected });
    await reach(actor, then);
  },
});

/** attract → … → insertCash → two notes → capturing → writingOff → paid → attract. */
export const CASH_PATH: CashStep[] = [
  send('START', { type: 'START' }, 'chooseBiller'),
  send('CHOOSE_BILLER', { type: 'CHOOSE_BILLER', billerId: MODEL_BILLER.id }, 'enterAccount'),
  {
    name: 'KEY ×10',
    run: async (actor) => {
      for (const key of MODEL_QUOTE.account) actor.send({ type: 'KEY', key: key as '0' });
      await reach(actor, 'enterAccount');
    },
  },
  send('SUBMIT_ACCOUNT', { type: 'SUBMIT_ACCOUNT' }, 'bills'),
  send('PAY_CASH', { type: 'PAY_CASH' }, 'confirm'),
  send('CONFIRM', { type: 'CONFIRM' }, 'insertCash'),
  escrow,
  stack('insertCash'),
  escrow,
  stack('writingOff'),
  {
    name: 'write-off settled',
    run: async (actor, t, d) => {
      await workerPass(t, new RecordingPort());
      const state = t.journal.get(d.paymentId as number).state;
      d.settle?.({
        type: 'WRITE_OFF_SETTLED',
        state: state === 'WRITTEN_OFF' ? 'WRITTEN_OFF' : 'REFUND_REQUIRED',
      });
      await reach(actor, 'paid');
    },
  },
  send('DONE', { type: 'DONE' }, 'attract'),
];

/**
 * Runs the first `k` steps of CASH_PATH on a fresh journal in `file`. `afterStep(i, run)` is
 * called after each step (the uninterrupted run snapshots the journal there).
 */
export async function runCashPath(
  file: string,
  k: number,
  afterStep: (i: number, run: CashRun) => void = () => undefined,
): Promise<CashRun> {
  const t = openTestJournal(file, testClock());
  const d: Driver = { paymentId: null, escrowed: null };
  const actor = startSession(t, d);
  const run: CashRun = {
    t,
    state: () => String(actor.getSnapshot().value),
    stop: () => actor.stop(),
  };
  afterStep(0, run);
  for (let i = 0; i < k; i++) {
    await (CASH_PATH[i] as CashStep).run(actor, t, d);
    afterStep(i + 1, run);
  }
  return run;
}

/** A consistent copy of the journal file as it stands (the WAL folded in). */
export function snapshotJournal(t: TestJournal, to: string): void {
  t.db.pragma('wal_checkpoint(FULL)');
  t.db.exec(`VACUUM INTO '${to.replace(/'/g, "''")}'`);
}

/** The host's recovery at start, on journal file `file`; the journal is left open. */
export function reopenAndRecover(file: string): { t: TestJournal; report: RecoveryReport } {
  const t = openTestJournal(file, testClock());
  const staff = new StaffItems(t.db, t.clock);
  const report = recoverJournal({
    db: t.db,
    journal: t.journal,
    staff,
    buildRequest: (p: PaymentRow, at: number) => cashPaymentRequest(t.journal, p, at),
  });
  return { t, report };
}

export interface Ledger {
  payments: { state: string; collected: number }[];
  byState: Record<string, number>;
  collectedTotal: number;
  cashBox: { notes: Record<string, number>; total: number };
  notesByState: Record<string, number>;
  stackedNotesTotal: number;
  openStaffItems: number;
}

export function ledgerOf(t: TestJournal): Ledger {
  const payments = t.db
    .prepare('SELECT state, collected FROM payment ORDER BY id')
    .all() as Ledger['payments'];
  const byState: Record<string, number> = {};
  for (const p of payments) byState[p.state] = (byState[p.state] ?? 0) + 1;
  const notesByState: Record<string, number> = {};
  for (const r of t.db
    .prepare('SELECT state, count(*) AS n FROM cash_note GROUP BY state ORDER BY state')
    .all() as { state: string; n: number }[])
    notesByState[r.state] = r.n;
  const stacked = t.db
    .prepare(`SELECT coalesce(sum(value), 0) AS s FROM cash_note WHERE state = 'stacked'`)
    .get() as { s: number };
  const staff = t.db
    .prepare('SELECT count(*) AS n FROM staff_item WHERE closed_at IS NULL')
    .get() as { n: number };
  return {
    payments,
    byState,
    collectedTotal: payments.reduce((s, p) => s + p.collected, 0),
    cashBox: t.journal.cashBox(),
    notesByState,
    stackedNotesTotal: stacked.s,
    openStaffItems: staff.n,
  };
}

/** Payments whose log shows both a write-off and a refund (must never happen). */
export function writtenOffAndRefunded(t: TestJournal): number[] {
  const rows = t.db
    .prepare(
      `SELECT payment_id AS id FROM payment_event WHERE to_state = 'WRITTEN_OFF'
         INTERSECT
       SELECT payment_id FROM payment_event
         WHERE to_state IN ('REFUND_REQUIRED', 'REFUNDED', 'PREPAID_CREDITED', 'MANUAL_REFUND')`,
    )
    .all() as { id: number }[];
  return rows.map((r) => r.id);
}

/** Settles what recovery left pending: one sync-worker pass against a committing gateway. */
export async function settlePending(t: TestJournal): Promise<void> {
  await workerPass(t, new RecordingPort());
}
