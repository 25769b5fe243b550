// The cash box side of the journal: notes whose fate the kiosk cannot know (staff review), note
// events the acceptor reports outside any escrow decision (stray-evidence.ts), the technician's
// collection, and the audit of the ledger against the acceptor's own counters.
import type { JournalDb } from './open-journal';
import type { PaymentJournal } from './payment-journal';
import type { StaffItems } from './staff-items';
import { StrayEvidence, type StrayAttribution, type StrayNoteReport } from './stray-evidence';

export type { StrayAttribution, StrayNoteReport } from './stray-evidence';

export interface CashBoxAudit {
  /**
   * Notes in the box since the last collection. `unknownValue` of them are strays whose value
   * the device never said: counted, but in no `byValue` and not in `total`.
   */
  ledger: {
    count: number;
    total: number;
    byValue: Record<number, number>;
    unknownValue: number;
  };
  /** Notes the device counted since the last collection, or null when it keeps no counters. */
  deviceCount: number | null;
  /** Ledger and device agree on the count, or the device cannot say. */
  matches: boolean;
}

export class CashBox {
  private readonly strays: StrayEvidence;

  constructor(
    private readonly db: JournalDb,
    private readonly journal: PaymentJournal,
    private readonly staff: StaffItems,
    private readonly clock: () => number = Date.now,
  ) {
    this.strays = new StrayEvidence(db, staff, clock);
  }

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

  /**
   * A note event of no escrow decision: attributed to the last journalled note only where the
   * evidence fits, else recorded as its own event for staff (stray-evidence.ts).
   */
  strayNote(report: StrayNoteReport): StrayAttribution {
    return this.strays.record(report);
  }

  /** The acceptor's note path is clear: no later stray can be a note from before. */
  notePathClear(): void {
    this.strays.pathClear();
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
      .all() as { value: number | null; n: number }[];
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
}
