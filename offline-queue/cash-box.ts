// The cash box: notes whose fate the kiosk cannot know (staff review), note events the acceptor
// reports outside any escrow decision (stray-evidence.ts), the technician's collection, what is
// in the box (the heartbeat's report) and the audit of the ledger against the acceptor's own
// counters. Its rows are the cash ledger's (cash-ledger.ts), which it asks for every read and
// write; a note's fate in a payment's log is the payment journal's.
import { exchangeOpen } from './cash-exchange';
import { CashLedger, type LiveBox } from './cash-ledger';
import type { JournalDb } from './open-journal';
import type { PaymentJournal } from './payment-journal';
import type { StaffItems } from './staff-items';
import { StrayEvidence, type StrayAttribution, type StrayNoteReport } from './stray-evidence';

export type { StrayAttribution, StrayNoteReport } from './stray-evidence';

export interface CashBoxAudit {
  /** Notes in the box since the last collection (strays of unknown value counted apart). */
  ledger: LiveBox;
  /** Notes the device counted since the last collection, or null when it keeps no counters. */
  deviceCount: number | null;
  /** Ledger and device agree on the count, or the device cannot say. */
  matches: boolean;
}

export class CashBox {
  private readonly ledger: CashLedger;
  private readonly strays: StrayEvidence;

  constructor(
    private readonly db: JournalDb,
    private readonly journal: PaymentJournal,
    private readonly staff: StaffItems,
    private readonly clock: () => number = Date.now,
  ) {
    this.ledger = new CashLedger(db);
    this.strays = new StrayEvidence(db, this.ledger, staff, clock);
  }

  /**
   * The note in escrow may or may not have reached the box (power lost while stacking, a jam
   * in the stacker): it is credited to no one, and staff count it.
   */
  noteUncertain(paymentId: number, noteId: number, reason: string, inBox = false): number {
    return this.db.transaction(() => {
      const value = this.journal.markNoteUnknown(paymentId, noteId);
      // In the box without a credit point: counted there, still credited to no one.
      if (inBox) this.ledger.boxNote(noteId, value, this.clock());
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

  /**
   * A technician emptied the box: its rows leave the live ledger together. Refused while a
   * cash-box exchange is open: that box's notes are the exchange's to settle.
   */
  collect(by: string, deviceStacked: number | null): { count: number; total: number } {
    return this.db.transaction(() => {
      if (exchangeOpen(this.db)) throw new Error('a cash-box exchange is open: finish or abort it');
      const { count, total } = this.ledger.recordCollection(by, deviceStacked, this.clock());
      return { count, total };
    })();
  }

  /**
   * Compares the live ledger with the device's stacked counter. The device's count since the
   * last collection is its counter minus the one recorded then (0 if there was none).
   */
  audit(deviceStacked: number | null): CashBoxAudit {
    const ledger = this.ledger.live();
    if (deviceStacked === null) return { ledger, deviceCount: null, matches: true };
    const deviceCount = deviceStacked - this.ledger.deviceStackedAtLastCollection();
    return { ledger, deviceCount, matches: deviceCount === ledger.count };
  }

  /**
   * Notes in the box by value, and their total, as the heartbeat reports them. A stray note
   * whose value the device never said is in neither (`audit` counts it).
   */
  contents(): { notes: Record<string, number>; total: number } {
    return this.ledger.contents();
  }
}
