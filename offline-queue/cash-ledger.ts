// The cash ledger: the only code that reads or writes the journal's cash tables — `cash_note`
// (each note seen in escrow and what became of it), `cash_box` (one row per note in the box),
// `stray_note` (note events of no escrow decision) and `cash_collection` (the technician's
// collections). It decides nothing and opens no transaction: the payment journal, the cash box
// and the stray evidence ask it inside their own transactions, so a note's row commits with the
// payment row and event that go with it.
import type { Statement } from 'better-sqlite3';
import type { JournalDb } from './open-journal';

/** The last journalled note, as the stray evidence weighs a report against it. */
export interface LatestNote {
  kind: 'note';
  id: number;
  paymentId: number;
  value: number;
  state: string;
  clearAt: number | null;
  boxed: number;
  /** The outcome of the last stray attributed to it, if any. */
  evidence: string | null;
}

/** The last unattributed stray, when it was recorded after the last journalled note. */
export interface LatestStray {
  kind: 'stray';
  id: number;
  value: number | null;
  outcome: string;
  inBox: number;
  clearAt: number | null;
}

/** A journalled note as staff review it (`boxed`: 1 when the box ledger holds it). */
export interface ReviewedNote {
  id: number;
  paymentId: number;
  value: number;
  state: string;
  escrowedAt: number;
  boxed: number;
}

/** A stray note as recorded (the device's words; a value only if it said one). */
export interface StrayRecord {
  value: number | null;
  outcome: 'stacked' | 'returned' | 'uncertain';
  reason: string;
  inBox: boolean;
}

/**
 * Notes in the box since the last collection. `unknownValue` of them are strays whose value
 * the device never said: counted, but in no `byValue` and not in `total`.
 */
export interface LiveBox {
  count: number;
  total: number;
  byValue: Record<number, number>;
  unknownValue: number;
}

export class CashLedger {
  /** Prepared once per SQL text (the connection also keeps one statement per text). */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: JournalDb) {}

  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  // --- Notes of payments (cash_note) --------------------------------------------------------

  /** A note is held in escrow for a payment; returns the note's id. */
  escrowNote(paymentId: number, value: number, at: number): number {
    const info = this.sql(
      `INSERT INTO cash_note(payment_id, value, state, escrowed_at) VALUES (?, ?, 'escrowed', ?)`,
    ).run(paymentId, value, at);
    return Number(info.lastInsertRowid);
  }

  /** A payment's note, whatever its state, or undefined if the payment has no such note. */
  noteOf(paymentId: number, noteId: number): { value: number; state: string } | undefined {
    return this.sql(`SELECT value, state FROM cash_note WHERE id = ? AND payment_id = ?`).get(
      noteId,
      paymentId,
    ) as { value: number; state: string } | undefined;
  }

  /** The note reached the acceptor's credit point: stacked, and counted in the box. */
  stackNote(noteId: number, value: number, at: number): void {
    this.sql(`UPDATE cash_note SET state = 'stacked', settled_at = ? WHERE id = ?`).run(at, noteId);
    this.boxNote(noteId, value, at);
  }

  /** The note in escrow went back to the customer. */
  returnNote(noteId: number, at: number): void {
    this.sql(`UPDATE cash_note SET state = 'returned', settled_at = ? WHERE id = ?`).run(
      at,
      noteId,
    );
  }

  /** The value of a payment's note while it is in escrow, or undefined if it is not. */
  escrowedValue(paymentId: number, noteId: number): number | undefined {
    const note = this.sql(
      `SELECT value FROM cash_note WHERE id = ? AND payment_id = ? AND state = 'escrowed'`,
    ).get(noteId, paymentId) as { value: number } | undefined;
    return note?.value;
  }

  /** Whether the note reached the box is unknown until staff count it. */
  markNoteUnknown(noteId: number, at: number): void {
    this.sql(`UPDATE cash_note SET state = 'unknown', settled_at = ? WHERE id = ?`).run(at, noteId);
  }

  /** When the payment's last note reached the box, or null if none did. */
  lastStackedAt(paymentId: number): number | null {
    const row = this.sql(
      `SELECT max(settled_at) AS at FROM cash_note WHERE payment_id = ? AND state = 'stacked'`,
    ).get(paymentId) as { at: number | null };
    return row.at;
  }

  escrowedNotes(paymentId: number): { id: number; value: number }[] {
    return this.sql(
      `SELECT id, value FROM cash_note WHERE payment_id = ? AND state = 'escrowed' ORDER BY id`,
    ).all(paymentId) as { id: number; value: number }[];
  }

  notesInEscrow(paymentId: number): number {
    const row = this.sql(
      `SELECT count(*) AS n FROM cash_note WHERE payment_id = ? AND state = 'escrowed'`,
    ).get(paymentId) as { n: number };
    return row.n;
  }

  /** The stacked notes a payment took, by value, largest first. */
  stackedNotes(paymentId: number): { value: number; count: number }[] {
    return this.sql(
      `SELECT value, count(*) AS count FROM cash_note
       WHERE payment_id = ? AND state = 'stacked'
       GROUP BY value ORDER BY value DESC`,
    ).all(paymentId) as { value: number; count: number }[];
  }

  /** A note as staff review it: its payment, value, state, when escrowed, whether it is in the box. */
  reviewedNote(noteId: number): ReviewedNote | undefined {
    return this.sql(
      `SELECT id, payment_id AS paymentId, value, state, escrowed_at AS escrowedAt,
              EXISTS (SELECT 1 FROM cash_box b WHERE b.note_id = cash_note.id) AS boxed
         FROM cash_note WHERE id = ?`,
    ).get(noteId) as ReviewedNote | undefined;
  }

  /**
   * A note of unknown fate staff found in the box: stacked, for the payment it now pays, and in
   * the box ledger (if the device had not already said so). Returns false, changing nothing, if
   * the note's fate is no longer unknown.
   */
  creditFoundNote(noteId: number, paymentId: number, at: number): boolean {
    const note = this.reviewedNote(noteId);
    if (!note || note.state !== 'unknown') return false;
    this.sql(
      `UPDATE cash_note SET payment_id = ?, state = 'stacked', settled_at = ?
        WHERE id = ? AND state = 'unknown'`,
    ).run(paymentId, at, noteId);
    if (note.boxed === 0) this.boxNote(noteId, note.value, at);
    return true;
  }

  // --- The box (cash_box, cash_collection) --------------------------------------------------

  /** A journalled note is in the box (at its credit point, or as the device reported later). */
  boxNote(noteId: number, value: number, at: number): void {
    this.sql(`INSERT INTO cash_box(note_id, value, stacked_at) VALUES (?, ?, ?)`).run(
      noteId,
      value,
      at,
    );
  }

  /**
   * Notes in the box by value, and their total. A stray note whose value the device never said
   * is in neither (`live` counts it).
   */
  contents(): { notes: Record<string, number>; total: number } {
    const rows = this.sql(
      `SELECT value, count(*) AS n FROM cash_box
        WHERE collection_id IS NULL AND value IS NOT NULL GROUP BY value`,
    ).all() as { value: number; n: number }[];
    const notes: Record<string, number> = {};
    let total = 0;
    for (const r of rows) {
      notes[String(r.value)] = r.n;
      total += r.value * r.n;
    }
    return { notes, total };
  }

  /** Every note in the box since the last collection, those of unknown value included. */
  live(): LiveBox {
    return this.liveUpTo(Number.MAX_SAFE_INTEGER);
  }

  /**
   * The box's last row so far (0 if it never held a note): a cash-box exchange marks with it
   * the notes of the box taken out, so notes boxed later belong to the box put in.
   */
  boxMark(): number {
    const row = this.sql(`SELECT coalesce(max(id), 0) AS mark FROM cash_box`).get() as {
      mark: number;
    };
    return row.mark;
  }

  /** The notes in the box since the last collection that were boxed up to a mark (boxMark). */
  liveUpTo(mark: number): LiveBox {
    const rows = this.sql(
      `SELECT value, count(*) AS n FROM cash_box
        WHERE collection_id IS NULL AND id <= ? GROUP BY value`,
    ).all(mark) as { value: number | null; n: number }[];
    const byValue: Record<number, number> = {};
    let count = 0;
    let total = 0;
    let unknownValue = 0;
    for (const r of rows) {
      count += r.n;
      if (r.value === null) {
        unknownValue += r.n;
        continue;
      }
      byValue[r.value] = r.n;
      total += r.value * r.n;
    }
    return { count, total, byValue, unknownValue };
  }

  /**
   * A technician emptied the box: the collection is recorded with what the live ledger held
   * (up to `mark`, when the box came out: notes boxed since are in the box put in), and its rows
   * leave the live ledger. Call inside a transaction, so both commit together.
   */
  recordCollection(
    by: string,
    deviceStacked: number | null,
    at: number,
    mark: number = Number.MAX_SAFE_INTEGER,
  ): { id: number; count: number; total: number } {
    const { count, total } = this.liveUpTo(mark);
    const info = this.sql(
      `INSERT INTO cash_collection(at, by, count, total, device_stacked) VALUES (?, ?, ?, ?, ?)`,
    ).run(at, by, count, total, deviceStacked);
    const id = Number(info.lastInsertRowid);
    this.sql(`UPDATE cash_box SET collection_id = ? WHERE collection_id IS NULL AND id <= ?`).run(
      id,
      mark,
    );
    return { id, count, total };
  }

  /** Whether any note of any payment is held in escrow now (its fate not yet decided). */
  anyNoteInEscrow(): boolean {
    const row = this.sql(
      `SELECT EXISTS (SELECT 1 FROM cash_note WHERE state = 'escrowed') AS x`,
    ).get() as {
      x: number;
    };
    return row.x === 1;
  }

  /** The device's stacked counter recorded at the last collection (0 if none was). */
  deviceStackedAtLastCollection(): number {
    const last = this.sql(
      `SELECT device_stacked AS n FROM cash_collection ORDER BY id DESC LIMIT 1`,
    ).get() as { n: number | null } | undefined;
    return last?.n ?? 0;
  }

  // --- Stray notes (stray_note) -------------------------------------------------------------

  /** The last journalled note, or the last unattributed stray if it was recorded after it. */
  latest(): LatestNote | LatestStray | null {
    const note = this.sql(
      `SELECT n.id, n.payment_id AS paymentId, n.value, n.state, n.path_clear_at AS clearAt,
                EXISTS (SELECT 1 FROM cash_box b WHERE b.note_id = n.id) AS boxed,
                (SELECT s.outcome FROM stray_note s WHERE s.note_id = n.id
                   ORDER BY s.id DESC LIMIT 1) AS evidence
           FROM cash_note n ORDER BY n.id DESC LIMIT 1`,
    ).get() as Omit<LatestNote, 'kind'> | undefined;
    const stray = this.sql(
      `SELECT id, value, outcome, in_box AS inBox, path_clear_at AS clearAt,
                after_note_id AS afterNoteId
           FROM stray_note WHERE note_id IS NULL ORDER BY id DESC LIMIT 1`,
    ).get() as (Omit<LatestStray, 'kind'> & { afterNoteId: number | null }) | undefined;
    if (stray && (stray.afterNoteId ?? 0) === (note?.id ?? 0)) {
      const { afterNoteId: _, ...rest } = stray;
      return { kind: 'stray', ...rest };
    }
    return note ? { kind: 'note', ...note } : null;
  }

  /**
   * A stray report, attributed to a journalled note (`noteId`) or its own (null), placed after
   * the last journalled note. Returns the stray's id.
   */
  recordStray(report: StrayRecord, noteId: number | null, at: number): number {
    const info = this.sql(
      `INSERT INTO stray_note(value, outcome, reason, note_id, in_box, after_note_id, at)
         VALUES (?, ?, ?, ?, ?, (SELECT max(id) FROM cash_note), ?)`,
    ).run(report.value, report.outcome, report.reason, noteId, report.inBox ? 1 : 0, at);
    return Number(info.lastInsertRowid);
  }

  /** An unattributed stray the device put in the box: counted there, credited to no one. */
  boxStray(strayId: number, value: number | null, at: number): void {
    this.sql(`INSERT INTO cash_box(stray_id, value, stacked_at) VALUES (?, ?, ?)`).run(
      strayId,
      value,
      at,
    );
  }

  /** The note path was clear after this stray: no later report can be about it. */
  closeStrayPath(strayId: number, at: number): void {
    this.sql(`UPDATE stray_note SET path_clear_at = ? WHERE id = ?`).run(at, strayId);
  }

  /** The note path was clear after this note: no later report can be about it. */
  closeNotePath(noteId: number, at: number): void {
    this.sql(`UPDATE cash_note SET path_clear_at = ? WHERE id = ?`).run(at, noteId);
  }
}
