// P1: durable commits per second of a payment state change, against the raw sync rate of the
// same disk measured in the same run. Target: ours ÷ raw ≥ 0.8.
//
// "Ours" is the real journal (openJournal: WAL + synchronous=FULL) driven through
// PaymentJournal, one state change per transaction: create → startCollecting → recordEscrow →
// recordStacked → captureFunds, over and over; every transaction counts as one durable commit.
// "Raw" appends a 64-byte record to a file in the same directory and syncs it, via node:fs.
// The methods take turns in short slices so that the disk's drift hits all of them alike.
// A fourth, diagnostic method runs the same journal code with synchronous=OFF: what a commit
// costs apart from the sync (CPU, SQLite, page-cache writes).
//
// BENCH_P1_JOURNAL=<file.ts> measures another PaymentJournal (e.g. a prototype in /tmp) in the
// same harness; it must export a class of the same shape.
import { closeSync, fdatasyncSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openJournal } from '../../offline-queue/open-journal';
import * as realJournal from '../../offline-queue/payment-journal';
import type { Benchmark } from '../harness';
import { envNumber, mountOf, percentile, round, scratchDir } from './support';

const TARGET_RATIO = 0.8;
const SLICE_MS = 500;
const WARMUP_MS = 1_000;
const RECORD_BYTES = 64;
/** payments.md §3: budget ≤ 10 ms per commit. */
const COMMIT_BUDGET_MS = 10;

type Method = 'ours' | 'oursNoSync' | 'rawFdatasync' | 'rawFsync';
type JournalClass = typeof realJournal.PaymentJournal;

async function journalClass(): Promise<{ PaymentJournal: JournalClass; source: string }> {
  const file = process.env.BENCH_P1_JOURNAL;
  if (!file)
    return {
      PaymentJournal: realJournal.PaymentJournal,
      source: 'offline-queue/payment-journal.ts',
    };
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as typeof realJournal;
  return { PaymentJournal: mod.PaymentJournal, source: path.resolve(file) };
}

interface Tally {
  count: number;
  ms: number;
  latencies: number[];
}

/** One durable step per call: a payment state change (ours) or write + sync (raw). */
type Step = () => string;

function journalSteps(
  PaymentJournal: JournalClass,
  file: string,
  sync: 'FULL' | 'OFF',
): { step: Step; close: () => void } {
  const db = openJournal(file); // asserts WAL + synchronous=FULL
  if (sync === 'OFF') db.pragma('synchronous = OFF'); // the diagnostic journal only
  const journal = new PaymentJournal(db);
  let id = 0;
  let noteId = 0;
  let next = 0;
  const ops: (() => void)[] = [
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
    () => journal.startCollecting(id),
    () => {
      noteId = journal.recordEscrow(id, 10_000);
    },
    () => {
      journal.recordStacked(id, noteId);
    },
    () => {
      journal.captureFunds(
        id,
        JSON.stringify({ amount: 10_000, tender: { notes: [{ value: 10_000, count: 1 }] } }),
      );
    },
  ];
  const names = ['create', 'startCollecting', 'recordEscrow', 'recordStacked', 'captureFunds'];
  return {
    step: () => {
      const i = next;
      ops[i]?.();
      next = (i + 1) % ops.length;
      return names[i] ?? '?';
    },
    close: () => db.close(),
  };
}

function rawSteps(file: string, sync: (fd: number) => void): { step: Step; close: () => void } {
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
function runFor(ms: number, step: Step, tally: Tally | null, perOp?: Map<string, number[]>): void {
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
    const seconds = envNumber('BENCH_P1_SECONDS', 15);
    const base = process.env.BENCH_DIR || undefined;
    const dir = scratchDir('kiosk-p1-', base);
    const { PaymentJournal, source } = await journalClass();
    const methods: Record<Method, { step: Step; close: () => void }> = {
      ours: journalSteps(PaymentJournal, path.join(dir, 'journal.sqlite'), 'FULL'),
      oursNoSync: journalSteps(PaymentJournal, path.join(dir, 'nosync.sqlite'), 'OFF'),
      rawFdatasync: rawSteps(path.join(dir, 'raw-fdatasync.log'), fdatasyncSync),
      rawFsync: rawSteps(path.join(dir, 'raw-fsync.log'), fsyncSync),
    };
    try {
      const order: Method[] = ['rawFdatasync', 'ours', 'rawFsync', 'oursNoSync'];
      for (const m of order) runFor(WARMUP_MS, methods[m].step, null);
      const tallies: Record<Method, Tally> = {
        ours: { count: 0, ms: 0, latencies: [] },
        oursNoSync: { count: 0, ms: 0, latencies: [] },
        rawFdatasync: { count: 0, ms: 0, latencies: [] },
        rawFsync: { count: 0, ms: 0, latencies: [] },
      };
      const perOp = new Map<string, number[]>();
      const rounds = Math.max(1, Math.round((seconds * 1000) / SLICE_MS));
      for (let r = 0; r < rounds; r++) {
        // Rotate who goes first, so no method always follows the same neighbour.
        for (let k = 0; k < order.length; k++) {
          const m = order[(r + k) % order.length] ?? 'ours';
          runFor(SLICE_MS, methods[m].step, tallies[m], m === 'ours' ? perOp : undefined);
        }
      }
      const rate = (m: Method) => tallies[m].count / (tallies[m].ms / 1000);
      const ours = rate('ours');
      const raw = rate('rawFdatasync');
      const ratio = ours / raw;
      const mount = mountOf(dir);
      // Mean cost of a commit apart from the sync, and what it leaves of the raw rate.
      const overheadMs = 1000 / rate('oursNoSync');
      const rawMs = 1000 / raw;
      const oursLatency = latencyMs(tallies.ours);
      return {
        value: round(ratio, 3),
        unit: '× raw fdatasync rate',
        target: `≥ ${TARGET_RATIO} (journal commits/s ÷ write+fdatasync/s, same disk, same run)`,
        met: ratio >= TARGET_RATIO,
        detail: {
          oursCommitsPerSecond: round(ours, 1),
          rawFdatasyncPerSecond: round(raw, 1),
          rawFsyncPerSecond: round(rate('rawFsync'), 1),
          ratioVsFdatasync: round(ratio, 3),
          ratioVsFsync: round(ours / rate('rawFsync'), 3),
          oursLatencyMs: oursLatency,
          nonSyncCostPerCommitMs: round(overheadMs, 3),
          rawSyncMeanMs: round(rawMs, 3),
          expectedRatioIfAdditive: round(rawMs / (rawMs + overheadMs), 3),
          nonSyncBudgetForTargetMs: round(rawMs * (1 / TARGET_RATIO - 1), 3),
          oursLatencyByOperationP50Ms: Object.fromEntries(
            [...perOp].map(([op, l]) => [op, round(percentile(l, 50), 3)]),
          ),
          rawFdatasyncLatencyMs: latencyMs(tallies.rawFdatasync),
          rawFsyncLatencyMs: latencyMs(tallies.rawFsync),
          commitBudgetMs: COMMIT_BUDGET_MS,
          withinBudgetAtP99: oursLatency.p99 <= COMMIT_BUDGET_MS,
          commitsCounted: tallies.ours.count,
          secondsPerMethod: round(tallies.ours.ms / 1000, 1),
          interleaving: `${rounds} rounds of ${SLICE_MS} ms slices, order rotated, after ${WARMUP_MS} ms warm-up each`,
          journalSource: source,
          oursNoSync:
            'diagnostic: the same journal code on a second file with synchronous=OFF (no sync per commit)',
          ours: 'openJournal (WAL, synchronous=FULL) + PaymentJournal; one transaction per call, cycling create → startCollecting → recordEscrow → recordStacked → captureFunds (1 note of 100 yuan)',
          raw: `append ${RECORD_BYTES}-byte record (fs.writeSync) + fs.fdatasyncSync, and the same with fs.fsyncSync, to files beside the journal`,
          dir,
          filesystem: mount,
        },
      };
    } finally {
      for (const m of Object.values(methods)) m.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
