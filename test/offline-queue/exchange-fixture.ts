// The cash-box exchange over a test journal: the exchange, the cash box and the staff items on
// one database, the settlement slip's real text, and the whole cash ledger as rows (to compare
// a journal before and after a step, or after a kill).
import { CashBox } from '../../offline-queue/cash-box';
import { CashExchange } from '../../offline-queue/cash-exchange';
import type { JournalDb } from '../../offline-queue/open-journal';
import { StaffItems } from '../../offline-queue/staff-items';
import { settlementSlipText } from '../../src/receipts/settlement-slip';
import { TERMINAL, requestBody, newPayment, type TestJournal } from './journal-fixture';

export interface ExchangeRig {
  staff: StaffItems;
  box: CashBox;
  exchange: CashExchange;
}

export function exchangeRig(t: TestJournal): ExchangeRig {
  const staff = new StaffItems(t.db, t.clock);
  return {
    staff,
    box: new CashBox(t.db, t.journal, staff, t.clock),
    exchange: new CashExchange({
      db: t.db,
      journal: t.journal,
      staff,
      slipText: settlementSlipText(TERMINAL),
      clock: t.clock,
    }),
  };
}

/** A cash payment whose notes are stacked and whose funds are captured, in one transaction. */
export function paidInCash(t: TestJournal, notes: readonly number[]): number {
  return t.db.transaction(() => {
    const p = t.journal.create(newPayment());
    t.journal.startCollecting(p.id);
    for (const value of notes) t.journal.recordStacked(p.id, t.journal.recordEscrow(p.id, value));
    t.journal.captureFunds(p.id, requestBody(p.agentSerial, notes));
    return p.id;
  })();
}

/** The tables a cash-box exchange reads or writes, every row, in order. */
export const LEDGER_TABLES = [
  'cash_note',
  'cash_box',
  'stray_note',
  'cash_collection',
  'cash_exchange',
  'staff_item',
] as const;

export type LedgerRows = Record<(typeof LEDGER_TABLES)[number], unknown[]>;

export function ledgerRows(db: JournalDb): LedgerRows {
  const rows = {} as LedgerRows;
  for (const table of LEDGER_TABLES) {
    // The names are the fixed list above; the test reads, it never writes.
    rows[table] = db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  }
  return rows;
}
