// What staff must see and act on: cash refund slips, reconciliation differences and notes in an
// unknown state. Items are opened by the kiosk and closed only by a person, with the outcome they
// recorded (resolve): what they found or did, and its particulars.
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

/** An item, open or closed, with how it was closed. */
export interface StaffItemRecord extends StaffItem {
  closedAt: number | null;
  /** Who closed it (a staff number). */
  closedBy: string | null;
  /** What they recorded (e.g. paid_out, credited, returned, explained); null while open. */
  outcome: string | null;
  outcomeDetail: unknown;
}

type RawItem = Omit<StaffItemRecord, 'detail' | 'outcomeDetail'> & {
  detailJson: string | null;
  outcomeJson: string | null;
};

const SELECT_ITEM = `SELECT id, kind, payment_id AS paymentId, amount, reason, detail_json AS detailJson,
  created_at AS createdAt, closed_at AS closedAt, closed_by AS closedBy, outcome,
  outcome_json AS outcomeJson FROM staff_item`;

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

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

  /** Open items by kind (every kind present, 0 when none is open). */
  openCountsByKind(): Record<StaffItemKind, number> {
    const rows = this.db
      .prepare(`SELECT kind, count(*) AS n FROM staff_item WHERE closed_at IS NULL GROUP BY kind`)
      .all() as { kind: StaffItemKind; n: number }[];
    const counts: Record<StaffItemKind, number> = {
      cash_refund: 0,
      discrepancy: 0,
      note_review: 0,
    };
    for (const r of rows) counts[r.kind] = r.n;
    return counts;
  }

  /** An item, open or closed, or null if there is none by this id. */
  get(id: number): StaffItemRecord | null {
    const raw = this.db.prepare(`${SELECT_ITEM} WHERE id = ?`).get(id) as RawItem | undefined;
    if (!raw) return null;
    const { detailJson, outcomeJson, ...r } = raw;
    return { ...r, detail: parse(detailJson), outcomeDetail: parse(outcomeJson) };
  }

  close(id: number, by: string): void {
    const info = this.db
      .prepare(
        `UPDATE staff_item SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL`,
      )
      .run(this.clock(), by, id);
    if (info.changes !== 1) throw new Error(`staff item ${id} is not open`);
  }

  /**
   * A person closed the item with what they found or did. Call inside the transaction of the
   * outcome's effect (a credit, a write-off queued), so the two commit together. Throws, changing
   * nothing, if the item is not open: an item closes once.
   */
  resolve(id: number, by: string, outcome: string, detail?: object): void {
    const info = this.db
      .prepare(
        `UPDATE staff_item SET closed_at = ?, closed_by = ?, outcome = ?, outcome_json = ?
          WHERE id = ? AND closed_at IS NULL`,
      )
      .run(this.clock(), by, outcome, detail === undefined ? null : JSON.stringify(detail), id);
    if (info.changes !== 1) throw new StaffItemClosed(`staff item ${id} is not open`);
  }
}

export class StaffItemClosed extends Error {
  override name = 'StaffItemClosed';
}
