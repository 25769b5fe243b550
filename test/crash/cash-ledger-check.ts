// The end of the cash crash loop: the journal (read-only, the host stopped) against the
// acceptor emulator's own count of the notes that reached its box. Returns every violation and
// the figures for the summary.
import Database from 'better-sqlite3';
import { REFUSED_AT_ESCROW } from '../../offline-queue/stray-evidence';
import type { AcceptorState } from '../../sim/control/acceptor-protocol';

/** States a payment may rest in once recovery has run and the sync worker has drained. */
const SETTLED = [
  'WRITTEN_OFF',
  'RECEIPTED',
  'RECONCILED',
  'ABANDONED',
  'MANUAL_REFUND',
  'PREPAID_CREDITED',
];

export interface CashFigures {
  payments: { cash: number; states: Record<string, number> };
  notes: Record<string, number>;
  cashBox: { count: number; total: number; byValue: Record<string, number> };
  emulator: { stacked: number; byValue: Record<string, number>; returned: number };
  strays: Record<string, number>;
  noteReviews: number;
}

const byValue = (values: readonly number[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
};
const sameCounts = (a: Record<string, number>, b: Record<string, number>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
const show = (r: Record<string, number>) =>
  Object.entries(r)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([v, n]) => `${Number(v) / 100}×${n}`)
    .join(' ') || 'none';

export function checkCashLedger(journalPath: string, emulator: AcceptorState) {
  const violations: string[] = [];
  const v = (m: string) => violations.push(m);
  const db = new Database(journalPath, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') v(`PRAGMA integrity_check: ${String(integrity)}`);
    const all = <T>(sql: string) => db.prepare(sql).all() as T[];

    // A row is a journalled note's, or (note_id NULL) a stray note's no journalled note could be.
    const box = all<{ noteId: number | null; strayId: number | null; value: number | null }>(
      'SELECT note_id AS noteId, stray_id AS strayId, value FROM cash_box',
    );
    const noteRows = box.filter((b): b is typeof b & { noteId: number } => b.noteId !== null);
    const strayRows = box.filter((b) => b.strayId !== null);
    const notes = all<{ id: number; paymentId: number; value: number; state: string }>(
      'SELECT id, payment_id AS paymentId, value, state FROM cash_note',
    );
    const noteById = new Map(notes.map((n) => [n.id, n]));

    // (a) every note the acceptor stacked is in the cash box ledger, once, by value.
    const emulatorByValue = byValue(emulator.log.stacked);
    if (!sameCounts(emulatorByValue, emulator.counters.byValue)) {
      v(
        `harness: emulator events ${show(emulatorByValue)} ≠ its counters ${show(emulator.counters.byValue)}`,
      );
    }
    const boxByValue: Record<string, number> = {};
    for (const r of all<{ value: number; n: number }>(
      'SELECT value, count(*) AS n FROM cash_box WHERE value IS NOT NULL GROUP BY value',
    )) {
      boxByValue[String(r.value)] = r.n;
    }
    // A stray of a value the device never said stands for any one note the acceptor stacked.
    const unknownValue = box.filter((b) => b.value === null).length;
    const short = Object.entries(emulatorByValue).reduce(
      (n, [value, count]) => n + Math.max(0, count - (boxByValue[value] ?? 0)),
      0,
    );
    const over = Object.keys(boxByValue).some(
      (k) => (boxByValue[k] ?? 0) > (emulatorByValue[k] ?? 0),
    );
    if (over || short !== unknownValue) {
      v(
        `(a) cash box ${show(boxByValue)} + ${unknownValue} of no known value ≠ notes the acceptor stacked ${show(emulatorByValue)}`,
      );
    }

    // (b) no note credited twice.
    const boxNoteIds = new Set(noteRows.map((b) => b.noteId));
    if (boxNoteIds.size !== noteRows.length) v(`(b) cash_box holds a note_id twice`);
    for (const b of noteRows) {
      const n = noteById.get(b.noteId);
      if (!n) v(`(b) cash_box row for note ${b.noteId}, which the journal does not have`);
      else if (n.state !== 'stacked' && n.state !== 'unknown') {
        v(`(b) cash_box row for note ${n.id}, which is ${n.state}`);
      } else if (n.value !== b.value)
        v(`(b) note ${n.id} is ${n.value} fen, its box row ${b.value}`);
    }
    const stackedEvents = new Map<number, number>();
    for (const e of all<{ data: string | null }>(
      `SELECT data_json AS data FROM payment_event WHERE type = 'note_stacked'`,
    )) {
      const noteId = (JSON.parse(e.data ?? '{}') as { noteId?: number }).noteId ?? -1;
      stackedEvents.set(noteId, (stackedEvents.get(noteId) ?? 0) + 1);
    }
    for (const n of notes) {
      const events = stackedEvents.get(n.id) ?? 0;
      if (n.state === 'stacked' && (events !== 1 || !boxNoteIds.has(n.id))) {
        v(
          `(b) stacked note ${n.id}: ${events} note_stacked events, in the box: ${boxNoteIds.has(n.id)}`,
        );
      }
      if (n.state !== 'stacked' && events > 0)
        v(`(b) ${n.state} note ${n.id} has a note_stacked event`);
    }

    // (c) customers were credited exactly the stacked notes; re-applied money counts once.
    const stackedTotal = notes
      .filter((n) => n.state === 'stacked')
      .reduce((s, n) => s + n.value, 0);
    const payments = all<{ id: number; state: string; collected: number; replaces: number | null }>(
      `SELECT id, state, collected, replaces_payment_id AS replaces FROM payment WHERE method = 'cash'`,
    );
    const collected = payments
      .filter((p) => p.replaces === null)
      .reduce((s, p) => s + p.collected, 0);
    if (stackedTotal !== collected) {
      v(`(c) stacked notes ${stackedTotal} fen ≠ Σ collected (not re-applied) ${collected} fen`);
    }
    const reviews = new Map<number, number>();
    for (const s of all<{ detail: string | null }>(
      `SELECT detail_json AS detail FROM staff_item WHERE kind = 'note_review'`,
    )) {
      const noteId = (JSON.parse(s.detail ?? '{}') as { noteId?: number }).noteId;
      if (noteId !== undefined) reviews.set(noteId, (reviews.get(noteId) ?? 0) + 1);
    }
    for (const n of notes) {
      if (n.state === 'escrowed') v(`(c) note ${n.id} (payment ${n.paymentId}) is still in escrow`);
      if (n.state === 'unknown' && !reviews.get(n.id))
        v(`(c) unknown note ${n.id} has no note_review`);
    }
    for (const p of payments) {
      if (!SETTLED.includes(p.state)) v(`payment ${p.id} left ${p.state} after the last drain`);
    }

    const states: Record<string, number> = {};
    for (const p of payments) states[p.state] = (states[p.state] ?? 0) + 1;
    const noteStates: Record<string, number> = {};
    for (const n of notes) noteStates[n.state] = (noteStates[n.state] ?? 0) + 1;
    const hasStrays = all<{ n: number }>(
      `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'stray_note'`,
    )[0]?.n;
    const strays: Record<string, number> = {};
    if (hasStrays) {
      for (const r of all<{ key: string; n: number }>(
        `SELECT outcome || CASE WHEN note_id IS NULL THEN '' ELSE '→note' END AS key, count(*) AS n
         FROM stray_note GROUP BY key`,
      )) {
        strays[r.key] = r.n;
      }
      checkStrays(all, strayRows, v);
    }
    const figures: CashFigures = {
      payments: { cash: payments.length, states },
      notes: noteStates,
      cashBox: {
        count: box.length,
        total: box.reduce((s, b) => s + (b.value ?? 0), 0),
        byValue: boxByValue,
      },
      emulator: {
        stacked: emulator.log.stacked.length,
        byValue: emulatorByValue,
        returned: emulator.log.returned.length,
      },
      strays,
      noteReviews: [...reviews.values()].reduce((s, n) => s + n, 0),
    };
    return { violations, figures };
  } finally {
    db.close();
  }
}

/**
 * (d) a stray note no journalled note could be is its own record: staff see it as its own item,
 * and it is in the box ledger exactly when the device said it was in the box.
 */
function checkStrays(
  all: <T>(sql: string) => T[],
  strayRows: readonly { strayId: number | null; value: number | null }[],
  v: (m: string) => void,
): void {
  const unattributed = all<{ id: number; value: number | null; inBox: number; reason: string }>(
    'SELECT id, value, in_box AS inBox, reason FROM stray_note WHERE note_id IS NULL',
  );
  const items = new Set<number>();
  for (const s of all<{ detail: string | null }>(
    `SELECT detail_json AS detail FROM staff_item WHERE kind = 'note_review' AND payment_id IS NULL`,
  )) {
    const strayId = (JSON.parse(s.detail ?? '{}') as { strayId?: number }).strayId;
    if (strayId !== undefined) items.add(strayId);
  }
  const boxed = new Map(strayRows.map((b) => [b.strayId, b]));
  for (const s of unattributed) {
    // A note the kiosk handed straight back at escrow needs no one (stray-evidence.ts).
    const refused = s.reason.startsWith(REFUSED_AT_ESCROW) && s.inBox === 0;
    if (!items.has(s.id) && !refused)
      v(`(d) unattributed stray ${s.id} has no staff item of its own`);
    if (items.has(s.id) && refused) v(`(d) stray ${s.id} was handed back, yet staff have an item`);
    const row = boxed.get(s.id);
    if ((s.inBox === 1) !== (row !== undefined))
      v(`(d) stray ${s.id} in the box: ${s.inBox === 1}, in the ledger: ${row !== undefined}`);
    if (row && row.value !== s.value)
      v(`(d) stray ${s.id} is ${s.value} fen, its box row ${row.value}`);
  }
  if (boxed.size > unattributed.filter((s) => s.inBox === 1).length)
    v(`(d) the ledger holds a stray that is attributed or not in the box`);
}

export { show as showByValue };
