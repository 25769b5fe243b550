// The journal against the physical truth, note by note. The acceptor holds one note at a time
// and the journal records each note when it is in the acceptor (a cash_note at escrow, or an
// unattributed stray when it is reported), so the journal's note records, in order, pair off
// with the notes the customers put in: each physical note has exactly one record, and that
// record agrees with where the note is. Strays attributed to a journalled note are evidence on
// that note's record, not records of their own.
import type { StrayNote } from '../../drivers/bill-acceptor/bill-acceptor';
import type { StrayAttribution } from '../../offline-queue/cash-box';
import type { JournalDb } from '../../offline-queue/open-journal';
import type { PhysicalNote } from './cash-evidence-rig';

interface NoteRecord {
  kind: 'note';
  id: number;
  paymentId: number;
  value: number;
  state: string;
  order: [number, number, number];
}
interface StrayRecord {
  kind: 'stray';
  id: number;
  value: number | null;
  outcome: string;
  inBox: number;
  order: [number, number, number];
}
type NoteRecordRow = Omit<NoteRecord, 'kind' | 'order'>;
type StrayRow = Omit<StrayRecord, 'kind' | 'order'> & {
  noteId: number | null;
  afterNoteId: number | null;
};

export interface EvidenceReport {
  violations: string[];
  /** Notes in the box by the device's count that the journal could only put under review. */
  maybeInBox: number;
  ledgerCount: number;
}

export function checkEvidence(
  db: JournalDb,
  physical: readonly PhysicalNote[],
  reports: readonly { note: StrayNote; result: StrayAttribution }[],
  deviceStacked: number,
): EvidenceReport {
  const violations: string[] = [];
  const v = (m: string) => violations.push(m);
  const notes = db
    .prepare(`SELECT id, payment_id AS paymentId, value, state FROM cash_note ORDER BY id`)
    .all() as NoteRecordRow[];
  const strays = db
    .prepare(
      `SELECT id, note_id AS noteId, value, outcome, in_box AS inBox, after_note_id AS afterNoteId
         FROM stray_note ORDER BY id`,
    )
    .all() as StrayRow[];
  const box = db
    .prepare(
      `SELECT note_id AS noteId, stray_id AS strayId, value FROM cash_box WHERE collection_id IS NULL`,
    )
    .all() as { noteId: number | null; strayId: number | null; value: number | null }[];
  const items = db
    .prepare(`SELECT detail_json AS detail FROM staff_item WHERE closed_at IS NULL`)
    .all() as { detail: string | null }[];
  const itemFor = { note: new Map<number, number>(), stray: new Map<number, number>() };
  for (const { detail } of items) {
    const d = JSON.parse(detail ?? '{}') as { noteId?: number; strayId?: number };
    if (d.noteId !== undefined) itemFor.note.set(d.noteId, (itemFor.note.get(d.noteId) ?? 0) + 1);
    if (d.strayId !== undefined)
      itemFor.stray.set(d.strayId, (itemFor.stray.get(d.strayId) ?? 0) + 1);
  }
  const boxOf = {
    note: new Map(box.filter((b) => b.noteId !== null).map((b) => [b.noteId, b])),
    stray: new Map(box.filter((b) => b.strayId !== null).map((b) => [b.strayId, b])),
  };

  // No record holds a value the device did not report: each stray row is its report, as given.
  const recorded = reports.filter((r) => r.result !== 'repeat');
  if (recorded.length !== strays.length)
    v(`${recorded.length} stray reports recorded, ${strays.length} stray rows`);
  // Strays the kiosk handed back itself at escrow (no payment taking notes) need no staff item.
  const refused = new Set<number>();
  strays.forEach((s, i) => {
    if (recorded[i]?.result === 'refused') refused.add(s.id);
    const r = recorded[i]?.note;
    if (r && (s.value !== r.value || s.outcome !== r.outcome || s.inBox !== (r.inBox ? 1 : 0)))
      v(`stray ${s.id} ${JSON.stringify(s)} is not what the device reported ${JSON.stringify(r)}`);
  });

  const records: (NoteRecord | StrayRecord)[] = [
    ...notes.map((n) => ({
      kind: 'note' as const,
      ...n,
      order: [n.id, 0, 0] as [number, number, number],
    })),
    ...strays
      .filter((s) => s.noteId === null)
      .map(({ noteId: _, afterNoteId, ...s }) => ({
        kind: 'stray' as const,
        ...s,
        order: [afterNoteId ?? 0, 1, s.id] as [number, number, number],
      })),
  ].sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]);

  if (records.length !== physical.length) {
    v(`${physical.length} notes put in, ${records.length} note records in the journal`);
  }
  let maybeInBox = 0;
  let boxRowsOfStacked = 0;
  records.forEach((rec, i) => {
    const note = physical[i];
    if (!note) return;
    const tag = `note ${i} (${note.value} fen, ${note.fate}) ↔ ${rec.kind} ${rec.id}`;
    if (rec.kind === 'note') {
      const evidence = strays.filter((s) => s.noteId === rec.id);
      const row = boxOf.note.get(rec.id);
      if (rec.value !== note.value) v(`${tag}: journalled as ${rec.value} fen`);
      for (const s of evidence) {
        if (s.value !== null && s.value !== rec.value)
          v(`${tag}: attributed stray ${s.id} of ${s.value} fen`);
      }
      if (row && row.value !== rec.value) v(`${tag}: its box row says ${row.value} fen`);
      if (row && note.fate !== 'stacked') v(`${tag}: in the box ledger, but ${note.fate}`);
      if (row) boxRowsOfStacked++;
      switch (rec.state) {
        case 'stacked':
          if (note.fate !== 'stacked' || !row) v(`${tag}: credited, box row ${Boolean(row)}`);
          break;
        case 'returned':
          if (note.fate !== 'returned') v(`${tag}: journalled returned`);
          break;
        case 'unknown':
          if (itemFor.note.get(rec.id) !== 1)
            v(`${tag}: unknown with ${itemFor.note.get(rec.id) ?? 0} review items`);
          if (evidence.some((s) => s.outcome === 'returned') && note.fate !== 'returned')
            v(`${tag}: evidence says handed back`);
          if (evidence.some((s) => s.inBox === 1) && !row) v(`${tag}: evidence says in the box`);
          if (!row && note.fate === 'stacked') maybeInBox++;
          break;
        default:
          v(`${tag}: left ${rec.state}`);
      }
    } else {
      const row = boxOf.stray.get(rec.id);
      if (rec.value !== null && rec.value !== note.value) v(`${tag}: recorded as ${rec.value} fen`);
      const itemsWanted = refused.has(rec.id) ? 0 : 1;
      if ((itemFor.stray.get(rec.id) ?? 0) !== itemsWanted)
        v(`${tag}: ${itemFor.stray.get(rec.id) ?? 0} staff items`);
      if (refused.has(rec.id) && note.fate !== 'returned') v(`${tag}: refused, but ${note.fate}`);
      if ((rec.inBox === 1) !== Boolean(row))
        v(`${tag}: in_box ${rec.inBox}, box row ${Boolean(row)}`);
      if (rec.inBox === 1 && note.fate !== 'stacked') v(`${tag}: in the box, but ${note.fate}`);
      if (rec.outcome === 'returned' && note.fate !== 'returned')
        v(`${tag}: returned, but ${note.fate}`);
      if (row) boxRowsOfStacked++;
      if (!row && rec.outcome === 'uncertain' && note.fate === 'stacked') maybeInBox++;
    }
  });

  // The box ledger is the acceptor's count, less only the notes staff must count themselves.
  if (box.length !== boxRowsOfStacked) v(`${box.length - boxRowsOfStacked} box rows of no note`);
  if (box.length + maybeInBox !== deviceStacked) {
    v(`box ledger ${box.length} + ${maybeInBox} under review ≠ ${deviceStacked} in the acceptor`);
  }

  const short = db
    .prepare(
      `SELECT p.id, p.collected,
              (SELECT coalesce(sum(value), 0) FROM cash_note n
                WHERE n.payment_id = p.id AND n.state = 'stacked') AS stacked
         FROM payment p WHERE p.collected <> stacked`,
    )
    .all();
  if (short.length > 0)
    v(`payments credited other than their stacked notes: ${JSON.stringify(short)}`);
  return { violations, maybeInBox, ledgerCount: box.length };
}
