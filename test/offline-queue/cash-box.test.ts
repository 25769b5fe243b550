// CashBox: uncertain notes go to staff, stray notes after a restart are counted once and only
// when they can be the last journalled note, collections empty the live ledger, and the audit
// compares the ledger with the device's counter since the last collection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CashBox } from '../../offline-queue/cash-box';
import { StaffItems } from '../../offline-queue/staff-items';
import { auditCashBox } from '../../src/host/heartbeat-job';
import {
  collectingPayment,
  openTestJournal,
  tempDir,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

let tmp: TempDir;
let t: TestJournal;
let staff: StaffItems;
let box: CashBox;

beforeEach(() => {
  tmp = tempDir();
  t = openTestJournal(tmp.file('journal.sqlite'));
  staff = new StaffItems(t.db, t.clock);
  box = new CashBox(t.db, t.journal, staff, t.clock);
});
afterEach(() => {
  t.close();
  tmp.remove();
});

const boxRows = () =>
  t.db.prepare(`SELECT note_id AS noteId, value FROM cash_box ORDER BY id`).all() as {
    noteId: number;
    value: number;
  }[];

/** A note that was in escrow when the host stopped: recovery marks it unknown. */
function unknownNote(value: number, stacked: number[] = []): { paymentId: number; noteId: number } {
  const p = collectingPayment(t, { stacked, escrowed: [value] });
  const noteId = p.escrowedNoteIds[0] as number;
  t.journal.markNoteUnknown(p.id, noteId);
  return { paymentId: p.id, noteId };
}

describe('uncertain notes', () => {
  it('are credited to no one and opened for staff, in one commit', () => {
    const p = collectingPayment(t, { stacked: [10000], escrowed: [5000] });
    const noteId = p.escrowedNoteIds[0] as number;
    expect(box.noteUncertain(p.id, noteId, 'stacker jam')).toBe(5000);
    expect(t.journal.get(p.id).collected).toBe(10000);
    expect(t.journal.notesInEscrow(p.id)).toBe(0);
    const items = staff.openItems();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'note_review',
      paymentId: p.id,
      amount: 5000,
      reason: 'stacker jam',
    });
    expect(boxRows()).toEqual([{ noteId: expect.any(Number), value: 10000 }]);
  });

  it('a note the device put in the box without a credit is counted there, credited to no one', () => {
    const p = collectingPayment(t, { escrowed: [5000] });
    box.noteUncertain(p.id, p.escrowedNoteIds[0] as number, 'bill in stacker at power-up', true);
    expect(t.journal.get(p.id).collected).toBe(0);
    expect(boxRows()).toEqual([{ noteId: p.escrowedNoteIds[0], value: 5000 }]);
    expect(staff.openItems()[0]?.detail).toMatchObject({ inBox: true });
  });

  it('refuse a note that is not in escrow, changing nothing', () => {
    const p = collectingPayment(t, { stacked: [10000] });
    expect(() => box.noteUncertain(p.id, 999, 'x')).toThrow(/not in escrow/);
    expect(staff.openItems()).toHaveLength(0);
  });
});

describe('stray notes', () => {
  it('a credit after a restart puts the last, unknown note in the box once', () => {
    const { noteId } = unknownNote(2000, [10000]);
    expect(
      box.strayNote({ value: null, outcome: 'stacked', reason: 'vend valid after restart' }),
    ).toBe('boxed');
    expect(boxRows().map((r) => r.value)).toEqual([10000, 2000]);
    expect(boxRows()[1]?.noteId).toBe(noteId);
    // The acceptor repeats itself (our ACK was lost): it is not counted twice, nor reported.
    const items = staff.openItems().length;
    expect(box.strayNote({ value: null, outcome: 'stacked', reason: 'again' })).toBe(
      'alreadyCounted',
    );
    expect(boxRows()).toHaveLength(2);
    expect(staff.openItems()).toHaveLength(items);
    // Nothing is credited to the customer: staff decide.
    expect(t.db.prepare(`SELECT state FROM cash_note WHERE id = ?`).get(noteId)).toEqual({
      state: 'unknown',
    });
  });

  it('a note recovery already put up for review gets no second review item', () => {
    const p = collectingPayment(t, { escrowed: [5000] });
    const noteId = p.escrowedNoteIds[0] as number;
    box.noteUncertain(p.id, noteId, 'note_in_escrow_at_restart');
    expect(box.strayNote({ value: null, outcome: 'stacked', reason: 'vend valid' })).toBe('boxed');
    expect(staff.openItems().filter((i) => i.kind === 'note_review')).toHaveLength(1);
  });

  it('a repeated credit of a note already journalled as stacked adds nothing', () => {
    collectingPayment(t, { stacked: [10000, 5000] });
    expect(box.strayNote({ value: null, outcome: 'stacked', reason: 'ack lost' })).toBe(
      'alreadyCounted',
    );
    expect(boxRows()).toHaveLength(2);
    expect(staff.openItems()).toHaveLength(0);
  });

  it('power-up with the note in the stacker counts the unknown note as boxed', () => {
    unknownNote(5000);
    expect(
      box.strayNote({ value: 5000, outcome: 'uncertain', reason: 'power up, bill in stacker' }),
    ).toBe('boxed');
    expect(box.audit(null).ledger).toEqual({ count: 1, total: 5000, byValue: { 5000: 1 } });
  });

  it('a note handed back is evidence only, and then no later credit can claim that note', () => {
    const { noteId } = unknownNote(5000);
    expect(box.strayNote({ value: 5000, outcome: 'returned', reason: 'returned at restart' })).toBe(
      'recorded',
    );
    expect(boxRows()).toHaveLength(0);
    const evidence = t.db.prepare(`SELECT note_id AS noteId, outcome FROM stray_note`).all();
    expect(evidence).toEqual([{ noteId, outcome: 'returned' }]);
    expect(box.strayNote({ value: null, outcome: 'stacked', reason: 'odd' })).toBe('recorded');
    expect(boxRows()).toHaveLength(0);
    expect(staff.openItems().map((i) => i.reason)).toContain('acceptor_boxed_unknown_note');
  });

  it('a credit of another value than the last note is not attributed to it', () => {
    unknownNote(5000);
    expect(box.strayNote({ value: 10000, outcome: 'stacked', reason: 'x' })).toBe('recorded');
    expect(boxRows()).toHaveLength(0);
    expect(staff.openItems().at(-1)).toMatchObject({
      amount: 10000,
      reason: 'acceptor_boxed_unknown_note',
    });
  });

  it('with an empty journal the note is recorded for staff', () => {
    expect(box.strayNote({ value: 10000, outcome: 'stacked', reason: 'x' })).toBe('recorded');
    expect(staff.openItems()).toHaveLength(1);
  });
});

describe('collection and audit', () => {
  it('compares the live ledger with the device counter since the last collection', () => {
    collectingPayment(t, { stacked: [10000, 5000, 5000] });
    expect(box.audit(3)).toMatchObject({ deviceCount: 3, matches: true });
    expect(box.audit(4)).toMatchObject({ deviceCount: 4, matches: false });
    expect(box.audit(null)).toMatchObject({ deviceCount: null, matches: true });

    expect(box.collect('tech-01', 3)).toEqual({ count: 3, total: 20000 });
    expect(box.audit(3)).toEqual({
      ledger: { count: 0, total: 0, byValue: {} },
      deviceCount: 0,
      matches: true,
    });
    expect(t.journal.cashBox()).toEqual({ notes: {}, total: 0 });

    collectingPayment(t, { stacked: [2000] });
    expect(box.audit(4)).toMatchObject({
      deviceCount: 1,
      matches: true,
      ledger: { count: 1, total: 2000 },
    });
  });
});

describe('auditCashBox (heartbeat)', () => {
  it('reads the device counters, compares, and warns a technician of a difference', async () => {
    collectingPayment(t, { stacked: [10000, 5000] });
    const warnings: object[] = [];
    const log = { warn: (obj: object) => void warnings.push(obj) };
    const device = (stacked: number | null) => ({
      readCounters: async () => (stacked === null ? null : { stacked, byValue: null }),
    });
    expect(await auditCashBox(box, device(2), log)).toMatchObject({
      matches: true,
      deviceCount: 2,
    });
    expect(await auditCashBox(box, device(null), log)).toMatchObject({ deviceCount: null });
    expect(warnings).toEqual([]);
    expect(await auditCashBox(box, device(3), log)).toMatchObject({ matches: false });
    expect(warnings).toHaveLength(1);
  });
});
