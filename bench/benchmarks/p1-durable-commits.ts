// P1: durable commits per second of a payment state change, against the raw sync rate of the
// same disk measured in the same run. Target: ours ÷ raw ≥ 0.8.
//
// "Ours" is the real journal (openJournal: WAL + synchronous=FULL) driven through
// PaymentJournal, one state change per transaction: create → startCollecting → recordEscrow →
// recordStacked → captureFunds, over and over; every transaction counts as one durable commit.
// The journal is first filled with settled payments (BENCH_P1_PREFILL, by bulk SQL) so that it
// looks like one that has been in service, not an empty file.
// "Raw" appends a 64-byte record to a file in the same directory and syncs it, via node:fs.
//
// Diagnostics in the same run: the same journal code on an empty journal (how the cost grows
// with the journal), and on a prefilled journal on tmpfs, where a sync costs nothing (what a
// commit costs apart from the sync). All methods take turns in short slices so that the disk's
// drift hits all of them alike.
//
// BENCH_P1_JOURNAL=<file.ts> measures another PaymentJournal (e.g. a prototype in /tmp) in the
// same harness; it must export a class of the same shape.
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openJournal, type JournalDb } from '../../offline-queue/open-journal';
import * as realJournal from '../../offline-queue/payment-journal';
import type { Benchmark } from '../harness';
import { envNumber, machineLoad, mountOf, percentile, round, scratchDir } from './support';

const TARGET_RATIO = 0.8;
const SLICE_MS = 500;
const WARMUP_MS = 1_000;
const RECORD_BYTES = 64;
/** payments.md §3: budget ≤ 10 ms per commit. */
const COMMIT_BUDGET_MS = 10;
const TMPFS = '/dev/shm';

type Method = 'ours' | 'oursEmpty' | 'oursTmpfs' | 'rawFdatasync' | 'rawFsync';
type JournalClass = typeof realJournal.PaymentJournal;

interface Tally {
  count: number;
  ms: number;
  latencies: number[];
}

/** One durable step per call: a payment state change (ours) or write + sync (raw). */
interface Stepper {
  step: () => string;
  close: () => void;
}

async function journalClass(): Promise<{ PaymentJournal: JournalClass; source: string }> {
  const file = process.env.BENCH_P1_JOURNAL;
  if (!file) {
    return {
      PaymentJournal: realJournal.PaymentJournal,
      source: 'offline-queue/payment-journal.ts',
    };
  }
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as typeof realJournal;
  return { PaymentJournal: mod.PaymentJournal, source: path.resolve(file) };
}

/**
 * `n` settled cash payments as the journal would hold them after the sync worker wrote them
 * off and staff emptied the cash box: payment row, seven events, one stacked note, its cash-box
 * row and a closed outbox row each. Bulk SQL, one transaction: only the shape matters here.
 */
function prefill(db: JournalDb, n: number): void {
  if (n === 0) return;
  const t0 = Date.parse('2026-05-01T00:00:00+08:00');
  const request = JSON.stringify({
    agentSerial: 'SH-XH-WK-0007-20260501-000001',
    quoteId: 'q_0123456789abcdef01234567',
    billerId: 'sh-power',
    account: '3100123456',
    amount: 10_000,
    method: 'cash',
    tender: { notes: [{ value: 10_000, count: 1 }] },
    collectedAt: '2026-05-01T10:00:00.000+08:00',
  });
  db.transaction(() => {
    db.prepare(
      `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < @n)
       INSERT INTO payment(id, agent_serial, state, biller_id, account, quote_id, quote_json,
         amount_due, accepts_overpayment, method, collected, request_json, result_json,
         biller_txn_id, collected_at, written_off_day, created_at, updated_at)
       SELECT i, 'SH-XH-WK-0007-PRE-' || printf('%08d', i), 'WRITTEN_OFF', 'sh-power',
         '3100123456', 'q_pre_' || i, @quote, 9783, 1, 'cash', 10000, @request, @result,
         'SGCC-' || (889120000 + i), @t0 + i * 600000, '2026-05-01', @t0 + i * 600000,
         @t0 + i * 600000 + 2000
       FROM seq`,
    ).run({
      n,
      t0,
      quote: JSON.stringify({ quoteId: 'q_pre', totalDue: 9_783, bills: [] }),
      request,
      result: JSON.stringify({ status: 'written_off', billerTxnId: 'SGCC-889120001' }),
    });
    db.exec(`
      INSERT INTO payment_event(payment_id, at, type, from_state, to_state, data_json)
        SELECT p.id, p.created_at, e.type, e.f, e.t,
          CASE e.k WHEN 5 THEN p.request_json ELSE e.d END FROM payment p,
          (SELECT 1 AS k, 'created' AS type, NULL AS f, 'CREATED' AS t, '{}' AS d
           UNION ALL SELECT 2, 'collecting', 'CREATED', 'COLLECTING', NULL
           UNION ALL SELECT 3, 'note_escrowed', NULL, NULL, '{"value":10000}'
           UNION ALL SELECT 4, 'note_stacked', NULL, NULL, '{"value":10000}'
           UNION ALL SELECT 5, 'funds_captured', 'COLLECTING', 'FUNDS_CAPTURED', NULL
           UNION ALL SELECT 6, 'writeoff_sent', 'FUNDS_CAPTURED', 'WRITEOFF_SENT', NULL
           UNION ALL SELECT 7, 'written_off', 'WRITEOFF_SENT', 'WRITTEN_OFF', '{}') e
        ORDER BY p.id, e.k;
      INSERT INTO cash_note(id, payment_id, value, state, escrowed_at, settled_at)
        SELECT id, id, 10000, 'stacked', created_at, created_at FROM payment;
      INSERT INTO cash_box(note_id, value, stacked_at, collection_id)
        SELECT id, 10000, created_at, 1 FROM payment;
      INSERT INTO outbox(payment_id, kind, attempts, next_attempt_at, done_at)
        SELECT id, 'writeoff', 0, created_at, updated_at FROM payment;
    `);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
}

function journalSteps(
  PaymentJournal: JournalClass,
  file: string,
  prefilled: number,
): Stepper & { prefillMs: number } {
  const db = openJournal(file); // asserts WAL + synchronous=FULL
  const t0 = performance.now();
  prefill(db, prefilled);
  const prefillMs = performance.now() - t0;
  const journal = new PaymentJournal(db);
  let id = 0;
  let noteId = 0;
  let next = 0;
  const ops: [string, () => void][] = [
    [
      'create',
      () => {
        id = journal.create({
          terminalId: 'SH-XH-WK-0007',
          businessDay: '20261126',
          billerId: 'sh-power',
          account: '3100000001',
          quoteId: 'q_bench',
          quoteJson: '{"quoteId":"q_bench","totalDue":0}',
          amountDue: 0,
          acceptsOverpayment: true,
          method: 'cash',
        }).id;
      },
    ],
    ['startCollecting', () => journal.startCollecting(id)],
    [
      'recordEscrow',
      () => {
        noteId = journal.recordEscrow(id, 10_000);
      },
    ],
    [
      'recordStacked',
      () => {
        journal.recordStacked(id, noteId);
      },
    ],
    [
      'captureFunds',
      () => {
        const body = { amount: 10_000, tender: { notes: [{ value: 10_000, count: 1 }] } };
        journal.captureFunds(id, JSON.stringify(body));
      },
    ],
  ];
  return {
    prefillMs,
    step: () => {
      const [name, op] = ops[next] ?? ['?', () => undefined];
      op();
      next = (next + 1) % ops.length;
      return name;
    },
    close: () => db.close(),
  };
}

function rawSteps(file: string, sync: (fd: number) => void): Stepper {
  const fd = openSync(file, 'w');
  const record = Buffer.alloc(RECORD_BYTES, 0x2e);
  let position = 0;
  let n = 0;
  return {
    step: () => {
      record.writeUInt32LE(n++, 0);
      writeSync(fd, record, 0, RECORD_BYTES, position);
      position += RECORD_BYTES;
      sync(fd);
      return 'append';
    },
    close: () => closeSync(fd),
  };
}

/** Runs `step` for `ms`; adds counts, time and per-step latency to the tallies. */
function runFor(
  ms: number,
  step: () => string,
  tally: Tally | null,
  perOp?: Map<string, number[]>,
): void {
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    const t = performance.now();
    const op = step();
    now = performance.now();
    if (tally) {
      tally.count++;
      tally.latencies.push(now - t);
      if (perOp) {
        const list = perOp.get(op) ?? [];
        list.push(now - t);
        perOp.set(op, list);
      }
    }
  }
  if (tally) tally.ms += now - start;
}

const latencyMs = (t: Tally) => ({
  p50: round(percentile(t.latencies, 50), 3),
  p99: round(percentile(t.latencies, 99), 3),
  max: round(Math.max(...t.latencies), 3),
});

export const p1: Benchmark = {
  id: 'P1',
  title: 'durable commits per second of a payment state change, against the raw sync rate',
  async run() {
    const seconds = envNumber('BENCH_P1_SECONDS', 12);
    const prefilled = Math.round(envNumber('BENCH_P1_PREFILL', 20_000, true));
    const dir = scratchDir('kiosk-p1-', process.env.BENCH_DIR || undefined);
    const shm = existsSync(TMPFS) ? scratchDir('kiosk-p1-', TMPFS) : null;
    const { PaymentJournal, source } = await journalClass();
    const methods = new Map<Method, Stepper>();
    try {
      const ours = journalSteps(PaymentJournal, path.join(dir, 'journal.sqlite'), prefilled);
      methods.set('ours', ours);
      methods.set('oursEmpty', journalSteps(PaymentJournal, path.join(dir, 'empty.sqlite'), 0));
      if (shm) {
        methods.set(
          'oursTmpfs',
          journalSteps(PaymentJournal, path.join(shm, 'journal.sqlite'), prefilled),
        );
      }
      methods.set('rawFdatasync', rawSteps(path.join(dir, 'raw-fdatasync.log'), fdatasyncSync));
      methods.set('rawFsync', rawSteps(path.join(dir, 'raw-fsync.log'), fsyncSync));

      const order = [...methods.keys()];
      const tallies = new Map<Method, Tally>(
        order.map((m) => [m, { count: 0, ms: 0, latencies: [] }]),
      );
      for (const m of order) runFor(WARMUP_MS, methods.get(m)?.step ?? (() => ''), null);
      const perOp = new Map<string, number[]>();
      const rounds = Math.max(1, Math.round((seconds * 1000) / SLICE_MS));
      for (let r = 0; r < rounds; r++) {
        // Rotate who goes first, so no method always follows the same neighbour.
        for (let k = 0; k < order.length; k++) {
          const m = order[(r + k) % order.length] ?? 'ours';
          const step = methods.get(m)?.step ?? (() => '');
          runFor(SLICE_MS, step, tallies.get(m) ?? null, m === 'ours' ? perOp : undefined);
        }
      }
      const tally = (m: Method): Tally => tallies.get(m) ?? { count: 0, ms: 0, latencies: [] };
      const rate = (m: Method) => tally(m).count / (tally(m).ms / 1000);
      const oursRate = rate('ours');
      const raw = rate('rawFdatasync');
      const ratio = oursRate / raw;
      // What a commit costs apart from the sync, and what that leaves of the raw rate.
      const rawMs = 1000 / raw;
      const nonSyncMs = shm ? 1000 / rate('oursTmpfs') : null;
      const oursLatency = latencyMs(tally('ours'));
      return {
        value: round(ratio, 3),
        unit: '× raw fdatasync rate',
        target: `≥ ${TARGET_RATIO} (journal commits/s ÷ write+fdatasync/s, same disk, same run)`,
        met: ratio >= TARGET_RATIO,
        detail: {
          oursCommitsPerSecond: round(oursRate, 1),
          rawFdatasyncPerSecond: round(raw, 1),
          rawFsyncPerSecond: round(rate('rawFsync'), 1),
          ratioVsFdatasync: round(ratio, 3),
          ratioVsFsync: round(oursRate / rate('rawFsync'), 3),
          oursLatencyMs: oursLatency,
          oursLatencyByOperationP50Ms: Object.fromEntries(
            [...perOp].map(([op, l]) => [op, round(percentile(l, 50), 3)]),
          ),
          rawFdatasyncLatencyMs: latencyMs(tally('rawFdatasync')),
          rawFsyncLatencyMs: latencyMs(tally('rawFsync')),
          commitBudgetMs: COMMIT_BUDGET_MS,
          withinBudgetAtP99: oursLatency.p99 <= COMMIT_BUDGET_MS,
          prefilledPayments: prefilled,
          prefillSeconds: round(ours.prefillMs / 1000, 1),
          oursEmptyJournalCommitsPerSecond: round(rate('oursEmpty'), 1),
          ratioEmptyJournalVsFdatasync: round(rate('oursEmpty') / raw, 3),
          ...(nonSyncMs === null
            ? {}
            : {
                oursTmpfsCommitsPerSecond: round(rate('oursTmpfs'), 1),
                nonSyncCostPerCommitMs: round(nonSyncMs, 3),
                rawSyncMeanMs: round(rawMs, 3),
                nonSyncBudgetForTargetMs: round(rawMs * (1 / TARGET_RATIO - 1), 3),
              }),
          commitsCounted: tally('ours').count,
          secondsPerMethod: round(tally('ours').ms / 1000, 1),
          interleaving: `${rounds} rounds of ${SLICE_MS} ms slices per method, order rotated, after ${WARMUP_MS} ms warm-up each`,
          journalSource: source,
          ours: 'openJournal (WAL, synchronous=FULL) + PaymentJournal, journal prefilled with settled payments; one transaction per call, cycling create → startCollecting → recordEscrow → recordStacked → captureFunds (one 100-yuan note)',
          oursEmpty: 'the same on an empty journal',
          oursTmpfs: `the same, prefilled, on tmpfs (${TMPFS}): the cost of a commit without the disk`,
          raw: `append ${RECORD_BYTES}-byte record (fs.writeSync) + fs.fdatasyncSync; and the same with fs.fsyncSync; files beside the journal`,
          dir,
          filesystem: mountOf(dir),
          load: machineLoad(),
        },
      };
    } finally {
      for (const m of methods.values()) m.close();
      rmSync(dir, { recursive: true, force: true });
      if (shm) rmSync(shm, { recursive: true, force: true });
    }
  },
};
