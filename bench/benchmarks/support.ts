// Helpers shared by P1–P3: scratch directories, the mount a path lives on, percentiles, a
// seeded random source and the cash-payment steps the host's session actors perform.
import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { PaymentJournal, PaymentRow } from '../../offline-queue/payment-journal';
import { cashPaymentRequest } from '../../src/host/payment-request';
import { businessDay } from '../../src/time/shanghai';

/** A fresh scratch directory under `base` (default: the OS temp dir). */
export function scratchDir(prefix: string, base: string = tmpdir()): string {
  return mkdtempSync(path.join(base, prefix));
}

/** The /proc/mounts entry (longest mount point prefix) holding `file`. */
export function mountOf(file: string): { device: string; mountPoint: string; fsType: string } {
  const real = realpathSync(file);
  let best = { device: '?', mountPoint: '/', fsType: '?' };
  for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
    const [device, mountPoint, fsType] = line.split(' ');
    if (!device || !mountPoint || !fsType) continue;
    const inside = mountPoint === '/' || real === mountPoint || real.startsWith(`${mountPoint}/`);
    if (inside && mountPoint.length >= best.mountPoint.length) {
      best = { device, mountPoint, fsType };
    }
  }
  return best;
}

/** The q-th percentile (0–100) of `values`, nearest rank; NaN for none. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** How busy the machine was: other work on it skews every figure here. */
export function machineLoad(): { loadAverage1m: number; loadAverage5m: number; cpus: number } {
  const [one = 0, five = 0] = loadavg();
  return { loadAverage1m: round(one), loadAverage5m: round(five), cpus: cpus().length };
}

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** A small seeded generator (xorshift32) in [0, 1), so a run can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

/** A positive (or, with allowZero, non-negative) number from the environment, or the default. */
export function envNumber(name: string, fallback: number, allowZero = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !allowZero)) {
    throw new Error(`${name}=${raw} is not a ${allowZero ? 'non-negative' : 'positive'} number`);
  }
  return n;
}

/** CNY banknotes in fen, largest first. */
const NOTES = [10_000, 5_000, 2_000, 1_000, 500, 100] as const;

/** The notes a customer feeds until `collected ≥ due`, and at least one note. */
export function notesFor(due: number): number[] {
  const notes: number[] = [];
  let collected = 0;
  do {
    const left = due - collected;
    const note = NOTES.find((n) => n <= left) ?? 100;
    notes.push(note);
    collected += note;
  } while (collected < due);
  return notes;
}

export interface CashPayment {
  terminalId: string;
  billerId: string;
  account: string;
  quoteId: string;
  quoteJson: string;
  amountDue: number;
  notes: readonly number[];
}

/**
 * One cash payment through the journal as the host's session actors do it: create and start
 * collecting, escrow then stack each note, and capture funds with the request body the host
 * builds (src/host/session-actors.ts, payment-request.ts). 3 + 2 × notes commits.
 */
export function captureCashPayment(
  journal: PaymentJournal,
  now: number,
  p: CashPayment,
): PaymentRow {
  const row = journal.create({
    terminalId: p.terminalId,
    businessDay: businessDay(now),
    billerId: p.billerId,
    account: p.account,
    quoteId: p.quoteId,
    quoteJson: p.quoteJson,
    amountDue: p.amountDue,
    acceptsOverpayment: true,
    method: 'cash',
  });
  journal.startCollecting(row.id);
  for (const value of p.notes) journal.recordStacked(row.id, journal.recordEscrow(row.id, value));
  return journal.captureFunds(row.id, cashPaymentRequest(journal, journal.get(row.id), now));
}
