// The cash-box exchange (清机), step by step: the expected count fixed at begin; begin refused
// while notes are in flight (a cash payment collecting, a note in escrow) or another exchange is
// open; the counts kept across a restart; finish settling in one transaction (the settlement,
// the collection, a discrepancy item for 短款, 长款 or other notes, the slip's lines), the new
// box empty and the audit counting from the acceptor's counter at begin; abort changing nothing
// else; and settled rows final.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CashExchange } from '../../offline-queue/cash-exchange';
import { CashLedger } from '../../offline-queue/cash-ledger';
import { settlementSlip, settlementSlipText } from '../../src/receipts/settlement-slip';
import { screenLines } from '../../src/receipts/render-text';
import { exchangeRig, ledgerRows, paidInCash, type ExchangeRig } from './exchange-fixture';
import {
  TERMINAL,
  collectingPayment,
  newPayment,
  openTestJournal,
  staffRows,
  tempDir,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

let tmp: TempDir;
let t: TestJournal;
let rig: ExchangeRig;
let exchange: CashExchange;

const TECH = '9001';
const OTHER_TECH = '9002';
const begin = (deviceStacked: number | null = 40) =>
  exchange.begin({ boxId: 'CB-0042', seal: 'S20261126', by: TECH, deviceStacked });

function open(): void {
  t = openTestJournal(tmp.file('journal.sqlite'), t?.clock);
  rig = exchangeRig(t);
  exchange = rig.exchange;
}

/** The journal as a restarted host finds it. */
function restart(): void {
  t.close();
  open();
}

beforeEach(() => {
  tmp = tempDir('kiosk-exchange-');
  open();
});
afterEach(() => {
  t.close();
  tmp.remove();
});

const exchangeCount = () =>
  (t.db.prepare('SELECT count(*) AS n FROM cash_exchange').get() as { n: number }).n;

describe('the expected count', () => {
  it('before begin is the live ledger: notes stacked, strays of known value, unknown ones apart', () => {
    paidInCash(t, [10000, 10000, 5000]);
    paidInCash(t, [2000]);
    rig.box.strayNote({ value: 1000, outcome: 'stacked', inBox: true, reason: 'POWER UP 42' });
    rig.box.notePathClear();
    rig.box.strayNote({ value: null, outcome: 'uncertain', inBox: true, reason: 'SSP E2' });
    expect(exchange.expected()).toEqual({
      byValue: { 1000: 1, 2000: 1, 5000: 1, 10000: 2 },
      total: 28000,
      unknownValue: 1,
    });
  });

  it('is fixed at begin: notes stacked later belong to the box put in', () => {
    paidInCash(t, [10000]);
    expect(begin()).toMatchObject({ ok: true });
    paidInCash(t, [5000]);
    const fixed = { byValue: { 10000: 1 }, total: 10000, unknownValue: 0 };
    expect(exchange.expected()).toEqual(fixed);
    expect(exchange.current()?.expected).toEqual(fixed);
  });
});

describe('begin', () => {
  it('journals the box taken out, who, when, the expected notes and the counter', () => {
    paidInCash(t, [10000, 2000]);
    const r = begin(40);
    expect(r).toEqual({
      ok: true,
      exchange: {
        id: 1,
        boxId: 'CB-0042',
        seal: 'S20261126',
        begunBy: TECH,
        begunAt: t.clock(),
        expected: { byValue: { 2000: 1, 10000: 1 }, total: 12000, unknownValue: 0 },
        deviceStacked: 40,
        draft: null,
      },
    });
    restart();
    expect(exchange.current()).toEqual(r.ok ? r.exchange : null);
    // The ledger itself is untouched until finish.
    expect(rig.box.contents()).toEqual({ notes: { 2000: 1, 10000: 1 }, total: 12000 });
  });

  it('is refused while a cash payment is collecting, even before its first note', () => {
    const p = t.journal.create(newPayment());
    t.journal.startCollecting(p.id);
    const r = begin();
    expect(r).toMatchObject({
      ok: false,
      refusal: { reason: 'payment_collecting', agentSerials: [p.agentSerial] },
    });
    expect(r.ok ? '' : r.refusal.message).toMatch(/split between two boxes/);
    expect(exchangeCount()).toBe(0);
  });

  it('is refused while a note is in escrow', () => {
    // A note left in escrow by a payment that is no longer collecting (abandoned with nothing
    // stacked): whether it goes into the box is still open.
    const p = collectingPayment(t, { escrowed: [5000] });
    t.journal.abandon(p.id, 'test');
    expect(begin()).toMatchObject({ ok: false, refusal: { reason: 'note_in_escrow' } });
    expect(exchangeCount()).toBe(0);
  });

  it('is not held up by a QR payment in progress, nor by notes already settled', () => {
    const qr = t.journal.create(newPayment({ method: 'qr' }));
    t.journal.startCollecting(qr.id);
    paidInCash(t, [10000]);
    const returned = collectingPayment(t, { returned: [5000] });
    t.journal.abandon(returned.id, 'customer_cancelled');
    expect(begin()).toMatchObject({ ok: true });
  });

  it('is refused while another exchange is open', () => {
    expect(begin()).toMatchObject({ ok: true });
    expect(begin()).toMatchObject({
      ok: false,
      refusal: { reason: 'exchange_open', exchangeId: 1 },
    });
    expect(exchangeCount()).toBe(1);
  });

  it('throws on a malformed request and writes nothing', () => {
    const good = { boxId: 'CB-1', seal: 'S-1', by: TECH, deviceStacked: 0 };
    expect(() => exchange.begin({ ...good, by: 'tech' })).toThrow();
    expect(() => exchange.begin({ ...good, seal: '' })).toThrow();
    expect(() => exchange.begin({ ...good, boxId: 'CB 1;' })).toThrow();
    expect(() => exchange.begin({ ...good, deviceStacked: -1 })).toThrow();
    expect(() => exchange.begin({ ...good, deviceStacked: 1.5 })).toThrow();
    expect(exchangeCount()).toBe(0);
  });
});

describe('count', () => {
  it('keeps the counts entered so far across a restart, and touches nothing else', () => {
    paidInCash(t, [10000]);
    begin();
    const before = ledgerRows(t.db);
    expect(exchange.count({ 10000: 1, 5000: 0, 2000: 3 })).toMatchObject({
      ok: true,
      exchange: { draft: { 2000: 3, 10000: 1 } },
    });
    restart();
    expect(exchange.current()?.draft).toEqual({ 2000: 3, 10000: 1 });
    const after = ledgerRows(t.db);
    expect({ ...after, cash_exchange: [] }).toEqual({ ...before, cash_exchange: [] });
  });

  it('is refused with no exchange open, and throws on a count that is no count', () => {
    expect(exchange.count({ 10000: 1 })).toMatchObject({
      ok: false,
      refusal: { reason: 'no_exchange' },
    });
    begin();
    expect(() => exchange.count({ 10000: -1 })).toThrow();
    expect(() => exchange.count({ 10000: 0.5 })).toThrow();
    expect(() => exchange.count({ 0: 1 })).toThrow();
    expect(() => exchange.count({ 10000: 100_001 })).toThrow();
    expect(exchange.current()?.draft).toBeNull();
  });
});

describe('finish', () => {
  it('settles an exact count: no staff item, the box emptied, the counter as the new baseline', () => {
    paidInCash(t, [10000, 10000, 5000]);
    begin(40);
    t.clock.advance(15 * 60_000);
    const r = exchange.finish({
      counted: { 10000: 2, 5000: 1 },
      by: TECH,
      newBox: { boxId: 'CB-0043', seal: 'S20261127' },
    });
    if (!r.ok) throw new Error(r.refusal.message);
    expect(r.settlement).toMatchObject({
      exchangeId: 1,
      boxId: 'CB-0042',
      seal: 'S20261126',
      by: TECH,
      at: t.clock(),
      lines: [
        { value: 10000, expected: 2, counted: 2, discrepancy: 0 },
        { value: 5000, expected: 1, counted: 1, discrepancy: 0 },
      ],
      expected: { total: 25000 },
      counted: { byValue: { 10000: 2, 5000: 1 }, total: 25000 },
      discrepancy: 0,
      outcome: 'match',
      discrepancyItemId: null,
      deviceStacked: 40,
      newBox: { boxId: 'CB-0043', seal: 'S20261127' },
    });
    expect(staffRows(t)).toEqual([]);
    expect(exchange.current()).toBeNull();
    expect(rig.box.contents()).toEqual({ notes: {}, total: 0 });
    // The collection holds the old box's notes and the counter where it stood at begin.
    expect(
      t.db.prepare('SELECT by, count, total, device_stacked FROM cash_collection').all(),
    ).toEqual([{ by: TECH, count: 3, total: 25000, device_stacked: 40 }]);
    expect(rig.box.audit(40)).toMatchObject({ deviceCount: 0, matches: true });
    paidInCash(t, [2000]);
    expect(rig.box.contents()).toEqual({ notes: { 2000: 1 }, total: 2000 });
    expect(rig.box.audit(41)).toMatchObject({ deviceCount: 1, matches: true });
    expect(rig.box.audit(44)).toMatchObject({ deviceCount: 4, matches: false });
    // The slip's lines are journalled with the settlement, and are the layout's.
    restart();
    expect(exchange.history()).toEqual([
      { state: 'settled', settlement: r.settlement, slipLines: r.slipLines },
    ]);
    expect(r.slipLines).toEqual(
      screenLines(settlementSlip({ terminalId: TERMINAL, settlement: r.settlement })),
    );
    expect(r.slipLines).toContain('差额：无');
  });

  it('opens a 短款 item when notes are missing, with its amount and the notes', () => {
    paidInCash(t, [10000, 10000, 5000]);
    begin();
    const r = exchange.finish({ counted: { 10000: 1, 5000: 1 }, by: OTHER_TECH });
    if (!r.ok) throw new Error(r.refusal.message);
    expect(r.settlement).toMatchObject({
      discrepancy: 10000,
      outcome: 'short',
      begunBy: TECH,
      by: OTHER_TECH,
    });
    const items = staffRows(t);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: r.settlement.discrepancyItemId,
      kind: 'discrepancy',
      payment_id: null,
      amount: 10000,
      reason: 'cash_exchange_short',
    });
    expect(JSON.parse(items[0]?.detail_json ?? '')).toEqual({
      exchangeId: 1,
      boxId: 'CB-0042',
      seal: 'S20261126',
      direction: 'short',
      expectedTotal: 25000,
      countedTotal: 15000,
      discrepancy: 10000,
      notes: [{ value: 10000, discrepancy: 1 }],
      unknownValueNotes: 0,
      notesUnderReview: 0,
    });
    expect(r.slipLines).toContain('差额：短款 100.00元');
    expect(r.slipLines).toContain('100元 应2张 实1张：短 1 张');
    expect(r.slipLines).toContain('清机人工号：9001（开始）/ 9002（结算）');
    // The box is emptied all the same: what is missing is for staff, not for the next box.
    expect(rig.box.contents()).toEqual({ notes: {}, total: 0 });
  });

  it('opens a 长款 item when there is more than expected, in a denomination not expected too', () => {
    paidInCash(t, [10000]);
    begin();
    const r = exchange.finish({ counted: { 10000: 1, 2000: 1 }, by: TECH });
    if (!r.ok) throw new Error(r.refusal.message);
    expect(r.settlement).toMatchObject({ discrepancy: -2000, outcome: 'long' });
    expect(r.settlement.lines).toEqual([
      { value: 10000, expected: 1, counted: 1, discrepancy: 0 },
      { value: 2000, expected: 0, counted: 1, discrepancy: -1 },
    ]);
    expect(staffRows(t)).toMatchObject([
      { kind: 'discrepancy', amount: 2000, reason: 'cash_exchange_long' },
    ]);
    expect(r.slipLines).toContain('差额：长款 20.00元');
  });

  it('opens an item when the total agrees in other notes than expected', () => {
    paidInCash(t, [10000]);
    begin();
    const r = exchange.finish({ counted: { 5000: 2 }, by: TECH });
    if (!r.ok) throw new Error(r.refusal.message);
    expect(r.settlement).toMatchObject({ discrepancy: 0, outcome: 'mixed' });
    expect(staffRows(t)).toMatchObject([
      { kind: 'discrepancy', amount: 0, reason: 'cash_exchange_mixed' },
    ]);
    expect(r.slipLines).toContain('差额：金额相符，面额不符');
  });

  it('settles an empty box', () => {
    begin(null);
    const r = exchange.finish({ counted: {}, by: TECH });
    expect(r).toMatchObject({ ok: true, settlement: { outcome: 'match', lines: [] } });
    expect(r.ok && r.slipLines).toContain('识别器计数：无');
  });

  it('leaves notes stacked while the box was out to the box put in', () => {
    paidInCash(t, [10000, 10000]);
    begin(40);
    paidInCash(t, [5000]);
    rig.box.strayNote({ value: 1000, outcome: 'stacked', inBox: true, reason: 'POWER UP 42' });
    const r = exchange.finish({ counted: { 10000: 2 }, by: TECH });
    expect(r).toMatchObject({ ok: true, settlement: { outcome: 'match' } });
    expect(rig.box.contents()).toEqual({ notes: { 1000: 1, 5000: 1 }, total: 6000 });
    expect(rig.box.audit(42)).toMatchObject({ deviceCount: 2, matches: true });
  });

  it('shows notes of unknown value apart, and counts them for staff', () => {
    rig.box.strayNote({ value: null, outcome: 'uncertain', inBox: true, reason: 'SSP E2' });
    paidInCash(t, [10000]);
    begin();
    const r = exchange.finish({ counted: { 10000: 1, 5000: 1 }, by: TECH });
    if (!r.ok) throw new Error(r.refusal.message);
    expect(r.settlement.expected).toEqual({
      byValue: { 10000: 1 },
      total: 10000,
      unknownValue: 1,
    });
    expect(r.settlement.outcome).toBe('long');
    expect(r.slipLines).toContain('面额未知纸币：1 张（未计入应有）');
    const item = staffRows(t).find((i) => i.kind === 'discrepancy');
    expect(JSON.parse(item?.detail_json ?? '')).toMatchObject({
      unknownValueNotes: 1,
      notesUnderReview: 1, // the stray's own note_review item
    });
    // Every row of the box taken out left the live ledger, the unknown one too.
    expect(new CashLedger(t.db).live()).toEqual({
      count: 0,
      total: 0,
      byValue: {},
      unknownValue: 0,
    });
  });

  it('is refused with no exchange open, and throws on a bad count, changing nothing', () => {
    paidInCash(t, [10000]);
    expect(exchange.finish({ counted: { 10000: 1 }, by: TECH })).toMatchObject({
      ok: false,
      refusal: { reason: 'no_exchange' },
    });
    begin();
    const before = ledgerRows(t.db);
    expect(() => exchange.finish({ counted: { 10000: -1 }, by: TECH })).toThrow();
    expect(() => exchange.finish({ counted: { 10000: 1 }, by: 'x' })).toThrow();
    expect(ledgerRows(t.db)).toEqual(before);
  });

  it('commits nothing when the slip cannot be made: the exchange stays open', () => {
    paidInCash(t, [10000]);
    begin();
    const before = ledgerRows(t.db);
    const failing = new CashExchange({
      db: t.db,
      journal: t.journal,
      staff: rig.staff,
      slipText: () => {
        throw new Error('no slip');
      },
      clock: t.clock,
    });
    expect(() => failing.finish({ counted: {}, by: TECH })).toThrow('no slip');
    expect(ledgerRows(t.db)).toEqual(before);
    expect(failing.current()?.id).toBe(1);
  });

  it('is refused when the box was emptied by other means meanwhile', () => {
    paidInCash(t, [10000]);
    begin();
    t.db.transaction(() => new CashLedger(t.db).recordCollection(TECH, null, t.clock()))();
    expect(exchange.finish({ counted: { 10000: 1 }, by: TECH })).toMatchObject({
      ok: false,
      refusal: { reason: 'box_changed' },
    });
  });
});

describe('abort', () => {
  it('closes the exchange and changes nothing else; a new one may begin', () => {
    paidInCash(t, [10000]);
    const before = ledgerRows(t.db);
    begin();
    exchange.count({ 10000: 1 });
    t.clock.advance(60_000);
    expect(exchange.abort({ by: TECH, reason: 'seal broken, call the office' })).toEqual({
      ok: true,
    });
    const after = ledgerRows(t.db);
    expect({ ...after, cash_exchange: [] }).toEqual({ ...before, cash_exchange: [] });
    expect(exchange.current()).toBeNull();
    expect(exchange.history()).toMatchObject([
      {
        state: 'aborted',
        exchange: { id: 1, boxId: 'CB-0042' },
        by: TECH,
        at: t.clock(),
        reason: 'seal broken, call the office',
      },
    ]);
    expect(begin()).toMatchObject({ ok: true, exchange: { id: 2 } });
  });

  it('is refused with no exchange open', () => {
    expect(exchange.abort({ by: TECH })).toMatchObject({
      ok: false,
      refusal: { reason: 'no_exchange' },
    });
  });
});

describe('the journal keeps exchanges whole', () => {
  it('refuses to change, delete or replace a settled or aborted exchange', () => {
    begin();
    exchange.finish({ counted: {}, by: TECH });
    begin();
    exchange.abort({ by: TECH });
    for (const id of [1, 2]) {
      expect(() =>
        t.db.prepare(`UPDATE cash_exchange SET seal = 'X' WHERE id = ?`).run(id),
      ).toThrow(/final/);
      expect(() => t.db.prepare(`DELETE FROM cash_exchange WHERE id = ?`).run(id)).toThrow(
        /never deleted/,
      );
      expect(() =>
        t.db
          .prepare(`INSERT OR REPLACE INTO cash_exchange SELECT * FROM cash_exchange WHERE id = ?`)
          .run(id),
      ).toThrow(/never replaced/);
    }
  });

  it('holds one open exchange at most', () => {
    begin();
    expect(() =>
      t.db
        .prepare(
          `INSERT INTO cash_exchange(state, box_id, seal, begun_by, begun_at, box_mark,
             expected_json, expected_total, expected_unknown)
           VALUES ('open', 'B', 'S', '9001', 0, 0, '{}', 0, 0)`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('keeps the cash box from being collected apart while an exchange is open', () => {
    paidInCash(t, [10000]);
    begin();
    expect(() => rig.box.collect(TECH, 40)).toThrow(/exchange is open/);
    exchange.abort({ by: TECH });
    expect(rig.box.collect(TECH, 40)).toEqual({ count: 1, total: 10000 });
  });
});

describe('history', () => {
  it('lists settled and aborted exchanges, newest first, never the open one', () => {
    begin();
    exchange.finish({ counted: {}, by: TECH });
    begin();
    exchange.abort({ by: TECH });
    begin();
    expect(exchange.history().map((h) => h.state)).toEqual(['aborted', 'settled']);
    expect(exchange.history(1)).toHaveLength(1);
  });

  it('rebuilds the slip from the journal for a reprint', () => {
    paidInCash(t, [10000]);
    begin();
    const r = exchange.finish({ counted: {}, by: TECH });
    const [record] = exchange.history();
    if (!r.ok || record?.state !== 'settled') throw new Error('not settled');
    expect(settlementSlipText(TERMINAL)(record.settlement)).toEqual(r.slipLines);
  });
});
