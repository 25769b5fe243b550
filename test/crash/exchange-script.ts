// The cash-box exchange kill loop's script: a seeded list of steps, each ONE transaction on the
// journal (so the state after any kill must be the state after a whole number of steps): cash
// payments and stray notes (the setting), and the exchange's own steps through the production
// code — begin, count, finish, abort. Run the same way by the loop (in-process, the reference)
// and by the child it kills (exchange-child.ts). Each step runs at its own fixed time, so a
// step replayed after a kill writes exactly what it would have written without one.
import { CashBox, type StrayNoteReport } from '../../offline-queue/cash-box';
import { CashExchange } from '../../offline-queue/cash-exchange';
import { CashLedger } from '../../offline-queue/cash-ledger';
import type { Statement } from 'better-sqlite3';
import type { JournalDb } from '../../offline-queue/open-journal';
import { PaymentJournal } from '../../offline-queue/payment-journal';
import { StaffItems } from '../../offline-queue/staff-items';
import { settlementSlipText } from '../../src/receipts/settlement-slip';
import { Rng } from './rng';

// (No test fixture here: journal-fixture imports vitest, and the child runs outside it.)
const TERMINAL = 'SH-XH-WK-0007';
const T0 = Date.parse('2026-11-26T09:00:00+08:00');
const STEP_MS = 60_000;
const TECH = '9001';
/** The acceptor's stacked counter before the journal's first note. */
const COUNTER_AT_START = 5_000;
const DENOMINATIONS = [100, 500, 1_000, 2_000, 5_000, 10_000] as const;

export type ExchangeStep =
  | { kind: 'pay'; notes: number[] }
  | { kind: 'stray'; report: StrayNoteReport }
  | { kind: 'begin'; boxId: string; seal: string }
  | { kind: 'count'; deltas: Record<number, number> }
  /** Counted = expected + deltas (per denomination). */
  | { kind: 'finish'; deltas: Record<number, number>; newBox: boolean }
  | { kind: 'abort' };

/** The steps the exchange itself takes (the production code under test). */
export const EXCHANGE_STEPS: ReadonlySet<ExchangeStep['kind']> = new Set([
  'begin',
  'count',
  'finish',
  'abort',
]);

function deltas(rng: Rng, chance: number): Record<number, number> {
  const out: Record<number, number> = {};
  if (rng.next() >= chance) return out;
  for (const v of DENOMINATIONS) if (rng.next() < 0.3) out[v] = rng.int(-2, 2);
  return out;
}

function setting(rng: Rng): ExchangeStep {
  if (rng.next() < 0.7) {
    return {
      kind: 'pay',
      notes: Array.from({ length: rng.int(1, 3) }, () => rng.pick(DENOMINATIONS)),
    };
  }
  const outcome = rng.pick(['stacked', 'returned', 'uncertain'] as const);
  return {
    kind: 'stray',
    report: {
      value: rng.next() < 0.3 ? null : rng.pick(DENOMINATIONS),
      outcome,
      inBox: outcome === 'stacked' || (outcome === 'uncertain' && rng.next() < 0.5),
      reason: `device said ${outcome}`,
    },
  };
}

/**
 * Rounds until the script has at least `minSteps` steps: a few payments and strays, begin, maybe
 * a payment while the box is out, maybe the counts entered, then finish (counts exact about half
 * the time, else off) or, one time in five, abort.
 */
export function exchangeScript(seed: number, minSteps: number): ExchangeStep[] {
  const rng = new Rng(seed);
  const steps: ExchangeStep[] = [];
  for (let n = 1; steps.length < minSteps; n++) {
    for (let i = rng.int(1, 4); i > 0; i--) steps.push(setting(rng));
    steps.push({ kind: 'begin', boxId: `CB-${n}`, seal: `S${String(n).padStart(6, '0')}` });
    if (rng.next() < 0.3) steps.push({ kind: 'pay', notes: [rng.pick(DENOMINATIONS)] });
    if (rng.next() < 0.5) steps.push({ kind: 'count', deltas: deltas(rng, 0.5) });
    steps.push(
      rng.next() < 0.2
        ? { kind: 'abort' }
        : { kind: 'finish', deltas: deltas(rng, 0.5), newBox: rng.next() < 0.5 },
    );
  }
  return steps;
}

/** The exchange's pieces on an open journal, each step run at its own time. */
export class ExchangeScriptRunner {
  private now = T0;
  private readonly journal: PaymentJournal;
  private readonly box: CashBox;
  private readonly exchange: CashExchange;
  private readonly ledger: CashLedger;

  constructor(private readonly db: JournalDb) {
    const clock = () => this.now;
    this.journal = new PaymentJournal(db, clock);
    const staff = new StaffItems(db, clock);
    this.box = new CashBox(db, this.journal, staff, clock);
    this.exchange = new CashExchange({
      db,
      journal: this.journal,
      staff,
      slipText: settlementSlipText(TERMINAL),
      clock,
    });
    this.ledger = new CashLedger(db);
  }

  /** A cash payment: notes stacked, funds captured (one transaction: the setting, not the test). */
  private pay(notes: readonly number[]): void {
    const { journal } = this;
    this.db.transaction(() => {
      const p = journal.create({
        terminalId: TERMINAL,
        businessDay: '20261126',
        billerId: 'sh-power',
        account: '3100123456',
        quoteId: 'q_exchange',
        quoteJson: '{}',
        amountDue: 100,
        acceptsOverpayment: true,
        method: 'cash',
      });
      journal.startCollecting(p.id);
      for (const v of notes) journal.recordStacked(p.id, journal.recordEscrow(p.id, v));
      journal.captureFunds(p.id, JSON.stringify({ agentSerial: p.agentSerial, notes }));
    })();
  }

  /** Runs step `index` of the script; each is one transaction (or none, when it adds nothing). */
  run(index: number, step: ExchangeStep): void {
    this.now = T0 + index * STEP_MS;
    const { exchange } = this;
    switch (step.kind) {
      case 'pay':
        this.pay(step.notes);
        return;
      case 'stray':
        this.box.strayNote(step.report);
        return;
      case 'begin': {
        const r = exchange.begin({
          boxId: step.boxId,
          seal: step.seal,
          by: TECH,
          deviceStacked: COUNTER_AT_START + this.ledger.boxMark(),
        });
        if (!r.ok) throw new Error(`step ${index}: begin refused: ${r.refusal.message}`);
        return;
      }
      case 'count': {
        const r = exchange.count(this.counted(step.deltas));
        if (!r.ok) throw new Error(`step ${index}: count refused: ${r.refusal.message}`);
        return;
      }
      case 'finish': {
        const r = exchange.finish({
          counted: this.counted(step.deltas),
          by: TECH,
          ...(step.newBox && { newBox: { boxId: `NEW-${index}`, seal: `N${index}` } }),
        });
        if (!r.ok) throw new Error(`step ${index}: finish refused: ${r.refusal.message}`);
        return;
      }
      case 'abort': {
        const r = exchange.abort({ by: TECH, reason: 'seal does not match the log' });
        if (!r.ok) throw new Error(`step ${index}: abort refused: ${r.refusal.message}`);
        return;
      }
    }
  }

  /** The open exchange's expected notes, off by the step's deltas (never below zero). */
  private counted(d: Record<number, number>): Record<number, number> {
    const expected = this.exchange.expected().byValue;
    const counted: Record<number, number> = {};
    for (const v of DENOMINATIONS) counted[v] = Math.max(0, (expected[v] ?? 0) + (d[v] ?? 0));
    return counted;
  }
}

/** The tables the steps write. */
const TABLES = [
  'cash_note',
  'cash_box',
  'stray_note',
  'cash_collection',
  'cash_exchange',
  'staff_item',
] as const;

/** Everything the steps write, as one comparable text. */
export function journalState(db: JournalDb): string {
  const rows: Record<string, unknown[]> = {};
  // The names are the fixed list above; this reads, it never writes.
  for (const table of TABLES) rows[table] = db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  return JSON.stringify({
    ...rows,
    payment: db.prepare('SELECT * FROM payment ORDER BY id').all(),
    payment_event: db.prepare('SELECT * FROM payment_event ORDER BY id').all(),
    outbox: db.prepare('SELECT * FROM outbox ORDER BY id').all(),
  });
}

/**
 * The ledger is whole, whatever the reference says: no exchange is half settled. Each settled
 * exchange has its collection, holding exactly the notes it expected, and, when the count
 * differed, its open discrepancy item; no open or aborted one has either; at most one is open;
 * every discrepancy item of an exchange belongs to a settled one. Returns the violations.
 */
export function wholeLedgerViolations(db: JournalDb): string[] {
  const v: string[] = [];
  const rows = db
    .prepare(
      `SELECT e.id, e.state, e.expected_json AS expectedJson, e.expected_total AS expectedTotal,
              e.expected_unknown AS unknown, e.collection_id AS collectionId,
              e.staff_item_id AS itemId, e.outcome, e.slip_json AS slip,
              c.count, c.total,
              (SELECT count(*) FROM cash_box b WHERE b.collection_id = c.id) AS boxRows
         FROM cash_exchange e LEFT JOIN cash_collection c ON c.id = e.collection_id
        ORDER BY e.id`,
    )
    .all() as {
    id: number;
    state: string;
    expectedJson: string;
    expectedTotal: number;
    unknown: number;
    collectionId: number | null;
    itemId: number | null;
    outcome: string | null;
    slip: string | null;
    count: number | null;
    total: number | null;
    boxRows: number | null;
  }[];
  if (rows.filter((r) => r.state === 'open').length > 1) v.push('more than one open exchange');
  for (const r of rows) {
    if (r.state !== 'settled') {
      if (r.collectionId !== null || r.itemId !== null || r.slip !== null)
        v.push(`exchange ${r.id} is ${r.state} but has a settlement's rows`);
      continue;
    }
    const expectedCount =
      Object.values(JSON.parse(r.expectedJson) as Record<string, number>).reduce(
        (a, b) => a + b,
        0,
      ) + r.unknown;
    if (r.count !== expectedCount || r.boxRows !== expectedCount || r.total !== r.expectedTotal)
      v.push(
        `exchange ${r.id}: collection ${r.collectionId} holds ${r.boxRows} rows (${r.count}, ${r.total} fen), expected ${expectedCount} (${r.expectedTotal} fen)`,
      );
    if ((r.outcome === 'match') !== (r.itemId === null))
      v.push(`exchange ${r.id}: outcome ${r.outcome} with item ${r.itemId}`);
  }
  const items = db
    .prepare(
      `SELECT id, json_extract(detail_json, '$.exchangeId') AS exchangeId FROM staff_item
        WHERE kind = 'discrepancy' AND json_extract(detail_json, '$.exchangeId') IS NOT NULL`,
    )
    .all() as { id: number; exchangeId: number }[];
  for (const i of items) {
    const owner = rows.find((r) => r.id === i.exchangeId);
    if (owner?.state !== 'settled' || owner.itemId !== i.id)
      v.push(`discrepancy item ${i.id} belongs to no settled exchange ${i.exchangeId}`);
  }
  const orphans = db
    .prepare(
      `SELECT count(*) AS n FROM cash_collection c
        WHERE NOT EXISTS (SELECT 1 FROM cash_exchange e WHERE e.collection_id = c.id)`,
    )
    .get() as { n: number };
  if (orphans.n > 0) v.push(`${orphans.n} collections belong to no exchange`);
  return v;
}

/**
 * Counts the write statements (every run() on the connection) of the step being run, and calls
 * `before(n)` / `after(n)` around each (n: writes done so far), where a child may die.
 */
export class WriteCounter {
  count = 0;

  constructor(
    db: JournalDb,
    hooks: { before?(done: number): void; after?(done: number): void } = {},
  ) {
    const wrapped = new WeakSet<Statement>();
    const prepare = db.prepare.bind(db);
    db.prepare = ((source: string) => {
      const statement = prepare(source);
      if (!wrapped.has(statement)) {
        wrapped.add(statement);
        const run = statement.run.bind(statement);
        statement.run = (...params: unknown[]) => {
          hooks.before?.(this.count);
          const info = run(...params);
          this.count++;
          hooks.after?.(this.count);
          return info;
        };
      }
      return statement;
    }) as JournalDb['prepare'];
  }
}
