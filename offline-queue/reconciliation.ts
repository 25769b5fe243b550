// Daily reconciliation (对账): the journal against the gateway's view of one business day.
// Matching payments become RECONCILED; write-offs the kiosk had not yet confirmed are settled
// from the gateway's word; every difference becomes a DISCREPANCY and a staff item:
// 长款 (cash over: the kiosk holds money the gateway did not write off) or
// 短款 (cash short: the gateway wrote off money this kiosk has no record of taking).
import type { JournalDb } from './open-journal';
import type { Outbox } from './outbox';
import { canTransition, PENDING_SYNC_STATES, type PaymentState } from './payment-states';
import type { PaymentJournal, PaymentRow } from './payment-journal';
import type { StaffItems } from './staff-items';

export interface GatewayDay {
  date: string;
  count: number;
  total: number;
  records: {
    agentSerial: string;
    amount: number;
    status: 'written_off' | 'reversed';
    writtenOffAt: string;
  }[];
}

export type DifferenceKind =
  | 'kiosk_only'
  | 'gateway_only'
  | 'amount_mismatch'
  | 'reversed_at_gateway'
  | 'written_off_after_refund';

export interface Difference {
  kind: DifferenceKind;
  /** 长款 (cash over) or 短款 (cash short), as staff know them. */
  label: '长款' | '短款';
  agentSerial: string;
  kioskAmount: number;
  gatewayAmount: number;
}

const SETTLED_KIOSK: readonly PaymentState[] = ['WRITTEN_OFF', 'RECEIPTED'];
const REFUNDED_KIOSK: readonly PaymentState[] = [
  'REFUND_REQUIRED',
  'MANUAL_REFUND',
  'REFUNDED',
  'PREPAID_CREDITED',
];

export function reconcileDay(o: {
  db: JournalDb;
  journal: PaymentJournal;
  outbox: Outbox;
  staff: StaffItems;
  day: string;
  gateway: GatewayDay;
  clock?: () => number;
}): { matched: number; differences: Difference[] } {
  const { db, journal, staff, day, gateway } = o;
  const now = (o.clock ?? Date.now)();
  return db.transaction(() => {
    // A day is reconciled once; running it again changes nothing and reports nothing new.
    if (db.prepare(`SELECT 1 FROM reconciliation_run WHERE day = ?`).get(day)) {
      return { matched: 0, differences: [] };
    }
    const differences: Difference[] = [];
    let matched = 0;
    const seen = new Set<string>();
    const differ = (p: PaymentRow | null, d: Difference) => {
      differences.push(d);
      if (p) journal.move(p.id, 'DISCREPANCY', 'reconciliation_difference', d);
      staff.open({
        kind: 'discrepancy',
        paymentId: p?.id ?? null,
        amount: Math.abs(d.kioskAmount - d.gatewayAmount),
        reason: d.kind,
        detail: d,
      });
    };

    for (const r of gateway.records) {
      seen.add(r.agentSerial);
      const p = journal.bySerial(r.agentSerial);
      if (!p) {
        if (r.status === 'written_off') {
          differ(null, {
            kind: 'gateway_only',
            label: '短款',
            agentSerial: r.agentSerial,
            kioskAmount: 0,
            gatewayAmount: r.amount,
          });
        }
        continue;
      }
      if (REFUNDED_KIOSK.includes(p.state) && r.status === 'written_off') {
        // The kiosk handed this money back, yet the gateway wrote it off: staff must know.
        const d: Difference = {
          kind: 'written_off_after_refund',
          label: '短款',
          agentSerial: r.agentSerial,
          kioskAmount: 0,
          gatewayAmount: r.amount,
        };
        differences.push(d);
        staff.open({
          kind: 'discrepancy',
          paymentId: p.id,
          amount: r.amount,
          reason: d.kind,
          detail: d,
        });
        continue;
      }
      if (
        canTransition(p.state, 'WRITTEN_OFF') &&
        PENDING_SYNC_STATES.includes(p.state) &&
        r.status === 'written_off'
      ) {
        // The gateway's word settles a write-off whose reply never arrived.
        journal.recordWrittenOffByReconciliation(p.id, day);
        o.outbox.closeForPayment(p.id, now);
      }
      const row = journal.get(p.id);
      if (!SETTLED_KIOSK.includes(row.state)) continue;
      if (r.status === 'reversed') {
        differ(row, {
          kind: 'reversed_at_gateway',
          label: '长款',
          agentSerial: r.agentSerial,
          kioskAmount: row.collected,
          gatewayAmount: 0,
        });
      } else if (r.amount !== row.collected) {
        const label = row.collected > r.amount ? '长款' : '短款';
        differ(row, {
          kind: 'amount_mismatch',
          label,
          agentSerial: r.agentSerial,
          kioskAmount: row.collected,
          gatewayAmount: r.amount,
        });
      } else {
        journal.move(row.id, 'RECONCILED', 'reconciled', { day });
        matched++;
      }
    }

    for (const p of journal.writtenOffOn(day)) {
      if (seen.has(p.agentSerial) || !SETTLED_KIOSK.includes(p.state)) continue;
      differ(p, {
        kind: 'kiosk_only',
        label: '长款',
        agentSerial: p.agentSerial,
        kioskAmount: p.collected,
        gatewayAmount: 0,
      });
    }

    const kiosk = journal.dayTotals(day);
    db.prepare(
      `INSERT INTO reconciliation_run(day, at, gateway_count, gateway_total, kiosk_count, kiosk_total, differences)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(day, now, gateway.count, gateway.total, kiosk.count, kiosk.total, differences.length);
    return { matched, differences };
  })();
}

/** Business days before `today` that still need a reconciliation run. */
export function daysToReconcile(db: JournalDb, today: string, yesterday: string): string[] {
  const rows = db
    .prepare(
      `SELECT day FROM (
         SELECT written_off_day AS day FROM payment WHERE written_off_day IS NOT NULL
         UNION SELECT date(collected_at / 1000 + 8 * 3600, 'unixepoch') FROM payment WHERE collected_at IS NOT NULL
         UNION SELECT ?
       ) WHERE day < ? AND day NOT IN (SELECT day FROM reconciliation_run) ORDER BY day`,
    )
    .all(yesterday, today) as { day: string }[];
  return rows.map((r) => r.day);
}
