// The end of the crash loop: the journal (opened read-only, the host stopped) against the
// gateway simulator's word over its signed HTTP API, fen for fen. Returns every violation found
// (empty when the ledger holds) and the figures for the summary line.
import Database from 'better-sqlite3';
import { z } from 'zod';
import { PaymentResult, ReconciliationResponse } from '../../src/gateway/contract';
import { signedFetch } from '../sim/signed-fetch';
import { TERMINAL_ID } from './crash-protocol';

/** States the gateway has written off (the kiosk's later bookkeeping states included). */
const WRITTEN_OFF = ['WRITTEN_OFF', 'RECEIPTED', 'RECONCILED'];
/** States a payment may rest in once recovery has run and the sync worker has drained. */
const SETTLED = [...WRITTEN_OFF, 'ABANDONED', 'MANUAL_REFUND', 'PREPAID_CREDITED'];

interface Payment {
  id: number;
  serial: string;
  state: string;
  collected: number;
  requestJson: string | null;
  billerTxnId: string | null;
  rejectCode: string | null;
  writtenOffDay: string | null;
  /** Re-applied money (a refused write-off paid again under a new serial): whose notes these are. */
  replacesPaymentId: number | null;
}

interface Note {
  id: number;
  paymentId: number;
  value: number;
  state: string;
}

interface StaffRow {
  kind: string;
  paymentId: number | null;
  amount: number;
  detail: string | null;
}

export interface LedgerFigures {
  payments: number;
  writtenOff: { count: number; total: number };
  refunds: { count: number; total: number };
  abandoned: number;
  cashBox: number;
  notes: { stacked: number; returned: number; unknown: number };
  gateway: { count: number; total: number; days: string[] };
  states: Record<string, number>;
}

export interface LedgerReport {
  violations: string[];
  figures: LedgerFigures;
}

const SimPaymentStats = z.object({
  payments: z.record(
    z.string(),
    z.object({ commits: z.number(), conflicts: z.number(), stored: z.string().nullable() }),
  ),
});

export async function checkLedger(o: {
  journalPath: string;
  gatewayUrl: string;
  /** Business days (YYYY-MM-DD) the loop ran on, by the clock. */
  days: string[];
}): Promise<LedgerReport> {
  const violations: string[] = [];
  const v = (m: string) => violations.push(m);
  const db = new Database(o.journalPath, { readonly: true, fileMustExist: true });
  try {
    // --- the file itself
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') v(`PRAGMA integrity_check: ${String(integrity)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) v(`PRAGMA foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);

    const columns = (db.pragma('table_info(payment)') as { name: string }[]).map((c) => c.name);
    const replaces = columns.includes('replaces_payment_id') ? 'replaces_payment_id' : 'NULL';
    const payments = db
      .prepare(
        `SELECT id, agent_serial AS serial, state, collected, request_json AS requestJson,
         biller_txn_id AS billerTxnId, reject_code AS rejectCode, written_off_day AS writtenOffDay,
         ${replaces} AS replacesPaymentId
         FROM payment ORDER BY id`,
      )
      .all() as Payment[];
    const notes = db
      .prepare('SELECT id, payment_id AS paymentId, value, state FROM cash_note ORDER BY id')
      .all() as Note[];
    const staff = db
      .prepare(
        'SELECT kind, payment_id AS paymentId, amount, detail_json AS detail FROM staff_item',
      )
      .all() as StaffRow[];
    const cashBox = db.prepare('SELECT note_id AS noteId, value FROM cash_box').all() as {
      noteId: number;
      value: number;
    }[];
    const openOutbox = db
      .prepare('SELECT payment_id AS paymentId FROM outbox WHERE done_at IS NULL')
      .all() as { paymentId: number }[];
    const counters = db.prepare('SELECT day, last FROM serial_counter').all() as {
      day: string;
      last: number;
    }[];
    const events = db
      .prepare(
        `SELECT payment_id AS paymentId, from_state AS fromState, to_state AS toState
         FROM payment_event WHERE to_state IS NOT NULL ORDER BY id`,
      )
      .all() as { paymentId: number; fromState: string | null; toState: string }[];

    const bySerial = new Map(payments.map((p) => [p.serial, p]));
    const stackedOf = new Map<number, number>();
    for (const n of notes) {
      if (n.state === 'stacked')
        stackedOf.set(n.paymentId, (stackedOf.get(n.paymentId) ?? 0) + n.value);
    }

    // --- every payment is settled, and its own figures add up
    for (const p of payments) {
      const tag = `${p.serial} (payment ${p.id}, ${p.state}, collected ${p.collected})`;
      if (!SETTLED.includes(p.state)) v(`${tag}: left unsettled after recovery and sync`);
      // Re-applied money is tendered with the notes of the payment that took them.
      const notesOf = p.replacesPaymentId ?? p.id;
      if (p.collected !== (stackedOf.get(notesOf) ?? 0)) {
        v(
          `${tag}: collected ≠ the stacked notes of payment ${notesOf} (${stackedOf.get(notesOf) ?? 0})`,
        );
      }
      if (p.state === 'PREPAID_CREDITED') {
        const root = p.replacesPaymentId ?? p.id;
        const next = payments.filter((q) => q.id > p.id && q.replacesPaymentId === root);
        if (next.length === 0) v(`${tag}: prepaid-credited cash, but no payment re-applies it`);
      }
      if (p.state === 'ABANDONED' && (p.collected !== 0 || p.requestJson !== null)) {
        v(`${tag}: abandoned with money or a write-off body`);
      }
      if (p.requestJson !== null) {
        const amount = (JSON.parse(p.requestJson) as { amount: number }).amount;
        if (amount !== p.collected) v(`${tag}: write-off body says ${amount}`);
      }
      if (p.state === 'MANUAL_REFUND') {
        const slips = staff.filter((s) => s.kind === 'cash_refund' && s.paymentId === p.id);
        if (slips.length !== 1 || slips[0]?.amount !== p.collected) {
          v(`${tag}: refund slips ${JSON.stringify(slips)}`);
        }
        if (p.rejectCode === null) v(`${tag}: refunded without a rejection code`);
      }
    }

    // --- event log: every state change follows the previous one, and ends at the row's state
    const lastState = new Map<number, string>();
    for (const e of events) {
      const prev = lastState.get(e.paymentId) ?? null;
      if (e.fromState !== prev) {
        v(`payment ${e.paymentId}: event ${e.fromState} → ${e.toState} after ${prev}`);
      }
      lastState.set(e.paymentId, e.toState);
    }
    for (const p of payments) {
      if (lastState.get(p.id) !== p.state) {
        v(`${p.serial}: state ${p.state}, but its events end at ${lastState.get(p.id)}`);
      }
    }

    // --- serials: per day exactly 1..last, each once
    for (const c of counters) {
      const seqs = payments
        .filter((p) => p.serial.startsWith(`${TERMINAL_ID}-${c.day}-`))
        .map((p) => Number(p.serial.slice(-6)))
        .sort((a, b) => a - b);
      const contiguous = seqs.length === c.last && seqs.every((n, i) => n === i + 1);
      if (!contiguous) v(`serials of ${c.day}: counter at ${c.last}, payments ${seqs.length}`);
    }

    // --- notes and the cash box
    for (const n of notes) {
      if (n.state === 'escrowed') v(`note ${n.id} (payment ${n.paymentId}) still in escrow`);
      if (n.state === 'unknown') {
        const reviews = staff.filter(
          (s) =>
            s.kind === 'note_review' &&
            s.paymentId === n.paymentId &&
            s.amount === n.value &&
            s.detail !== null &&
            (JSON.parse(s.detail) as { noteId?: number }).noteId === n.id,
        );
        if (reviews.length !== 1) v(`unknown note ${n.id}: ${reviews.length} note_review items`);
      }
    }
    const stackedIds = new Set(notes.filter((n) => n.state === 'stacked').map((n) => n.id));
    const boxTotal = cashBox.reduce((s, b) => s + b.value, 0);
    // Money re-applied under a new serial is counted once, with the payment that holds it now.
    const collectedTotal = payments
      .filter((p) => p.state !== 'PREPAID_CREDITED')
      .reduce((s, p) => s + p.collected, 0);
    if (boxTotal !== collectedTotal) v(`cash box ${boxTotal} ≠ Σ collected ${collectedTotal}`);
    if (cashBox.length !== stackedIds.size || cashBox.some((b) => !stackedIds.has(b.noteId))) {
      v(`cash box rows (${cashBox.length}) ≠ stacked notes (${stackedIds.size})`);
    }
    if (openOutbox.length > 0) {
      v(`outbox rows still open for payments ${openOutbox.map((r) => r.paymentId).join(', ')}`);
    }

    // --- the gateway's word on every journal payment
    for (const p of payments) {
      const tag = `${p.serial} (${p.state}, collected ${p.collected})`;
      const res = await signedFetch(o.gatewayUrl, 'GET', `/v1/payments/${p.serial}`);
      if (WRITTEN_OFF.includes(p.state)) {
        if (res.status !== 200) {
          v(`${tag}: written off in the journal, gateway answers ${res.status}`);
          continue;
        }
        const r = PaymentResult.parse(res.body);
        const amount = r.principalCharged + r.lateFeeCharged + r.prepaidCredited;
        if (r.status !== 'written_off') v(`${tag}: gateway status ${r.status}`);
        if (amount !== p.collected) v(`${tag}: gateway wrote off ${amount}`);
        if (p.billerTxnId !== null && p.billerTxnId !== r.billerTxnId) {
          v(`${tag}: billerTxnId ${p.billerTxnId} ≠ gateway ${r.billerTxnId}`);
        }
      } else if (res.status !== 404) {
        v(
          `${tag}: not written off in the journal, gateway answers ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
    }

    // --- every gateway record of this terminal, day by day: in the journal, same amount, once
    const days = new Set(o.days);
    for (const p of payments) {
      if (p.writtenOffDay) days.add(p.writtenOffDay);
      const d = p.serial.slice(TERMINAL_ID.length + 1, TERMINAL_ID.length + 9);
      days.add(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`);
    }
    const seen = new Set<string>();
    let gwCount = 0;
    let gwTotal = 0;
    for (const day of [...days].sort()) {
      const res = await signedFetch(o.gatewayUrl, 'GET', `/v1/reconciliation/${day}`);
      if (res.status !== 200) {
        v(`reconciliation ${day}: HTTP ${res.status}`);
        continue;
      }
      const rec = ReconciliationResponse.parse(res.body);
      gwCount += rec.count;
      gwTotal += rec.total;
      for (const r of rec.records) {
        if (seen.has(r.agentSerial)) v(`gateway: ${r.agentSerial} appears twice`);
        seen.add(r.agentSerial);
        const p = bySerial.get(r.agentSerial);
        if (r.status !== 'written_off') v(`gateway: ${r.agentSerial} is ${r.status}`);
        if (!p) v(`gateway: ${r.agentSerial} (${r.amount}) has no journal payment (短款)`);
        else if (!WRITTEN_OFF.includes(p.state)) {
          v(`gateway: ${r.agentSerial} (${r.amount}) is ${p.state} in the journal`);
        } else if (r.amount !== p.collected) {
          v(`gateway: ${r.agentSerial} ${r.amount} ≠ journal ${p.collected}`);
        }
      }
    }
    const written = payments.filter((p) => WRITTEN_OFF.includes(p.state));
    const writtenTotal = written.reduce((s, p) => s + p.collected, 0);
    if (gwCount !== written.length || gwTotal !== writtenTotal) {
      v(
        `gateway ${gwCount} payments / ${gwTotal} fen ≠ journal ${written.length} / ${writtenTotal}`,
      );
    }

    // --- the simulator's own counters, when it has them: one commit per serial, no conflicts
    const stats = await fetch(new URL('/__sim/stats', o.gatewayUrl)).catch(() => null);
    if (stats?.status === 200) {
      const parsed = SimPaymentStats.safeParse(await stats.json());
      if (parsed.success) {
        for (const [serial, s] of Object.entries(parsed.data.payments)) {
          if (s.commits > 1 || s.conflicts > 0) {
            v(`gateway stats: ${serial} committed ${s.commits}×, ${s.conflicts} serial conflicts`);
          }
          const p = bySerial.get(serial);
          if (!p) v(`gateway stats: ${serial} is not in the journal`);
          else if (s.stored === 'rejected' && p.state !== 'MANUAL_REFUND') {
            v(`gateway stats: ${serial} was rejected, the journal has it ${p.state}`);
          }
        }
      }
    }

    const refunds = payments.filter((p) => p.state === 'MANUAL_REFUND');
    const states: Record<string, number> = {};
    for (const p of payments) states[p.state] = (states[p.state] ?? 0) + 1;
    const count = (s: string) => notes.filter((n) => n.state === s).length;
    // Conservation: every fen in the box is written off or on a refund slip.
    const refundTotal = refunds.reduce((s, p) => s + p.collected, 0);
    if (boxTotal !== gwTotal + refundTotal) {
      v(`cash box ${boxTotal} ≠ written off ${gwTotal} + refund slips ${refundTotal}`);
    }
    return {
      violations,
      figures: {
        payments: payments.length,
        writtenOff: { count: written.length, total: writtenTotal },
        refunds: { count: refunds.length, total: refundTotal },
        abandoned: payments.filter((p) => p.state === 'ABANDONED').length,
        cashBox: boxTotal,
        notes: {
          stacked: count('stacked'),
          returned: count('returned'),
          unknown: count('unknown'),
        },
        gateway: { count: gwCount, total: gwTotal, days: [...days].sort() },
        states,
      },
    };
  } finally {
    db.close();
  }
}
