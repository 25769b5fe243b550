// Note events the acceptor reports outside any escrow decision (stray notes): attributed to a
// journalled note only where the evidence fits, else recorded as an event of their own.
//
// The acceptor handles one note at a time, and the host journals each note at escrow, before the
// acceptor may stack it. So a stray can only be the latest note record (the last journalled
// note, or an unattributed stray recorded after it), and only until the acceptor is next seen
// with its note path clear (notePathClear), after which any report is of a newer note. Within
// that window a report
// - that repeats what the record already holds (a credit or power-up of a note already counted
//   in the box, a hand-back of a note already handed back) adds nothing: the device repeats
//   itself to a host that restarted before acknowledging it;
// - is evidence for the last journalled note if that note's fate is unknown, it is not in the
//   box yet, it has no evidence yet, and the values agree where the device gave one. A report
//   with no value is attributed on the rest alone: nothing in it contradicts the note.
// Anything else is an unattributed stray: its own row (no note_id), counted in the box when the
// device says it is there (credited to no one), and its own staff item. A value the device did
// not report is never filled in, neither from the note it was attributed to nor from any other.
import type { Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { JournalDb } from './open-journal';
import type { StaffItems } from './staff-items';

export const StrayNoteReport = z
  .object({
    /** Fen, when the device said which note it was. */
    value: z.int().positive().nullable(),
    outcome: z.enum(['stacked', 'returned', 'uncertain']),
    /** The device says the note is in the cash box. */
    inBox: z.boolean(),
    /** The device's words, for staff. */
    reason: z.string().min(1).max(500),
  })
  .refine((r) => (r.outcome === 'stacked' ? r.inBox : r.outcome !== 'returned' || !r.inBox), {
    message: "a 'stacked' stray is in the box and a 'returned' one is not",
  });
export type StrayNoteReport = z.infer<typeof StrayNoteReport>;

/** What the journal made of a stray note. */
export type StrayAttribution =
  /** Evidence for the last journalled note, whose fate is unknown (in the box if it says so). */
  | 'attributed'
  /** The journal already holds what it says: nothing added. */
  | 'repeat'
  /** An event of its own, for staff (in the box, credited to no one, if it says so). */
  | 'unattributed';

/** The staff item's reason for an unattributed stray, by what the device said. */
const UNATTRIBUTED_REASON = {
  /** Money in the box that no payment can claim: count the box. */
  inBox: 'stray_note_in_box',
  /** A note handed back that the kiosk cannot place: its owner may come back for it. */
  returned: 'stray_note_returned',
  /** Neither in the box for sure nor handed back: check the note path and the box. */
  uncertain: 'stray_note_uncertain',
} as const;

interface LatestNote {
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

interface LatestStray {
  kind: 'stray';
  id: number;
  value: number | null;
  outcome: string;
  inBox: number;
  clearAt: number | null;
}

export class StrayEvidence {
  /** Prepared once: the note path check runs after every note. */
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: JournalDb,
    private readonly staff: StaffItems,
    private readonly clock: () => number,
  ) {}

  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  /** Records a stray note (see the file comment); throws on a malformed report, changing nothing. */
  record(input: StrayNoteReport): StrayAttribution {
    const report = StrayNoteReport.parse(input);
    return this.db.transaction((): StrayAttribution => {
      const latest = this.latest();
      if (latest && latest.clearAt === null) {
        if (repeats(latest, report)) return 'repeat';
        if (latest.kind === 'note' && attributable(latest, report)) {
          this.attribute(latest, report);
          return 'attributed';
        }
      }
      this.recordUnattributed(report);
      return 'unattributed';
    })();
  }

  /**
   * The acceptor's note path is clear: the latest record, if a later report could still be
   * taken for it (a note of unknown fate or handed back, or an unattributed stray), is closed.
   */
  pathClear(): void {
    this.db.transaction(() => {
      const latest = this.latest();
      if (!latest || latest.clearAt !== null) return;
      if (latest.kind === 'stray') {
        this.sql(`UPDATE stray_note SET path_clear_at = ? WHERE id = ?`).run(
          this.clock(),
          latest.id,
        );
      } else if (latest.state === 'unknown' || latest.state === 'returned') {
        this.sql(`UPDATE cash_note SET path_clear_at = ? WHERE id = ?`).run(
          this.clock(),
          latest.id,
        );
      }
    })();
  }

  private attribute(note: LatestNote, report: StrayNoteReport): void {
    this.insertStray(report, note.id);
    if (!report.inBox) return; // evidence only: staff already review the note
    this.sql(`INSERT INTO cash_box(note_id, value, stacked_at) VALUES (?, ?, ?)`).run(
      note.id,
      note.value,
      this.clock(),
    );
    if (!this.hasReview(note.id)) {
      this.staff.open({
        kind: 'note_review',
        paymentId: note.paymentId,
        amount: note.value,
        reason: 'acceptor_boxed_note_after_restart',
        detail: { noteId: note.id, outcome: report.outcome, reason: report.reason },
      });
    }
  }

  private recordUnattributed(report: StrayNoteReport): void {
    const strayId = this.insertStray(report, null);
    if (report.inBox) {
      this.sql(`INSERT INTO cash_box(stray_id, value, stacked_at) VALUES (?, ?, ?)`).run(
        strayId,
        report.value,
        this.clock(),
      );
    }
    const reason = report.inBox
      ? UNATTRIBUTED_REASON.inBox
      : report.outcome === 'returned'
        ? UNATTRIBUTED_REASON.returned
        : UNATTRIBUTED_REASON.uncertain;
    this.staff.open({
      kind: 'note_review',
      paymentId: null,
      amount: report.value ?? 0,
      reason,
      detail: {
        strayId,
        value: report.value,
        outcome: report.outcome,
        inBox: report.inBox,
        deviceSaid: report.reason,
      },
    });
  }

  private insertStray(report: StrayNoteReport, noteId: number | null): number {
    const info = this.sql(
      `INSERT INTO stray_note(value, outcome, reason, note_id, in_box, after_note_id, at)
         VALUES (?, ?, ?, ?, ?, (SELECT max(id) FROM cash_note), ?)`,
    ).run(report.value, report.outcome, report.reason, noteId, report.inBox ? 1 : 0, this.clock());
    return Number(info.lastInsertRowid);
  }

  /** The last journalled note, or the last unattributed stray if it was recorded after it. */
  private latest(): LatestNote | LatestStray | null {
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

  private hasReview(noteId: number): boolean {
    const row = this.sql(
      `SELECT count(*) AS n FROM staff_item
          WHERE kind = 'note_review' AND json_extract(detail_json, '$.noteId') = ?`,
    ).get(noteId) as { n: number };
    return row.n > 0;
  }
}

/** Values agree unless both are known and differ. */
const fits = (a: number | null, b: number | null): boolean => a === null || b === null || a === b;

/** The report says again what the latest record already holds. */
function repeats(latest: LatestNote | LatestStray, report: StrayNoteReport): boolean {
  if (!fits(report.value, latest.value)) return false;
  const returned = report.outcome === 'returned';
  if (latest.kind === 'stray') {
    return report.inBox === (latest.inBox === 1) && returned === (latest.outcome === 'returned');
  }
  if (report.inBox) return latest.state === 'stacked' || latest.boxed === 1;
  return returned && (latest.state === 'returned' || latest.evidence === 'returned');
}

/** The report can be the latest journalled note: see the file comment. */
function attributable(note: LatestNote, report: StrayNoteReport): boolean {
  return (
    note.state === 'unknown' &&
    note.boxed === 0 &&
    note.evidence === null &&
    (report.value === null || report.value === note.value)
  );
}
