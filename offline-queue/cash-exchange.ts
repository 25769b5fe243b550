// The cash-box exchange (清机): a technician takes the full box out, counts it, and puts a new
// one in. The only writer of `cash_exchange`; the box's rows are the cash ledger's
// (cash-ledger.ts), a discrepancy is a staff item (staff-items.ts).
//
// Each step is one transaction, so a kill at any point leaves the ledger as if the exchange had
// not started or had finished, never half:
// - begin: the box taken out (id, seal), who, and what the ledger expects in it, fixed then: the
//   live box rows up to the last one so far (the mark) and the acceptor's stacked counter at that
//   moment. Refused while a cash payment is collecting or a note is in escrow: its notes would be
//   split between the two boxes. The ledger itself is not touched; a kill after begin leaves an
//   open exchange for the technician to finish or abort.
// - count: the counts entered so far, kept so a restart does not lose them (optional).
// - finish: in ONE transaction, the settlement (expected and counted per denomination and in
//   total, the discrepancy, who, when), the collection that takes the rows up to the mark out of
//   the live ledger (the box put in starts empty; notes boxed after the mark are already its
//   own), the acceptor's counter at begin as the baseline of later audits, a `discrepancy` staff
//   item when the count differs, and the settlement slip's lines. Nothing is sent to the device:
//   its counters are not reset, the ledger remembers where they stood.
// - abort: the exchange is closed and nothing else changes.
import { z } from 'zod';
import { CashLedger } from './cash-ledger';
import type { JournalDb } from './open-journal';
import type { PaymentJournal } from './payment-journal';
import type { StaffItems } from './staff-items';

/** Notes by face value: fen → count. */
export type NoteCounts = Record<number, number>;

/** What the ledger expects in the box. */
export interface ExpectedNotes {
  /** Notes by face value (fen → count). */
  byValue: NoteCounts;
  /** Their total, fen. */
  total: number;
  /**
   * Notes in the box whose value the acceptor never said (stray notes): in no `byValue` and
   * not in `total`. Counted, they show as 长款 in their denomination, which they may explain.
   */
  unknownValue: number;
}

/** An exchange begun and not yet finished or aborted. */
export interface OpenExchange {
  id: number;
  boxId: string;
  seal: string;
  /** Staff number of the technician who began it. */
  begunBy: string;
  begunAt: number;
  /** Fixed at begin. */
  expected: ExpectedNotes;
  /** The acceptor's stacked counter when the box came out, or null if it keeps none. */
  deviceStacked: number | null;
  /** The counts entered so far (count()), or null. */
  draft: NoteCounts | null;
}

/** One denomination of a settlement. */
export interface SettlementLine {
  /** Face value, fen. */
  value: number;
  expected: number;
  counted: number;
  /** expected − counted, in notes: > 0 missing, < 0 more than expected. */
  discrepancy: number;
}

/**
 * How the count compares: as expected; short (短款: less money than expected); long (长款:
 * more); or mixed (the same total in other notes than expected).
 */
export type SettlementOutcome = 'match' | 'short' | 'long' | 'mixed';

export interface Settlement {
  exchangeId: number;
  boxId: string;
  seal: string;
  begunBy: string;
  begunAt: number;
  /** Staff number of the technician who finished it, and when. */
  by: string;
  at: number;
  /** Every denomination expected or counted, largest first. */
  lines: SettlementLine[];
  expected: ExpectedNotes;
  counted: { byValue: NoteCounts; total: number };
  /** expected.total − counted.total, fen: > 0 短款, < 0 长款. */
  discrepancy: number;
  outcome: SettlementOutcome;
  /** The `discrepancy` staff item, when the count differs in any denomination. */
  discrepancyItemId: number | null;
  deviceStacked: number | null;
  /** The collection that took the box's notes out of the live ledger. */
  collectionId: number;
  /** The box put in, when the technician gave it. */
  newBox: { boxId: string; seal: string } | null;
}

/** The settlement slip's lines (src/receipts/settlement-slip.ts), journalled with it. */
export type SettlementSlipText = (settlement: Settlement) => string[];

export type ExchangeRefusal =
  /** Another exchange is open: finish or abort it first. */
  | { reason: 'exchange_open'; exchangeId: number; message: string }
  /** A cash payment is collecting: its notes would be split between the boxes. */
  | { reason: 'payment_collecting'; agentSerials: string[]; message: string }
  /** A note is in escrow: whether it goes into the box or back is not decided yet. */
  | { reason: 'note_in_escrow'; message: string }
  /** No exchange is open. */
  | { reason: 'no_exchange'; message: string }
  /**
   * The notes of the box taken out left the live ledger since begin (a collection recorded
   * otherwise): the expected count no longer stands. Abort and begin again.
   */
  | { reason: 'box_changed'; message: string };

export type Refused = { ok: false; refusal: ExchangeRefusal };

export type ExchangeRecord =
  | { state: 'settled'; settlement: Settlement; slipLines: string[] }
  | {
      state: 'aborted';
      exchange: Omit<OpenExchange, 'draft'>;
      by: string;
      at: number;
      reason: string | null;
    };

/** A staff number, as the service room knows people (src/service/people.ts). */
const StaffNumber = z.string().regex(/^\d{4,8}$/, 'a staff number is 4 to 8 digits');
/** A box id or seal number as printed on them: letters, digits and dashes. */
const Label = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z-]{0,31}$/, 'letters, digits and dashes, at most 32');

export const BeginExchange = z.object({
  boxId: Label,
  seal: Label,
  by: StaffNumber,
  /** The acceptor's stacked counter now (its readCounters()), or null if it keeps none. */
  deviceStacked: z.int().nonnegative().nullable(),
});
export type BeginExchange = z.infer<typeof BeginExchange>;

/** More notes of one value than any cash box holds (a few thousand): a typing slip. */
const MAX_NOTES = 100_000;

/** Counted notes: each key a face value in fen, each count a whole number of notes. */
export const CountedNotes = z
  .record(
    z.string().regex(/^[1-9]\d{0,8}$/, 'a face value in fen'),
    z.int().nonnegative().max(MAX_NOTES),
  )
  .transform((r): NoteCounts => {
    const out: NoteCounts = {};
    for (const [k, n] of Object.entries(r)) if (n > 0) out[Number(k)] = n;
    return out;
  });

export const FinishExchange = z.object({
  counted: CountedNotes,
  by: StaffNumber,
  newBox: z.object({ boxId: Label, seal: Label }).optional(),
});
export type FinishExchange = z.input<typeof FinishExchange>;

export const AbortExchange = z.object({
  by: StaffNumber,
  reason: z.string().min(1).max(200).optional(),
});
export type AbortExchange = z.infer<typeof AbortExchange>;

interface ExchangeRow {
  id: number;
  state: 'open' | 'settled' | 'aborted';
  boxId: string;
  seal: string;
  begunBy: string;
  begunAt: number;
  boxMark: number;
  deviceStacked: number | null;
  expectedJson: string;
  expectedTotal: number;
  expectedUnknown: number;
  draftJson: string | null;
  countedJson: string | null;
  countedTotal: number | null;
  discrepancy: number | null;
  outcome: SettlementOutcome | null;
  collectionId: number | null;
  staffItemId: number | null;
  newBoxId: string | null;
  newSeal: string | null;
  slipJson: string | null;
  endReason: string | null;
  endedBy: string | null;
  endedAt: number | null;
}

const SELECT_EXCHANGE = `SELECT id, state, box_id AS boxId, seal, begun_by AS begunBy,
  begun_at AS begunAt, box_mark AS boxMark, device_stacked AS deviceStacked,
  expected_json AS expectedJson, expected_total AS expectedTotal,
  expected_unknown AS expectedUnknown, draft_json AS draftJson, counted_json AS countedJson,
  counted_total AS countedTotal, discrepancy, outcome, collection_id AS collectionId,
  staff_item_id AS staffItemId, new_box_id AS newBoxId, new_seal AS newSeal,
  slip_json AS slipJson, end_reason AS endReason, ended_by AS endedBy, ended_at AS endedAt
  FROM cash_exchange`;

/** The staff item's reason, by outcome. */
const ITEM_REASON: Record<Exclude<SettlementOutcome, 'match'>, string> = {
  short: 'cash_exchange_short',
  long: 'cash_exchange_long',
  mixed: 'cash_exchange_mixed',
};

const sumOf = (notes: NoteCounts): number =>
  Object.entries(notes).reduce((s, [v, n]) => s + Number(v) * n, 0);

const parseCounts = (json: string): NoteCounts => {
  const out: NoteCounts = {};
  for (const [k, n] of Object.entries(JSON.parse(json) as Record<string, number>)) {
    out[Number(k)] = n;
  }
  return out;
};

/** Whether an exchange is open now: while one is, the box's notes are the exchange's to settle. */
export function exchangeOpen(db: JournalDb): boolean {
  const row = db
    .prepare(`SELECT EXISTS (SELECT 1 FROM cash_exchange WHERE state = 'open') AS x`)
    .get() as { x: number };
  return row.x === 1;
}

export class CashExchange {
  private readonly db: JournalDb;
  private readonly journal: PaymentJournal;
  private readonly staff: StaffItems;
  private readonly ledger: CashLedger;
  private readonly slipText: SettlementSlipText;
  private readonly clock: () => number;

  constructor(o: {
    db: JournalDb;
    journal: PaymentJournal;
    staff: StaffItems;
    /** The settlement slip's lines, journalled with the settlement (a pure function). */
    slipText: SettlementSlipText;
    clock?: () => number;
  }) {
    this.db = o.db;
    this.journal = o.journal;
    this.staff = o.staff;
    this.ledger = new CashLedger(o.db);
    this.slipText = o.slipText;
    this.clock = o.clock ?? Date.now;
  }

  /**
   * What the ledger expects in the box: fixed at begin while an exchange is open, else the live
   * ledger now (a preview before begin).
   */
  expected(): ExpectedNotes {
    const open = this.openRow();
    if (open) return expectedOf(open);
    const live = this.ledger.live();
    return { byValue: live.byValue, total: live.total, unknownValue: live.unknownValue };
  }

  /** The exchange begun and not yet finished or aborted, or null. */
  current(): OpenExchange | null {
    const row = this.openRow();
    return row ? openExchangeOf(row) : null;
  }

  /**
   * The box is taken out: the exchange is journalled with what the ledger expects in it.
   * Refused while another exchange is open, a cash payment is collecting or a note is in escrow.
   * Throws on malformed input (zod), changing nothing.
   */
  begin(input: BeginExchange): { ok: true; exchange: OpenExchange } | Refused {
    const b = BeginExchange.parse(input);
    return this.db.transaction((): { ok: true; exchange: OpenExchange } | Refused => {
      const refusal = this.refusalToBegin();
      if (refusal) return { ok: false, refusal };
      const mark = this.ledger.boxMark();
      const live = this.ledger.liveUpTo(mark);
      const info = this.db
        .prepare(
          `INSERT INTO cash_exchange(state, box_id, seal, begun_by, begun_at, box_mark,
             device_stacked, expected_json, expected_total, expected_unknown)
           VALUES ('open', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          b.boxId,
          b.seal,
          b.by,
          this.clock(),
          mark,
          b.deviceStacked,
          JSON.stringify(live.byValue),
          live.total,
          live.unknownValue,
        );
      return { ok: true, exchange: openExchangeOf(this.row(Number(info.lastInsertRowid))) };
    })();
  }

  /** The counts entered so far, kept for a restart; the ledger is not touched. */
  count(counted: Record<number, number>): { ok: true; exchange: OpenExchange } | Refused {
    const notes = CountedNotes.parse(counted);
    return this.db.transaction((): { ok: true; exchange: OpenExchange } | Refused => {
      const open = this.openRow();
      if (!open) return { ok: false, refusal: noExchange() };
      this.db
        .prepare(`UPDATE cash_exchange SET draft_json = ? WHERE id = ? AND state = 'open'`)
        .run(JSON.stringify(notes), open.id);
      return { ok: true, exchange: openExchangeOf(this.row(open.id)) };
    })();
  }

  /**
   * The box is counted and a new one is in: the settlement, the collection, the discrepancy's
   * staff item and the slip's lines, in one transaction. Returns the settlement and the slip's
   * lines for printing (history() keeps both for a reprint).
   */
  finish(
    input: FinishExchange,
  ): { ok: true; settlement: Settlement; slipLines: string[] } | Refused {
    const f = FinishExchange.parse(input);
    return this.db.transaction(
      (): { ok: true; settlement: Settlement; slipLines: string[] } | Refused => {
        const open = this.openRow();
        if (!open) return { ok: false, refusal: noExchange() };
        const expected = expectedOf(open);
        const still = this.ledger.liveUpTo(open.boxMark);
        if (
          still.total !== expected.total ||
          still.unknownValue !== expected.unknownValue ||
          JSON.stringify(still.byValue) !== JSON.stringify(expected.byValue)
        ) {
          return {
            ok: false,
            refusal: {
              reason: 'box_changed',
              message: `the notes of box ${open.boxId} left the ledger after the exchange began`,
            },
          };
        }
        const at = this.clock();
        const lines = settlementLines(expected.byValue, f.counted);
        const countedTotal = sumOf(f.counted);
        const discrepancy = expected.total - countedTotal;
        const outcome: SettlementOutcome = lines.every((l) => l.discrepancy === 0)
          ? 'match'
          : discrepancy > 0
            ? 'short'
            : discrepancy < 0
              ? 'long'
              : 'mixed';
        const notesUnderReview = this.staff
          .openItems()
          .filter((i) => i.kind === 'note_review').length;
        const collection = this.ledger.recordCollection(f.by, open.deviceStacked, at, open.boxMark);
        const itemId =
          outcome === 'match'
            ? null
            : this.staff.open({
                kind: 'discrepancy',
                paymentId: null,
                amount: Math.abs(discrepancy),
                reason: ITEM_REASON[outcome],
                detail: {
                  exchangeId: open.id,
                  boxId: open.boxId,
                  seal: open.seal,
                  direction: outcome,
                  expectedTotal: expected.total,
                  countedTotal,
                  discrepancy,
                  notes: lines
                    .filter((l) => l.discrepancy !== 0)
                    .map((l) => ({ value: l.value, discrepancy: l.discrepancy })),
                  unknownValueNotes: expected.unknownValue,
                  notesUnderReview,
                },
              });
        const settlement: Settlement = {
          exchangeId: open.id,
          boxId: open.boxId,
          seal: open.seal,
          begunBy: open.begunBy,
          begunAt: open.begunAt,
          by: f.by,
          at,
          lines,
          expected,
          counted: { byValue: f.counted, total: countedTotal },
          discrepancy,
          outcome,
          discrepancyItemId: itemId,
          deviceStacked: open.deviceStacked,
          collectionId: collection.id,
          newBox: f.newBox ?? null,
        };
        const slipLines = this.slipText(settlement);
        const info = this.db
          .prepare(
            `UPDATE cash_exchange SET state = 'settled', counted_json = ?, counted_total = ?,
               discrepancy = ?, outcome = ?, collection_id = ?, staff_item_id = ?,
               new_box_id = ?, new_seal = ?, slip_json = ?, ended_by = ?, ended_at = ?
             WHERE id = ? AND state = 'open'`,
          )
          .run(
            JSON.stringify(f.counted),
            countedTotal,
            discrepancy,
            outcome,
            collection.id,
            itemId,
            f.newBox?.boxId ?? null,
            f.newBox?.seal ?? null,
            JSON.stringify(slipLines),
            f.by,
            at,
            open.id,
          );
        if (info.changes !== 1) throw new Error(`cash exchange ${open.id} is no longer open`);
        return { ok: true, settlement, slipLines };
      },
    )();
  }

  /** The exchange is called off (the box goes back in uncounted): nothing else changes. */
  abort(input: AbortExchange): { ok: true } | Refused {
    const a = AbortExchange.parse(input);
    return this.db.transaction((): { ok: true } | Refused => {
      const open = this.openRow();
      if (!open) return { ok: false, refusal: noExchange() };
      this.db
        .prepare(
          `UPDATE cash_exchange SET state = 'aborted', end_reason = ?, ended_by = ?, ended_at = ?
           WHERE id = ? AND state = 'open'`,
        )
        .run(a.reason ?? null, a.by, this.clock(), open.id);
      return { ok: true };
    })();
  }

  /** Finished and aborted exchanges, newest first. */
  history(limit = 20): ExchangeRecord[] {
    const rows = this.db
      .prepare(`${SELECT_EXCHANGE} WHERE state <> 'open' ORDER BY id DESC LIMIT ?`)
      .all(limit) as ExchangeRow[];
    return rows.map((r) => this.recordOf(r));
  }

  /** Why the box cannot come out now, or null. */
  private refusalToBegin(): ExchangeRefusal | null {
    const open = this.openRow();
    if (open) {
      return {
        reason: 'exchange_open',
        exchangeId: open.id,
        message: `exchange ${open.id} (box ${open.boxId}) is still open: finish or abort it`,
      };
    }
    const collecting = this.journal.inStates(['COLLECTING']).filter((p) => p.method === 'cash');
    if (collecting.length > 0) {
      return {
        reason: 'payment_collecting',
        agentSerials: collecting.map((p) => p.agentSerial),
        message: 'a cash payment is collecting: its notes would be split between two boxes',
      };
    }
    if (this.ledger.anyNoteInEscrow()) {
      return {
        reason: 'note_in_escrow',
        message: 'a note is in escrow: it may still go into the box',
      };
    }
    return null;
  }

  private openRow(): ExchangeRow | undefined {
    return this.db.prepare(`${SELECT_EXCHANGE} WHERE state = 'open'`).get() as
      ExchangeRow | undefined;
  }

  private row(id: number): ExchangeRow {
    const row = this.db.prepare(`${SELECT_EXCHANGE} WHERE id = ?`).get(id) as
      ExchangeRow | undefined;
    if (!row) throw new Error(`no cash exchange ${id}`);
    return row;
  }

  private recordOf(r: ExchangeRow): ExchangeRecord {
    const expected = expectedOf(r);
    if (r.state === 'aborted') {
      const { draft: _, ...exchange } = openExchangeOf(r);
      return {
        state: 'aborted',
        exchange,
        by: r.endedBy ?? '',
        at: r.endedAt ?? 0,
        reason: r.endReason,
      };
    }
    const counted = parseCounts(r.countedJson ?? '{}');
    const countedTotal = r.countedTotal ?? 0;
    const settlement: Settlement = {
      exchangeId: r.id,
      boxId: r.boxId,
      seal: r.seal,
      begunBy: r.begunBy,
      begunAt: r.begunAt,
      by: r.endedBy ?? '',
      at: r.endedAt ?? 0,
      lines: settlementLines(expected.byValue, counted),
      expected,
      counted: { byValue: counted, total: countedTotal },
      discrepancy: r.discrepancy ?? 0,
      outcome: r.outcome ?? 'match',
      discrepancyItemId: r.staffItemId,
      deviceStacked: r.deviceStacked,
      collectionId: r.collectionId ?? 0,
      newBox:
        r.newBoxId !== null && r.newSeal !== null ? { boxId: r.newBoxId, seal: r.newSeal } : null,
    };
    return { state: 'settled', settlement, slipLines: JSON.parse(r.slipJson ?? '[]') as string[] };
  }
}

function noExchange(): ExchangeRefusal {
  return { reason: 'no_exchange', message: 'no cash-box exchange is open' };
}

function expectedOf(r: ExchangeRow): ExpectedNotes {
  return {
    byValue: parseCounts(r.expectedJson),
    total: r.expectedTotal,
    unknownValue: r.expectedUnknown,
  };
}

function openExchangeOf(r: ExchangeRow): OpenExchange {
  return {
    id: r.id,
    boxId: r.boxId,
    seal: r.seal,
    begunBy: r.begunBy,
    begunAt: r.begunAt,
    expected: expectedOf(r),
    deviceStacked: r.deviceStacked,
    draft: r.draftJson === null ? null : parseCounts(r.draftJson),
  };
}

/** Every denomination expected or counted, largest first. */
function settlementLines(expected: NoteCounts, counted: NoteCounts): SettlementLine[] {
  const values = [...new Set([...Object.keys(expected), ...Object.keys(counted)].map(Number))];
  return values
    .sort((a, b) => b - a)
    .map((value) => {
      const e = expected[value] ?? 0;
      const c = counted[value] ?? 0;
      return { value, expected: e, counted: c, discrepancy: e - c };
    });
}
