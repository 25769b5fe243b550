// Staff items stay open until a person closes them. Every snapshot the host publishes says how
// many wait, so that figure is counted by the journal rather than loaded and parsed item by item.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StaffItems } from '../../offline-queue/staff-items';
import { openTestJournal, tempDir, type TempDir, type TestJournal } from './journal-fixture';

let tmp: TempDir;
let t: TestJournal;
let staff: StaffItems;

beforeEach(() => {
  tmp = tempDir();
  t = openTestJournal(tmp.file('journal.sqlite'));
  staff = new StaffItems(t.db, t.clock);
});
afterEach(() => {
  t.close();
  tmp.remove();
});

const refund = (amount: number) =>
  staff.open({ kind: 'cash_refund', paymentId: null, amount, reason: 'partial_payment' });

describe('StaffItems.openCount', () => {
  it('is 0 with none, and counts the items still open as they are opened and closed', () => {
    expect(staff.openCount()).toBe(0);
    const first = refund(1000);
    refund(2000);
    refund(500);
    expect(staff.openCount()).toBe(3);
    staff.close(first, 'staff 07');
    expect(staff.openCount()).toBe(2);
    expect(staff.openCount()).toBe(staff.openItems().length);
  });
});
