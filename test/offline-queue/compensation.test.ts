// compensateCash (offline-queue/compensation.ts) and StaffItems (staff-items.ts): a cash
// write-off the biller refused becomes a refund slip for staff (MANUAL_REFUND) in the same
// transaction as its staff item; anything else is left exactly as it was. Staff items are
// opened by the kiosk and closed once, by a person.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compensateCash, refundPartialCash } from '../../offline-queue/compensation';
import { PAYMENT_STATES } from '../../offline-queue/payment-states';
import { StaffItems } from '../../offline-queue/staff-items';
import {
  collectingPayment,
  capturedPayment,
  openTestJournal,
  paymentInState,
  RecordingPort,
  staffRows,
  tempDir,
  transitionsOf,
  workerPass,
  type TempDir,
  type TestJournal,
} from './journal-fixture';

let tmp: TempDir;
let t: TestJournal;
let staff: StaffItems;

beforeEach(() => {
  tmp = tempDir('kiosk-comp-');
  t = openTestJournal(tmp.file('journal.sqlite'));
  staff = new StaffItems(t.db, t.clock);
});
afterEach(() => {
  t.close();
  tmp.remove();
});

/** A cash payment the gateway refused with `code`: REFUND_REQUIRED, outbox closed. */
async function refused(notes: readonly number[], code = 'account_locked'): Promise<number> {
  const id = capturedPayment(t, notes);
  const port = new RecordingPort();
  port.onSubmit = () => ({ kind: 'rejected', code, message: 'refused' });
  await workerPass(t, port);
  expect(t.journal.get(id)).toMatchObject({ state: 'REFUND_REQUIRED', rejectCode: code });
  return id;
}

function image(): unknown {
  const all = (sql: string) => t.db.prepare(sql).all();
  return {
    payments: all('SELECT * FROM payment ORDER BY id'),
    events: all('SELECT * FROM payment_event ORDER BY id'),
    staff: all('SELECT * FROM staff_item ORDER BY id'),
    box: all('SELECT * FROM cash_box ORDER BY id'),
  };
}

describe('compensateCash', () => {
  it('cash REFUND_REQUIRED → MANUAL_REFUND with one cash_refund item for the collected amount', async () => {
    const id = await refused([10000, 10000, 5000], 'quote_expired');
    t.clock.advance(5_000);

    expect(compensateCash(t.db, t.journal, staff, id)).toBe(true);

    const p = t.journal.get(id);
    expect(p.state).toBe('MANUAL_REFUND');
    expect(p.collected).toBe(25000);
    expect(transitionsOf(t, id).at(-1)).toBe('REFUND_REQUIRED→MANUAL_REFUND');
    expect(t.journal.events(id).at(-1)?.type).toBe('cash_refund_slip');
    expect(staff.openItems()).toEqual([
      {
        id: expect.any(Number),
        kind: 'cash_refund',
        paymentId: id,
        amount: 25000,
        reason: 'quote_expired',
        detail: {
          agentSerial: p.agentSerial,
          billerId: 'sh-power',
          account: '3100123456',
          notes: [
            { value: 10000, count: 2 },
            { value: 5000, count: 1 },
          ],
        },
        createdAt: t.clock(),
      },
    ]);
    // The notes stay in the cash box: staff pay the refund from it against the slip.
    expect(t.cash.contents().total).toBe(25000);
  });

  it('is idempotent: a second call returns false and opens no second slip', async () => {
    const id = await refused([10000]);
    expect(compensateCash(t.db, t.journal, staff, id)).toBe(true);
    const once = image();
    expect(compensateCash(t.db, t.journal, staff, id)).toBe(false);
    expect(image()).toEqual(once);
    expect(staffRows(t)).toHaveLength(1);
  });

  it.each(PAYMENT_STATES.filter((s) => s !== 'REFUND_REQUIRED'))(
    'a cash payment in %s: returns false and changes nothing',
    (state) => {
      const id = paymentInState(t, state, { notes: [10000] });
      const before = image();
      expect(compensateCash(t.db, t.journal, staff, id)).toBe(false);
      expect(image()).toEqual(before);
    },
  );

  it.each<'qr' | 'card'>(['qr', 'card'])(
    'a %s payment in REFUND_REQUIRED: returns false and changes nothing (its refund goes another way)',
    (method) => {
      const id = paymentInState(t, 'REFUND_REQUIRED', { payment: { method }, notes: [] });
      const before = image();
      expect(compensateCash(t.db, t.journal, staff, id)).toBe(false);
      expect(image()).toEqual(before);
      expect(t.journal.get(id).state).toBe('REFUND_REQUIRED');
    },
  );

  it('an unknown payment id throws and writes nothing', () => {
    const before = image();
    expect(() => compensateCash(t.db, t.journal, staff, 404)).toThrow(/no payment 404/);
    expect(image()).toEqual(before);
  });

  it('state and staff item are one transaction: when the item cannot be written, the state does not move', async () => {
    const id = await refused([5000]);
    class BrokenStaff extends StaffItems {
      override open(): number {
        throw new Error('disk full');
      }
    }
    const before = image();
    expect(() => compensateCash(t.db, t.journal, new BrokenStaff(t.db, t.clock), id)).toThrow(
      /disk full/,
    );
    expect(image()).toEqual(before);
    expect(t.journal.get(id).state).toBe('REFUND_REQUIRED');

    // A later attempt (e.g. recovery at the next start) completes it.
    expect(compensateCash(t.db, t.journal, staff, id)).toBe(true);
    expect(staffRows(t)).toMatchObject([{ kind: 'cash_refund', payment_id: id, amount: 5000 }]);
  });

  it('the same holds when the database itself refuses the staff item', async () => {
    const id = await refused([5000]);
    t.db.exec(`CREATE TEMP TRIGGER refuse_staff BEFORE INSERT ON staff_item
      BEGIN SELECT RAISE(ABORT, 'staff_item refused'); END`);
    const before = image();
    expect(() => compensateCash(t.db, t.journal, staff, id)).toThrow(/staff_item refused/);
    expect(image()).toEqual(before);
  });
});

describe('StaffItems', () => {
  it('opens items with their detail, lists the open ones in order, and closes each once with who closed it', async () => {
    const id = await refused([10000]);
    const first = staff.open({
      kind: 'note_review',
      paymentId: id,
      amount: 2000,
      reason: 'note_in_escrow_at_restart',
      detail: { noteId: 7 },
    });
    t.clock.advance(1_000);
    const second = staff.open({
      kind: 'discrepancy',
      paymentId: null,
      amount: 300,
      reason: 'gateway_only',
    });
    expect(second).toBeGreaterThan(first);
    expect(staff.openItems()).toEqual([
      {
        id: first,
        kind: 'note_review',
        paymentId: id,
        amount: 2000,
        reason: 'note_in_escrow_at_restart',
        detail: { noteId: 7 },
        createdAt: t.clock() - 1_000,
      },
      {
        id: second,
        kind: 'discrepancy',
        paymentId: null,
        amount: 300,
        reason: 'gateway_only',
        detail: null,
        createdAt: t.clock(),
      },
    ]);

    t.clock.advance(60_000);
    staff.close(first, 'staff-042');
    expect(staff.openItems().map((i) => i.id)).toEqual([second]);
    const closed = staffRows(t).find((r) => r.id === first);
    expect(closed).toMatchObject({ closed_at: t.clock(), closed_by: 'staff-042' });
  });

  it('close refuses an item that is already closed, and keeps who closed it first', () => {
    const id = staff.open({ kind: 'discrepancy', paymentId: null, amount: 1, reason: 'x' });
    staff.close(id, 'first');
    const at = t.clock();
    t.clock.advance(1_000);
    expect(() => staff.close(id, 'second')).toThrow(/not open/);
    expect(staffRows(t)).toMatchObject([{ id, closed_at: at, closed_by: 'first' }]);
  });

  it('close refuses an id that does not exist', () => {
    expect(() => staff.close(12345, 'staff-042')).toThrow(/staff item 12345 is not open/);
    expect(staffRows(t)).toEqual([]);
  });

  it('kind, amount and payment reference are checked by the database', () => {
    expect(() =>
      staff.open({ kind: 'discrepancy', paymentId: null, amount: -1, reason: 'negative' }),
    ).toThrow(/CHECK/);
    expect(() =>
      staff.open({
        // Deliberately outside the type: the table's CHECK is the last line of defence.
        kind: 'coffee' as string as 'discrepancy',
        paymentId: null,
        amount: 1,
        reason: 'x',
      }),
    ).toThrow(/CHECK/);
    expect(() =>
      staff.open({ kind: 'note_review', paymentId: 999, amount: 1, reason: 'no such payment' }),
    ).toThrow(/FOREIGN KEY/);
    expect(staffRows(t)).toEqual([]);
  });
});

describe('refundPartialCash', () => {
  it('short cash at a biller without partial payment: a refund slip at once, notes stay in the box', () => {
    const { id } = collectingPayment(t, { stacked: [10000, 2000] });
    refundPartialCash(t.db, t.journal, staff, id, t.clock());
    const p = t.journal.get(id);
    expect(p.state).toBe('MANUAL_REFUND');
    expect(p.rejectCode).toBe('partial_payment_not_allowed');
    expect(transitionsOf(t, id).slice(-2)).toEqual([
      'COLLECTING→REFUND_REQUIRED',
      'REFUND_REQUIRED→MANUAL_REFUND',
    ]);
    expect(staff.openItems()).toMatchObject([
      { kind: 'cash_refund', paymentId: id, amount: 12000, reason: 'partial_payment_not_allowed' },
    ]);
    expect(t.cash.contents().total).toBe(12000);
    expect(t.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('refuses a payment with a note in escrow or nothing collected, writing nothing', () => {
    const held = collectingPayment(t, { stacked: [10000], escrowed: [5000] });
    const empty = collectingPayment(t);
    const before = image();
    expect(() => refundPartialCash(t.db, t.journal, staff, held.id, t.clock())).toThrow(/escrow/);
    expect(() => refundPartialCash(t.db, t.journal, staff, empty.id, t.clock())).toThrow(
      /no partial cash/,
    );
    expect(image()).toEqual(before);
  });
});
