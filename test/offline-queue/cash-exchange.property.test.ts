// The cash-box exchange as a property: over random rounds of cash payments, stray notes (in the
// box, handed back, of uncertain fate, with or without a value, through the stray evidence),
// notes of unknown fate, notes stacked while the box is out, cash payments still collecting
// when the technician begins, random counts entered and aborted exchanges:
// - the expected count at begin is the model's box: every stacked note, every note the device
//   put in the box, since the last exchange (payments.md §6: Σ stacked = the box at 清机);
// - begin is refused while a cash payment is collecting, and writes nothing;
// - after finish, for every denomination and in total, expected = counted + discrepancy;
// - exactly one discrepancy item iff any denomination differs, for |expected − counted|, 短款
//   when less was counted, 长款 when more;
// - the box put in holds exactly the notes boxed while the old one was out (none, usually), and
//   grows only with notes stacked after the exchange; the audit counts the device's notes from
//   its counter at begin;
// - an abort changes nothing; every settled exchange's collection is its expected notes.
//
// EXCHANGE_RUNS (default 40) and EXCHANGE_SEED for longer or repeated runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StrayNoteReport } from '../../offline-queue/cash-box';
import { CashLedger } from '../../offline-queue/cash-ledger';
import { exchangeRig, paidInCash, type ExchangeRig } from './exchange-fixture';
import {
  newPayment,
  openTestJournal,
  staffRows,
  tempDir,
  type TestJournal,
} from './journal-fixture';

const RUNS = Number(process.env.EXCHANGE_RUNS ?? 40);
const SEED = Number(process.env.EXCHANGE_SEED ?? 20261126);
const TECH = '9001';
/** The acceptor's stacked counter before the journal's first note (it is not new). */
const COUNTER_AT_START = 1_000;

/** How often each case came up over all runs: the property must not pass vacuously. */
const seen = {
  refused: 0,
  attributed: 0,
  strayInBox: 0,
  unknownValueInBox: 0,
  notesWhileOut: 0,
  short: 0,
  long: 0,
  mixed: 0,
  match: 0,
  aborted: 0,
};

const DENOMINATIONS = [100, 500, 1_000, 2_000, 5_000, 10_000] as const;
const denomination = fc.constantFrom(...DENOMINATIONS);

type Op =
  | { kind: 'pay'; notes: number[] }
  | { kind: 'stray'; report: StrayNoteReport }
  /** A note in escrow whose fate is unknown (in the box if the device said so); the payment closes. */
  | { kind: 'uncertain'; stacked: number[]; value: number; inBox: boolean }
  | { kind: 'pathClear' };

const stray: fc.Arbitrary<Op> = fc
  .record({
    value: fc.option(denomination, { nil: null }),
    outcome: fc.constantFrom('stacked' as const, 'returned' as const, 'uncertain' as const),
    inBox: fc.boolean(),
  })
  .map(({ value, outcome, inBox }) => ({
    kind: 'stray',
    report: {
      value,
      outcome,
      inBox: outcome === 'stacked' ? true : outcome === 'returned' ? false : inBox,
      reason: `device said ${outcome}`,
    },
  }));

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      notes: fc.array(denomination, { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: stray },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('uncertain' as const),
      stacked: fc.array(denomination, { maxLength: 2 }),
      value: denomination,
      inBox: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'pathClear' }) },
);

interface Round {
  before: Op[];
  /** A cash payment still collecting when the technician begins (refused until it ends). */
  inFlight: number[] | null;
  /** Notes boxed while the box is out (they belong to the box put in). */
  during: Op[];
  /**
   * How the technician's count goes: as expected; off by `deltas` (counted − expected, per
   * denomination); or one note counted as two of half its value (the same total in other notes).
   */
  count: 'exact' | 'deltas' | 'swap';
  deltas: Record<number, number>;
  abort: boolean;
}

const round: fc.Arbitrary<Round> = fc.record({
  before: fc.array(op, { maxLength: 6 }),
  inFlight: fc.option(fc.array(denomination, { maxLength: 2 }), { nil: null, freq: 4 }),
  during: fc.array(op, { maxLength: 2 }),
  count: fc.constantFrom('exact' as const, 'deltas' as const, 'swap' as const),
  deltas: fc.dictionary(denomination.map(String), fc.integer({ min: -3, max: 3 })) as fc.Arbitrary<
    Record<number, number>
  >,
  abort: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
});

/** Notes by value, and notes of no value, as the model counts the box. */
class ModelBox {
  byValue = new Map<number, number>();
  unknown = 0;

  add(value: number | null): void {
    if (value === null) this.unknown++;
    else this.byValue.set(value, (this.byValue.get(value) ?? 0) + 1);
  }

  asExpected(): { byValue: Record<number, number>; total: number; unknownValue: number } {
    const byValue: Record<number, number> = {};
    let total = 0;
    for (const [v, n] of [...this.byValue].sort((a, b) => a[0] - b[0])) {
      byValue[v] = n;
      total += v * n;
    }
    return { byValue, total, unknownValue: this.unknown };
  }
}

/** Half of a note's value, where there is a note of that value. */
const HALF: Record<number, number> = { 10_000: 5_000, 2_000: 1_000, 1_000: 500 };

/** What the technician counts, by the round's way of counting. */
function countOf(expected: Record<number, number>, r: Round): Record<number, number> {
  const counted: Record<number, number> = {};
  for (const v of DENOMINATIONS) {
    const n = (expected[v] ?? 0) + (r.count === 'deltas' ? (r.deltas[v] ?? 0) : 0);
    if (n > 0) counted[v] = n;
  }
  if (r.count === 'swap') {
    const big = DENOMINATIONS.filter((v) => (counted[v] ?? 0) > 0 && HALF[v] !== undefined).at(-1);
    const half = big === undefined ? undefined : HALF[big];
    if (big !== undefined && half !== undefined) {
      counted[big] = (counted[big] ?? 0) - 1; // a zero count is no count: finish drops it
      counted[half] = (counted[half] ?? 0) + 2;
    }
  }
  return counted;
}

class Run {
  readonly rig: ExchangeRig;
  readonly ledger: CashLedger;
  /** The notes the model says are in the live box (since the last exchange). */
  box = new ModelBox();
  /** The value of the last journalled note (a stray may be evidence for it). */
  private lastNote: number | null = null;

  constructor(readonly t: TestJournal) {
    this.rig = exchangeRig(t);
    this.ledger = new CashLedger(t.db);
  }

  /** The acceptor's counter: every note it put in the box is a box row, since its start. */
  deviceCounter(): number {
    return COUNTER_AT_START + this.ledger.boxMark();
  }

  play(o: Op, into: ModelBox): void {
    const { t, rig } = this;
    switch (o.kind) {
      case 'pay':
        paidInCash(t, o.notes);
        for (const v of o.notes) into.add(v);
        this.lastNote = o.notes.at(-1) ?? this.lastNote;
        return;
      case 'stray': {
        const result = rig.box.strayNote(o.report);
        if (result === 'attributed') seen.attributed++;
        if (result === 'unattributed' && o.report.inBox) {
          seen.strayInBox++;
          if (o.report.value === null) seen.unknownValueInBox++;
        }
        if (result === 'unattributed' && o.report.inBox) into.add(o.report.value);
        if (result === 'attributed' && o.report.inBox) into.add(this.lastNote);
        return;
      }
      case 'uncertain': {
        const p = t.journal.create(newPayment());
        t.journal.startCollecting(p.id);
        for (const v of o.stacked) {
          t.journal.recordStacked(p.id, t.journal.recordEscrow(p.id, v));
          into.add(v);
        }
        const noteId = t.journal.recordEscrow(p.id, o.value);
        rig.box.noteUncertain(p.id, noteId, 'power lost while stacking', o.inBox);
        if (o.inBox) into.add(o.value);
        this.lastNote = o.value;
        // Recovery ends the payment: captured short, or abandoned with nothing in.
        if (o.stacked.length > 0) t.journal.captureFunds(p.id, '{}');
        else t.journal.abandon(p.id, 'recovered');
        return;
      }
      case 'pathClear':
        rig.box.notePathClear();
        return;
    }
  }

  discrepancyItems(): number {
    return staffRows(this.t).filter((i) => i.kind === 'discrepancy').length;
  }

  playRound(r: Round): void {
    const { t, rig } = this;
    const { exchange } = rig;
    for (const o of r.before) this.play(o, this.box);

    if (r.inFlight) {
      const p = t.journal.create(newPayment());
      t.journal.startCollecting(p.id);
      for (const v of r.inFlight) t.journal.recordStacked(p.id, t.journal.recordEscrow(p.id, v));
      const refused = exchange.begin({
        boxId: 'CB-1',
        seal: 'S-1',
        by: TECH,
        deviceStacked: this.deviceCounter(),
      });
      expect(refused).toMatchObject({
        ok: false,
        refusal: { reason: 'payment_collecting', agentSerials: [p.agentSerial] },
      });
      expect(exchange.current()).toBeNull();
      seen.refused++;
      for (const v of r.inFlight) this.box.add(v);
      if (r.inFlight.length > 0) t.journal.captureFunds(p.id, '{}');
      else t.journal.abandon(p.id, 'customer_cancelled');
    }

    // What the ledger expects is what the model put in the box.
    const expected = this.box.asExpected();
    expect(exchange.expected()).toEqual(expected);
    const counterAtBegin = this.deviceCounter();
    const begun = exchange.begin({
      boxId: 'CB-1',
      seal: 'S-1',
      by: TECH,
      deviceStacked: counterAtBegin,
    });
    expect(begun).toMatchObject({ ok: true, exchange: { expected } });

    const newBox = new ModelBox();
    for (const o of r.during) this.play(o, newBox);
    if (newBox.byValue.size > 0 || newBox.unknown > 0) seen.notesWhileOut++;
    expect(exchange.expected()).toEqual(expected);

    const entered = countOf(expected.byValue, r);
    const counted = Object.fromEntries(Object.entries(entered).filter(([, n]) => n > 0));
    const itemsBefore = this.discrepancyItems();
    const collectionsBefore = t.db.prepare('SELECT count(*) AS n FROM cash_collection').get();

    if (r.abort) {
      expect(exchange.abort({ by: TECH })).toEqual({ ok: true });
      seen.aborted++;
      expect(this.discrepancyItems()).toBe(itemsBefore);
      expect(t.db.prepare('SELECT count(*) AS n FROM cash_collection').get()).toEqual(
        collectionsBefore,
      );
      // Nothing left the box: the old notes and those boxed meanwhile are all in it.
      for (const [v, n] of newBox.byValue) for (let i = 0; i < n; i++) this.box.add(v);
      for (let i = 0; i < newBox.unknown; i++) this.box.add(null);
      expect(exchange.expected()).toEqual(this.box.asExpected());
      return;
    }

    const done = exchange.finish({ counted: entered, by: TECH });
    if (!done.ok) throw new Error(done.refusal.message);
    const s = done.settlement;
    seen[s.outcome]++;
    expect(s.expected).toEqual(expected);
    expect(s.counted.byValue).toEqual(counted);

    // expected = counted + discrepancy, per denomination and in total.
    const values = new Set([...Object.keys(expected.byValue), ...Object.keys(counted)].map(Number));
    expect(s.lines.map((l) => l.value).sort((a, b) => a - b)).toEqual(
      [...values].sort((a, b) => a - b),
    );
    for (const l of s.lines) {
      expect(l.expected).toBe(expected.byValue[l.value] ?? 0);
      expect(l.counted).toBe(counted[l.value] ?? 0);
      expect(l.expected).toBe(l.counted + l.discrepancy);
    }
    expect(s.expected.total).toBe(s.counted.total + s.discrepancy);
    expect(s.discrepancy).toBe(s.lines.reduce((sum, l) => sum + l.value * l.discrepancy, 0));

    // One discrepancy item iff the count differs anywhere, for the difference, 短款 or 长款.
    const differs = s.lines.some((l) => l.discrepancy !== 0);
    expect(this.discrepancyItems()).toBe(itemsBefore + (differs ? 1 : 0));
    if (differs) {
      const item = staffRows(this.t).at(-1);
      expect(item).toMatchObject({
        id: s.discrepancyItemId,
        kind: 'discrepancy',
        amount: Math.abs(s.discrepancy),
        reason:
          s.discrepancy > 0
            ? 'cash_exchange_short'
            : s.discrepancy < 0
              ? 'cash_exchange_long'
              : 'cash_exchange_mixed',
      });
    } else {
      expect(s.discrepancyItemId).toBeNull();
    }

    // The box put in holds only what was boxed while the old one was out; the audit counts the
    // device's notes from its counter at begin.
    this.box = newBox;
    const now = this.box.asExpected();
    expect(rig.box.contents()).toEqual({
      notes: Object.fromEntries(Object.entries(now.byValue).map(([v, n]) => [v, n])),
      total: now.total,
    });
    expect(this.ledger.live().unknownValue).toBe(now.unknownValue);
    expect(rig.box.audit(this.deviceCounter())).toMatchObject({
      deviceCount: this.deviceCounter() - counterAtBegin,
      matches: true,
    });
  }

  /** Every settled exchange's collection holds exactly its expected notes. */
  checkCollections(): void {
    const rows = this.t.db
      .prepare(
        `SELECT e.expected_total AS expectedTotal, e.expected_json AS expectedJson,
                e.expected_unknown AS unknown, c.count, c.total,
                (SELECT count(*) FROM cash_box b WHERE b.collection_id = c.id) AS boxRows
           FROM cash_exchange e JOIN cash_collection c ON c.id = e.collection_id
          WHERE e.state = 'settled'`,
      )
      .all() as {
      expectedTotal: number;
      expectedJson: string;
      unknown: number;
      count: number;
      total: number;
      boxRows: number;
    }[];
    for (const r of rows) {
      const notes = Object.values(JSON.parse(r.expectedJson) as Record<string, number>);
      const count = notes.reduce((a, b) => a + b, 0) + r.unknown;
      expect({ count: r.count, total: r.total, rows: r.boxRows }).toEqual({
        count,
        total: r.expectedTotal,
        rows: count,
      });
    }
    expect(
      this.t.db
        .prepare(
          `SELECT count(*) AS n FROM cash_exchange WHERE state <> 'settled' AND collection_id IS NOT NULL`,
        )
        .get(),
    ).toEqual({ n: 0 });
  }
}

describe('the cash-box exchange, as a property', () => {
  it('keeps expected = counted + discrepancy, one item per difference, and a new box that starts empty', () => {
    fc.assert(
      fc.property(
        fc.array(round, { minLength: 1, maxLength: 4 }),
        fc.array(op, { maxLength: 4 }),
        (rounds, after) => {
          const tmp = tempDir('kiosk-exchange-prop-');
          const t = openTestJournal(tmp.file('journal.sqlite'));
          try {
            const run = new Run(t);
            for (const r of rounds) run.playRound(r);
            // After the last exchange, the box grows only with notes stacked since.
            for (const o of after) run.play(o, run.box);
            expect(run.rig.exchange.expected()).toEqual(run.box.asExpected());
            run.checkCollections();
          } finally {
            t.close();
            tmp.remove();
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  }, 120_000);
});
