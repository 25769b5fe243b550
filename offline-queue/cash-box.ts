// The cash box side of the journal: notes whose fate the kiosk cannot know (staff review), note
// events the acceptor reports outside any escrow decision, the technician's collection, and the
// audit of the ledger against the acceptor's own counters.
//
// Attribution of a stray note rests on one fact: the host journals every note at escrow before
// the acceptor may stack it, and the acceptor handles one note at a time. So a note the acceptor
// reports mid-journey right after a restart can only be the last note in the journal.
import type { JournalDb } from './open-journal';
import type { PaymentJournal } from './payment-journal';
import type { StaffItems } from './staff-items';

export interface StrayNoteReport {
  value: number | null;
  outcome: 'stacked' | 'returned' | 'uncertain';
  reason: string;
}

/** What became of a stray note in the ledger. */
export type StrayAttribution =
  /** The last journalled note, whose fate was unknown, is in the box: counted, for staff. */
  | 'boxed'
  /** A repeat of a credit the journal already holds: nothing to add. */
  | 'alreadyCounted'
  /** Evidence only (a note handed back, or no journalled note it could be). */
  | 'recorded';

export interface CashBoxAudit {
  ledger: { count: number; total: number; byValue: Record<number, number> };
  /** Notes the device counted since the last collection, or null when it keeps no counters. */
  deviceCount: number | null;
  /** Ledger and device agree on the count, or the device cannot say. */
  matches: boolean;
}

interface LastNote {
  id: number;
  paymentId: number;
  value: number;
  state: string;
  boxed: number;
  evidence: number;
}

export class CashBox {
  constructor(
    private readonly db: JournalDb,
    private readonly journal: PaymentJournal,
    private readonly staff: StaffItems,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * The note in escrow may or may not have reached the box (power lost while stacking, a jam
   * in the stacker): it is credited to no one, and staff count it.
   */
  noteUncertain(paymentId: number, noteId: number, reason: string, inBox = false): number {
    return this.db.transaction(() => {
      const value = this.journal.markNoteUnknown(paymentId, noteId);
      // In the box without a credit point: counted there, still credited to no one.
      if (inBox) {
        this.db
          .prepare(`INSERT INTO cash_box(note_id, value, stacked_at) VALUES (?, ?, ?)`)
          .run(noteId, value, this.clock());
      }
      this.staff.open({
        kind: 'note_review',
        paymentId,
        amount: value,
        reason,
        detail: { noteId, inBox, agentSerial: this.journal.get(paymentId).agentSerial },
      });
      return value;
    })();
  }

  /** Records a note event that belongs to no escrow decision; see the file comment. */
  strayNote(report: StrayNoteReport): StrayAttribution {
    return this.db.transaction((): StrayAttribution => {
      const last = this.lastNote();
      const sameNote = last !== null && (report.value === null || report.value === last.value);
      const inBox = report.outcome !== 'returned';
      // A repeat of a credit already journalled (our acknowledgement was lost, or the host
      // died after journalling a stray and before acknowledging it).
      if (inBox && sameNote && (last.state === 'stacked' || last.boxed > 0))
        return 'alreadyCounted';
      const attributable = sameNote && last.state === 'unknown' && last.evidence === 0;
      const noteId = attributable ? last.id : null;
      this.db
        .prepare(
          `INSERT INTO stray_note(value, outcome, reason, note_id, at) VALUES (?, ?, ?, ?, ?)`,
        )
        .run(
          report.value ?? last?.value ?? null,
          report.outcome,
          report.reason,
          noteId,
          this.clock(),
        );
      if (attributable && inBox && last.boxed === 0) {
        this.db
          .prepare(`INSERT INTO cash_box(note_id, value, stacked_at) VALUES (?, ?, ?)`)
          .run(last.id, last.value, this.clock());
        // Recovery opened the note's review already; the stray_note row is the new evidence.
        if (!this.hasReview(last.id)) {
          this.staff.open({
            kind: 'note_review',
            paymentId: last.paymentId,
            amount: last.value,
            reason: 'acceptor_boxed_note_after_restart',
            detail: { noteId: last.id, outcome: report.outcome, reason: report.reason },
          });
        }
        return 'boxed';
      }
      if (!attributable && inBox) {
        this.staff.open({
          kind: 'note_review',
          paymentId: null,
          amount: report.value ?? 0,
          reason: 'acceptor_boxed_unknown_note',
          detail: report,
        });
      }
      return 'recorded';
    })();
  }

  /** A technician emptied the box: its rows leave the live ledger together. */
  collect(by: string, deviceStacked: number | null): { count: number; total: number } {
    return this.db.transaction(() => {
      const { count, total } = this.live();
      const info = this.db
        .prepare(
          `INSERT INTO cash_collection(at, by, count, total, device_stacked) VALUES (?, ?, ?, ?, ?)`,
        )
        .run(this.clock(), by, count, total, deviceStacked);
      this.db
        .prepare(`UPDATE cash_box SET collection_id = ? WHERE collection_id IS NULL`)
        .run(Number(info.lastInsertRowid));
      return { count, total };
    })();
  }

  /**
   * Compares the live ledger with the device's stacked counter. The device's count since the
   * last collection is its counter minus the one recorded then (0 if there was none).
   */
  audit(deviceStacked: number | null): CashBoxAudit {
    const ledger = this.live();
    if (deviceStacked === null) return { ledger, deviceCount: null, matches: true };
    const last = this.db
      .prepare(`SELECT device_stacked AS n FROM cash_collection ORDER BY id DESC LIMIT 1`)
      .get() as { n: number | null } | undefined;
    const deviceCount = deviceStacked - (last?.n ?? 0);
    return { ledger, deviceCount, matches: deviceCount === ledger.count };
  }

  private live(): CashBoxAudit['ledger'] {
    const rows = this.db
      .prepare(
        `SELECT value, count(*) AS n FROM cash_box WHERE collection_id IS NULL GROUP BY value`,
      )
      .all() as { value: number; n: number }[];
    const byValue: Record<number, number> = {};
    let count = 0;
    let total = 0;
    for (const r of rows) {
      byValue[r.value] = r.n;
      count += r.n;
      total += r.value * r.n;
    }
    return { count, total, byValue };
  }

  private hasReview(noteId: number): boolean {
    const row = this.db
      .prepare(
        `SELECT count(*) AS n FROM staff_item
          WHERE kind = 'note_review' AND json_extract(detail_json, '$.noteId') = ?`,
      )
      .get(noteId) as { n: number };
    return row.n > 0;
  }

  private lastNote(): LastNote | null {
    const row = this.db
      .prepare(
        `SELECT n.id, n.payment_id AS paymentId, n.value, n.state,
                (SELECT count(*) FROM cash_box b WHERE b.note_id = n.id) AS boxed,
                (SELECT count(*) FROM stray_note s WHERE s.note_id = n.id) AS evidence
           FROM cash_note n ORDER BY n.id DESC LIMIT 1`,
      )
      .get() as LastNote | undefined;
    return row ?? null;
  }
}
