// What staff must see and act on: cash refund slips, reconciliation differences and notes in an
// unknown state. Items are opened by the kiosk and closed only by a person.
import type { JournalDb } from './open-journal';

export type StaffItemKind = 'cash_refund' | 'discrepancy' | 'note_review';

export interface StaffItem {
  id: number;
  kind: StaffItemKind;
  paymentId: number | null;
  amount: number;
  reason: string;
  detail: unknown;
  createdAt: number;
}

export class StaffItems {
  constructor(
    private readonly db: JournalDb,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Call inside the transaction that causes the item, so the two commit together. */
  open(item: {
    kind: StaffItemKind;
    paymentId: number | null;
    amount: number;
    reason: string;
    detail?: unknown;
  }): number {
    const info = this.db
      .prepare(
        `INSERT INTO staff_item(kind, payment_id, amount, reason, detail_json, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        item.kind,
        item.paymentId,
        item.amount,
        item.reason,
        item.detail === undefined ? null : JSON.stringify(item.detail),
        this.clock(),
      );
    return Number(info.lastInsertRowid);
  }

  openItems(): StaffItem[] {
    const rows = this.db
      .prepare(
        `SELECT id, kind, payment_id AS paymentId, amount, reason, detail_json AS detailJson, created_at AS createdAt
         FROM staff_item WHERE closed_at IS NULL ORDER BY id`,
      )
      .all() as (Omit<StaffItem, 'detail'> & { detailJson: string | null })[];
    return rows.map(({ detailJson, ...r }) => ({
      ...r,
      detail: detailJson === null ? null : JSON.parse(detailJson),
    }));
  }

  /** How many items wait for staff: counted by the journal, not loaded (every snapshot asks). */
  openCount(): number {
    const row = this.db
      .prepare(`SELECT count(*) AS n FROM staff_item WHERE closed_at IS NULL`)
      .get() as { n: number };
    return row.n;
  }

  /** Whether staff were ever asked to review this journalled note (open or closed). */
  hasNoteReview(noteId: number): boolean {
    const row = this.db
      .prepare(
        `SELECT count(*) AS n FROM staff_item
          WHERE kind = 'note_review' AND json_extract(detail_json, '$.noteId') = ?`,
      )
      .get(noteId) as { n: number };
    return row.n > 0;
  }

  close(id: number, by: string): void {
    const info = this.db
      .prepare(
        `UPDATE staff_item SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL`,
      )
      .run(this.clock(), by, id);
    if (info.changes !== 1) throw new Error(`staff item ${id} is not open`);
  }
}
