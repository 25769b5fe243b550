// CashBox: uncertain notes go to staff; a stray note is attributed to the last journalled note
// only where the evidence fits, else it is its own event (in the box, credited to no one, when
// the device says so) with its own staff item; collections empty the live ledger, and the audit
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
  t.db
    .prepare(`SELECT note_id AS noteId, stray_id AS strayId, value FROM cash_box ORDER BY id`)
    .all() as { noteId: number | null; strayId: number | null; value: number | null }[];

const strays = () =>
  t.db
    .prepare(
      `SELECT note_id AS noteId, value, outcome, in_box AS inBox FROM stray_note ORDER BY id`,
    )
    .all() as { noteId: number | null; value: number | null; outcome: string; inBox: number }[];

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
    expect(boxRows()).toEqual([{ noteId: expect.any(Number), strayId: null, value: 10000 }]);
  });

  it('a note the device put in the box without a credit is counted there, credited to no one', () => {
    const p = collectingPayment(t, { escrowed: [5000] });
    box.noteUncertain(p.id, p.escrowedNoteIds[0] as number, 'bill in stacker at power-up', true);
    expect(t.journal.get(p.id).collected).toBe(0);
    expect(boxRows()).toEqual([{ noteId: p.escrowedNoteIds[0], strayId: null, value: 5000 }]);
    expect(staff.openItems()[0]?.detail).toMatchObject({ inBox: true });
  });

  it('refuse a note that is not in escrow, changing nothing', () => {
    const p = collectingPayment(t, { stacked: [10000] });
    expect(() => box.noteUncertain(p.id, 999, 'x')).toThrow(/not in escrow/);
    expect(staff.openItems()).toHaveLength(0);
  });
});

describe('stray notes', () => {
  const credit = { value: null, outcome: 'stacked', inBox: true, reason: 'vend valid' } as const;
  const handedBack = {
    value: null,
    outcome: 'returned',
    inBox: false,
    reason: 'power up with a note in the acceptor',
  } as const;
  const inStacker = {
    value: null,
    outcome: 'uncertain',
    inBox: true,
    reason: 'power up with a note in the stacker',
  } as const;

  it('a note handed back after a boxed unknown note is its own event, with no value of its own', () => {
    // Power lost while the note was stacking: unknown, in the box, staff review "in box".
    const p = collectingPayment(t, { escrowed: [5000] });
    const noteId = p.escrowedNoteIds[0] as number;
    box.noteUncertain(p.id, noteId, 'power up with the note in the stacker', true);
    const review = staff.openItems()[0];
    // Another note in the acceptor at the next power-up: the device never said which.
    expect(box.strayNote(handedBack)).toBe('unattributed');
    expect(strays()).toEqual([{ noteId: null, value: null, outcome: 'returned', inBox: 0 }]);
    expect(boxRows()).toEqual([{ noteId, strayId: null, value: 5000 }]);
    const items = staff.openItems();
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual(review);
    expect(items[1]).toMatchObject({
      kind: 'note_review',
      paymentId: null,
      amount: 0,
      reason: 'stray_note_returned',
      detail: { value: null, outcome: 'returned', inBox: false },
    });
  });

  it('a credit after a restart puts the last, unknown note in the box once, borrowing no value', () => {
    const { noteId } = unknownNote(2000, [10000]);
    expect(box.strayNote(credit)).toBe('attributed');
    expect(boxRows().map((r) => r.value)).toEqual([10000, 2000]);
    expect(boxRows()[1]?.noteId).toBe(noteId);
    expect(strays()).toEqual([{ noteId, value: null, outcome: 'stacked', inBox: 1 }]);
    // The acceptor repeats itself (our ACK was lost): it is not counted twice, nor reported.
    const items = staff.openItems().length;
    expect(box.strayNote({ ...credit, reason: 'again' })).toBe('repeat');
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
    expect(box.strayNote(credit)).toBe('attributed');
    expect(staff.openItems().filter((i) => i.kind === 'note_review')).toHaveLength(1);
  });

  it('a repeated credit or power-up of a note already journalled as stacked adds nothing', () => {
    collectingPayment(t, { stacked: [10000, 5000] });
    expect(box.strayNote({ ...credit, reason: 'ack lost' })).toBe('repeat');
    expect(box.strayNote(inStacker)).toBe('repeat');
    expect(boxRows()).toHaveLength(2);
    expect(strays()).toEqual([]);
    expect(staff.openItems()).toHaveLength(0);
  });

  it('power-up with the note in the stacker counts the unknown note as in the box', () => {
    unknownNote(5000);
    expect(box.strayNote({ ...inStacker, value: 5000 })).toBe('attributed');
    expect(box.audit(null).ledger).toEqual({
      count: 1,
      total: 5000,
      byValue: { 5000: 1 },
      unknownValue: 0,
    });
  });

  it('a report of no place (a jam) is evidence for the unknown note, and the box stays as it was', () => {
    const { noteId } = unknownNote(5000);
    const jam = { value: 5000, outcome: 'uncertain', inBox: false, reason: 'jam' } as const;
    expect(box.strayNote(jam)).toBe('attributed');
    expect(strays()).toEqual([{ noteId, value: 5000, outcome: 'uncertain', inBox: 0 }]);
    expect(boxRows()).toEqual([]);
  });

  it('a note handed back is evidence only; no later credit can claim that note', () => {
    const { noteId } = unknownNote(5000);
    expect(box.strayNote({ ...handedBack, value: 5000 })).toBe('attributed');
    expect(boxRows()).toHaveLength(0);
    // Said again (the host restarted before the acceptor finished handing it back).
    expect(box.strayNote(handedBack)).toBe('repeat');
    expect(strays()).toEqual([{ noteId, value: 5000, outcome: 'returned', inBox: 0 }]);
    // A credit now cannot be that note: counted in the box on its own, of no known value.
    expect(box.strayNote(credit)).toBe('unattributed');
    expect(boxRows()).toEqual([{ noteId: null, strayId: 2, value: null }]);
    expect(staff.openItems().at(-1)).toMatchObject({
      paymentId: null,
      amount: 0,
      reason: 'stray_note_in_box',
      detail: { strayId: 2, value: null, inBox: true },
    });
    expect(box.audit(null).ledger).toEqual({ count: 1, total: 0, byValue: {}, unknownValue: 1 });
    expect(t.cash.contents()).toEqual({ notes: {}, total: 0 });
  });

  it('a credit of another value than the last note is its own note in the box', () => {
    unknownNote(5000);
    expect(box.strayNote({ ...credit, value: 10000 })).toBe('unattributed');
    expect(boxRows()).toEqual([{ noteId: null, strayId: 1, value: 10000 }]);
    expect(staff.openItems().at(-1)).toMatchObject({ amount: 10000, reason: 'stray_note_in_box' });
    expect(box.audit(1)).toMatchObject({ matches: true, ledger: { count: 1, total: 10000 } });
  });

  it('with an empty journal the note is recorded for staff', () => {
    expect(box.strayNote({ ...credit, value: 10000 })).toBe('unattributed');
    expect(staff.openItems()).toHaveLength(1);
  });

  it('once the note path was clear, no report is taken for the note before it', () => {
    // A stacker jam left the note unknown; the acceptor then went idle (path clear).
    const p = collectingPayment(t, { escrowed: [5000] });
    box.noteUncertain(p.id, p.escrowedNoteIds[0] as number, 'stacker jam');
    box.notePathClear();
    // The next note, never journalled, is handed back at a power-up.
    expect(box.strayNote(handedBack)).toBe('unattributed');
    expect(box.strayNote(inStacker)).toBe('unattributed');
    expect(strays().map((s) => s.noteId)).toEqual([null, null]);
    expect(boxRows().map((r) => r.strayId)).toEqual([2]);
  });

  it('a note handed back after one the journal handed back is a new note once the path was clear', () => {
    collectingPayment(t, { returned: [2000] });
    // Still handing it back when the host restarted: the same note.
    expect(box.strayNote(handedBack)).toBe('repeat');
    box.notePathClear();
    expect(box.strayNote(handedBack)).toBe('unattributed');
  });

  it('an unattributed credit said again is counted once; a new one after a clear path again', () => {
    collectingPayment(t, { stacked: [1000] });
    box.notePathClear();
    expect(box.strayNote({ ...credit, value: 2000 })).toBe('unattributed');
    expect(box.strayNote(credit)).toBe('repeat');
    expect(box.strayNote({ ...inStacker, value: 2000 })).toBe('repeat');
    expect(box.strayNote({ ...credit, value: 5000 })).toBe('unattributed');
    box.notePathClear();
    expect(box.strayNote({ ...credit, value: 5000 })).toBe('unattributed');
    expect(boxRows().map((r) => r.value)).toEqual([1000, 2000, 5000, 5000]);
  });

  it('a clear path closes the latest note whatever its state: a same-value credit after it is a new note', () => {
    collectingPayment(t, { stacked: [1000] });
    // Before the path is clear, the device saying it again is the same note.
    expect(box.strayNote({ ...credit, value: 1000 })).toBe('repeat');
    box.notePathClear();
    const cleared = () =>
      t.db.prepare(`SELECT id FROM cash_note WHERE path_clear_at IS NOT NULL`).all();
    expect(cleared()).toHaveLength(1);
    // Another 10-yuan note slipped in with no payment waiting: money in the box, for staff.
    expect(box.strayNote({ ...credit, value: 1000 })).toBe('unattributed');
    expect(boxRows().map((r) => r.value)).toEqual([1000, 1000]);
    expect(staff.openItems().at(-1)).toMatchObject({ amount: 1000, reason: 'stray_note_in_box' });
    const { noteId } = unknownNote(5000);
    box.notePathClear();
    expect(cleared()).toContainEqual({ id: noteId });
  });

  it('a note the kiosk handed back at escrow after a clear path is recorded, with nothing for staff', () => {
    collectingPayment(t, { stacked: [1000] });
    box.notePathClear();
    const refused = { ...handedBack, value: 1000, refusedAtEscrow: true } as const;
    expect(box.strayNote(refused)).toBe('refused');
    expect(strays()).toEqual([{ noteId: null, value: 1000, outcome: 'returned', inBox: 0 }]);
    expect(staff.openItems()).toEqual([]);
    expect(boxRows().map((r) => r.value)).toEqual([1000]);
  });

  it('before the path was clear, a note handed back at escrow may still be the unknown one', () => {
    // A restart left a note in escrow of unknown fate; the new driver hands it back (no payment
    // takes notes): evidence for that note, not a new one.
    const { noteId } = unknownNote(5000);
    const refused = { ...handedBack, value: 5000, refusedAtEscrow: true } as const;
    expect(box.strayNote(refused)).toBe('attributed');
    expect(strays()).toEqual([{ noteId, value: 5000, outcome: 'returned', inBox: 0 }]);
  });

  it('refuses a report that contradicts itself or has no sense, changing nothing', () => {
    unknownNote(5000);
    const before = staff.openItems();
    expect(() => box.strayNote({ ...credit, inBox: false })).toThrow(/in the box/);
    expect(() => box.strayNote({ ...handedBack, inBox: true })).toThrow(/in the box/);
    expect(() => box.strayNote({ ...credit, value: 0 })).toThrow();
    expect(() => box.strayNote({ ...credit, value: 12.5 })).toThrow();
    expect(() => box.strayNote({ ...credit, reason: '' })).toThrow();
    expect(() => box.strayNote({ ...credit, refusedAtEscrow: true })).toThrow(/refused at escrow/);
    expect(strays()).toEqual([]);
    expect(boxRows()).toEqual([]);
    expect(staff.openItems()).toEqual(before);
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
      ledger: { count: 0, total: 0, byValue: {}, unknownValue: 0 },
      deviceCount: 0,
      matches: true,
    });
    expect(t.cash.contents()).toEqual({ notes: {}, total: 0 });

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
