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
// device says it is there (credited to no one), and its own staff item — except a note the
// driver sent back from escrow itself (no payment taking notes) after the path was clear: a
// new note, back with whoever inserted it, recorded with nothing for staff to do. A value the device did
// not report is never filled in, neither from the note it was attributed to nor from any other.
//
// The rows are the cash ledger's (cash-ledger.ts): this file weighs the evidence and asks it.
import { z } from 'zod';
import type { CashLedger, LatestNote, LatestStray } from './cash-ledger';
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
    /** The driver sent it back from escrow itself, no payment taking notes (a hint). */
    refusedAtEscrow: z.boolean().optional(),
  })
  .refine((r) => (r.outcome === 'stacked' ? r.inBox : r.outcome !== 'returned' || !r.inBox), {
    message: "a 'stacked' stray is in the box and a 'returned' one is not",
  })
  .refine((r) => !r.refusedAtEscrow || r.outcome === 'returned', {
    message: 'only a returned note is refused at escrow',
  });
export type StrayNoteReport = z.infer<typeof StrayNoteReport>;

/** How a stray row's reason begins when the kiosk handed the note back at escrow itself. */
export const REFUSED_AT_ESCROW = 'handed back at escrow, no payment taking notes';

/** What the journal made of a stray note. */
export type StrayAttribution =
  /** Evidence for the last journalled note, whose fate is unknown (in the box if it says so). */
  | 'attributed'
  /** The journal already holds what it says: nothing added. */
  | 'repeat'
  /** An event of its own, for staff (in the box, credited to no one, if it says so). */
  | 'unattributed'
  /**
   * A new note the kiosk handed straight back at escrow (no payment was taking notes, and the
   * note path had been clear since the last record): recorded, nothing for staff to do.
   */
  | 'refused';

/** The staff item's reason for an unattributed stray, by what the device said. */
const UNATTRIBUTED_REASON = {
  /** Money in the box that no payment can claim: count the box. */
  inBox: 'stray_note_in_box',
  /** A note handed back that the kiosk cannot place: its owner may come back for it. */
  returned: 'stray_note_returned',
  /** Neither in the box for sure nor handed back: check the note path and the box. */
  uncertain: 'stray_note_uncertain',
} as const;

export class StrayEvidence {
  constructor(
    private readonly db: JournalDb,
    private readonly ledger: CashLedger,
    private readonly staff: StaffItems,
    private readonly clock: () => number,
  ) {}

  /** Records a stray note (see the file comment); throws on a malformed report, changing nothing. */
  record(input: StrayNoteReport): StrayAttribution {
    const report = StrayNoteReport.parse(input);
    return this.db.transaction((): StrayAttribution => {
      const latest = this.ledger.latest();
      if (latest && latest.clearAt === null) {
        if (repeats(latest, report)) return 'repeat';
        if (latest.kind === 'note' && attributable(latest, report)) {
          this.attribute(latest, report);
          return 'attributed';
        }
      } else if (report.refusedAtEscrow) {
        // The path was clear since the last record, so this is a new note, and the kiosk gave
        // it back at once to whoever inserted it: the record, and no item for staff.
        const reason = `${REFUSED_AT_ESCROW}: ${report.reason}`;
        this.ledger.recordStray({ ...report, reason: reason.slice(0, 500) }, null, this.clock());
        return 'refused';
      }
      this.recordUnattributed(report);
      return 'unattributed';
    })();
  }

  /**
   * The acceptor's note path is clear: the latest record is closed, whatever its state, so no
   * later report is taken for it — neither as its evidence nor as a repeat of it (a note
   * stacked and then another of the same value slipped in would otherwise be dropped as the
   * first one said again, and the box would hold a note the ledger does not).
   */
  pathClear(): void {
    this.db.transaction(() => {
      const latest = this.ledger.latest();
      if (!latest || latest.clearAt !== null) return;
      if (latest.kind === 'stray') this.ledger.closeStrayPath(latest.id, this.clock());
      else this.ledger.closeNotePath(latest.id, this.clock());
    })();
  }

  private attribute(note: LatestNote, report: StrayNoteReport): void {
    this.ledger.recordStray(report, note.id, this.clock());
    if (!report.inBox) return; // evidence only: staff already review the note
    this.ledger.boxNote(note.id, note.value, this.clock());
    if (!this.staff.hasNoteReview(note.id)) {
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
    const strayId = this.ledger.recordStray(report, null, this.clock());
    if (report.inBox) this.ledger.boxStray(strayId, report.value, this.clock());
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
