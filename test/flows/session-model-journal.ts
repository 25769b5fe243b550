// Crash equivalence (payments.md §6 invariant 9) for the session paths of
// session-model-paths.ts: run k steps on a REAL journal, drop everything, reopen, recover as
// the host does at start, settle what is pending, and read the ledger.
import { compensateCash, isReapplicable } from '../../offline-queue/compensation';
import type { PaymentRow } from '../../offline-queue/payment-journal';
import { QrAttempts } from '../../offline-queue/qr-attempts';
import { QrResolver } from '../../offline-queue/qr-resolver';
import { recoverJournal, type RecoveryReport } from '../../offline-queue/recovery';
import { StaffItems } from '../../offline-queue/staff-items';
import { cashPaymentRequest, qrPaymentRequest } from '../../src/host/payment-request';
import {
  openTestJournal,
  testClock,
  workerPass,
  type TestJournal,
} from '../offline-queue/journal-fixture';
import {
  newWorld,
  startSession,
  WalletStandIn,
  writeOffPort,
  type SessionPath,
  type WalletStates,
} from './session-model-paths';

export interface PathRun {
  t: TestJournal;
  wallet: WalletStandIn;
  state(): string;
  /** The kiosk dies: the session and its wallet link are dropped, the journal closed. */
  crash(): void;
}

/**
 * Runs the first `k` steps of `path` on a fresh journal in `file`. `afterStep(i, run)` is
 * called after each step (the uninterrupted run snapshots the journal there).
 */
export async function runPath(
  path: SessionPath,
  file: string,
  k: number,
  afterStep: (i: number, run: PathRun) => void = () => undefined,
): Promise<PathRun> {
  const w = newWorld(openTestJournal(file, testClock()), path);
  const actor = startSession(w);
  const run: PathRun = {
    t: w.t,
    wallet: w.wallet,
    state: () => actor.getSnapshot().value.customer,
    crash: () => {
      actor.stop();
      w.wallet.cutOff();
      w.t.close();
    },
  };
  afterStep(0, run);
  for (const [i, step] of path.steps.slice(0, k).entries()) {
    await step.run(actor, w);
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
    buildQrRequest: qrPaymentRequest,
  });
  return { t, report };
}

/** The host's QR resolution (query first) against `wallet`. */
async function resolveQr(t: TestJournal, wallet: WalletStandIn): Promise<void> {
  const resolver = new QrResolver({
    db: t.db,
    journal: t.journal,
    qr: new QrAttempts(t.db, t.clock),
    wallet: wallet.port(),
    buildRequest: qrPaymentRequest,
    clock: t.clock,
  });
  const done = await resolver.resolveAll();
  if (![...done.values()].includes('retry_later')) return;
  // The kiosk went dark mid-payment: nobody confirms, the code lapses, the next pass closes it.
  wallet.lapse();
  await resolver.resolveAll();
}

/**
 * Settles what recovery left pending as the host's jobs would: QR payments through the wallet,
 * one sync-worker pass against `path`'s gateway, then refused money compensated (cash by
 * refund slip, QR through the wallet).
 */
export async function settlePending(
  t: TestJournal,
  wallet: WalletStandIn,
  path: SessionPath,
): Promise<void> {
  await resolveQr(t, wallet);
  await workerPass(t, writeOffPort(t, path));
  const staff = new StaffItems(t.db, t.clock);
  for (const p of t.journal.inStates(['REFUND_REQUIRED'])) {
    if (p.method === 'cash' && !isReapplicable(p)) compensateCash(t.db, t.journal, staff, p.id);
  }
  await resolveQr(t, wallet);
}

export interface Aftermath {
  /** The journal after recovery, and after settling; left open. */
  t: TestJournal;
  recovered: Ledger;
  settled: Ledger;
  /** The wallet the recovered kiosk talked to, from the states it had at the crash. */
  wallet: WalletStandIn;
}

/** A crashed kiosk's journal `file` recovered and settled, the wallet as it was at the crash. */
export async function recoverAndSettle(
  file: string,
  walletAtCrash: WalletStates,
  path: SessionPath,
): Promise<Aftermath> {
  const { t } = reopenAndRecover(file);
  const recovered = ledgerOf(t);
  const wallet = new WalletStandIn(walletAtCrash);
  await settlePending(t, wallet, path);
  return { t, recovered, settled: ledgerOf(t), wallet };
}

export interface Ledger {
  payments: { id: number; method: string; state: string; collected: number; writeOffs: number }[];
  byState: Record<string, number>;
  collectedTotal: number;
  cashBox: { notes: Record<string, number>; total: number };
  notesByState: Record<string, number>;
  stackedNotesTotal: number;
  openStaffItems: number;
  /** Fen owed to customers on open refund slips (cash_refund staff items). */
  refundSlipsOwed: number;
  qrAttempts: { paymentId: number; qrPaymentId: string; state: string; amount: number }[];
}

export function ledgerOf(t: TestJournal): Ledger {
  const payments = t.db
    .prepare(
      `SELECT id, method, state, collected,
         (SELECT count(*) FROM payment_event e WHERE e.payment_id = payment.id
            AND e.to_state = 'WRITTEN_OFF') AS writeOffs
       FROM payment ORDER BY id`,
    )
    .all() as Ledger['payments'];
  const byState: Record<string, number> = {};
  for (const p of payments) byState[p.state] = (byState[p.state] ?? 0) + 1;
  const notesByState: Record<string, number> = {};
  for (const r of t.db
    .prepare('SELECT state, count(*) AS n FROM cash_note GROUP BY state ORDER BY state')
    .all() as { state: string; n: number }[])
    notesByState[r.state] = r.n;
  const sum = (sql: string) => (t.db.prepare(sql).get() as { s: number }).s;
  return {
    payments,
    byState,
    collectedTotal: payments.reduce((s, p) => s + p.collected, 0),
    cashBox: t.cash.contents(),
    notesByState,
    stackedNotesTotal: sum(
      `SELECT coalesce(sum(value), 0) AS s FROM cash_note WHERE state = 'stacked'`,
    ),
    openStaffItems: sum('SELECT count(*) AS s FROM staff_item WHERE closed_at IS NULL'),
    refundSlipsOwed: sum(
      `SELECT coalesce(sum(amount), 0) AS s FROM staff_item
         WHERE closed_at IS NULL AND kind = 'cash_refund'`,
    ),
    qrAttempts: t.db
      .prepare(
        `SELECT payment_id AS paymentId, qr_payment_id AS qrPaymentId, state, amount
           FROM qr_attempt ORDER BY id`,
      )
      .all() as Ledger['qrAttempts'],
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
