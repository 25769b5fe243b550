// The journal's figures for the diagnostic bundle: counts and sums only, never a payment's
// account, holder, address, payment code or stored request. Read through the journal's own
// readers (pending write-offs, the cash box, open staff items) and, where no reader exists yet,
// two read-only queries (payments per state, the last reconciliation run). Nothing here writes.
import type { CashBox } from '../../offline-queue/cash-box';
import type { JournalDb } from '../../offline-queue/open-journal';
import type { PaymentJournal } from '../../offline-queue/payment-journal';
import { PAYMENT_STATES, type PaymentState } from '../../offline-queue/payment-states';
import type { StaffItemKind, StaffItems } from '../../offline-queue/staff-items';
import { shanghaiIso } from '../time/shanghai';

/** A count and its amount in fen. */
export interface CountTotal {
  count: number;
  total: number;
}

export interface JournalFigures {
  /** The journal's schema version (its migrations' user_version). */
  schemaVersion: number;
  /** Payments per state (every state, 0 included); `total` is the money collected, in fen. */
  paymentsByState: Record<PaymentState, CountTotal>;
  /** Write-offs waiting for the gateway; the oldest as business time (+08:00). */
  pendingSync: CountTotal & { oldestAt: string | null };
  /** Notes in the cash box by value (fen), and their total. */
  cashBox: { notes: Record<string, number>; total: number };
  /** Items waiting for staff, per kind, with their amounts. */
  openStaffItems: Record<StaffItemKind, CountTotal>;
  /** The last business day reconciled with the gateway, or null before the first run. */
  lastReconciliation: {
    day: string;
    at: string;
    gateway: CountTotal;
    kiosk: CountTotal;
    differences: number;
  } | null;
}

export interface JournalReaders {
  db: JournalDb;
  journal: Pick<PaymentJournal, 'pendingSync'>;
  cashBox: Pick<CashBox, 'contents'>;
  staffItems: Pick<StaffItems, 'openItems'>;
}

const STAFF_ITEM_KINDS: readonly StaffItemKind[] = ['cash_refund', 'discrepancy', 'note_review'];

export function readJournalFigures(r: JournalReaders): JournalFigures {
  const paymentsByState = Object.fromEntries(
    PAYMENT_STATES.map((s) => [s, { count: 0, total: 0 }]),
  ) as Record<PaymentState, CountTotal>;
  const rows = r.db
    .prepare(
      `SELECT state, count(*) AS count, coalesce(sum(collected), 0) AS total
         FROM payment GROUP BY state`,
    )
    .all() as { state: PaymentState; count: number; total: number }[];
  for (const row of rows) paymentsByState[row.state] = { count: row.count, total: row.total };

  const openStaffItems = Object.fromEntries(
    STAFF_ITEM_KINDS.map((k) => [k, { count: 0, total: 0 }]),
  ) as Record<StaffItemKind, CountTotal>;
  for (const item of r.staffItems.openItems()) {
    const figures = (openStaffItems[item.kind] ??= { count: 0, total: 0 });
    figures.count++;
    figures.total += item.amount;
  }

  const pending = r.journal.pendingSync();
  const run = r.db
    .prepare(
      `SELECT day, at, gateway_count AS gatewayCount, gateway_total AS gatewayTotal,
              kiosk_count AS kioskCount, kiosk_total AS kioskTotal, differences
         FROM reconciliation_run ORDER BY day DESC LIMIT 1`,
    )
    .get() as
    | {
        day: string;
        at: number;
        gatewayCount: number;
        gatewayTotal: number;
        kioskCount: number;
        kioskTotal: number;
        differences: number;
      }
    | undefined;

  const contents = r.cashBox.contents();
  return {
    schemaVersion: r.db.pragma('user_version', { simple: true }) as number,
    paymentsByState,
    pendingSync: {
      count: pending.count,
      total: pending.total,
      oldestAt: pending.oldestAt === null ? null : shanghaiIso(pending.oldestAt),
    },
    cashBox: { notes: { ...contents.notes }, total: contents.total },
    openStaffItems,
    lastReconciliation: run
      ? {
          day: run.day,
          at: shanghaiIso(run.at),
          gateway: { count: run.gatewayCount, total: run.gatewayTotal },
          kiosk: { count: run.kioskCount, total: run.kioskTotal },
          differences: run.differences,
        }
      : null,
  };
}
